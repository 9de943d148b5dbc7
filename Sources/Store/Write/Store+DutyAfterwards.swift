import Counseling
import GRDB

/// Duty records after the fact: a paper duty log entered, a check-in's
/// times corrected, a violation explained. Who did it and when is the
/// store's, never the caller's; the rules are the domain's
/// (`DutyCheckIn.enteredAfterwards`, `corrected`), checked against the
/// check-ins as stored under the write lock.
extension Store {
    func enterCheckIns(_ checkIns: [DutyCheckIn], _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        let known = Set(try Self.knownStaff(accounts.map(\.id), db))
        var outcome = CommandOutcome()
        for checkIn in checkIns {
            guard known.contains(checkIn.person) else { throw StoreError.invalid([.unrecognized(.person, choices: Self.staffChoices)]) }
            let note = checkIn.amendment?.reason ?? ""
            // A log entered twice: its rows' ids (day, time, person) are taken.
            if let twice = try stored(DutyCheckIn.self, id: checkIn.id, db) { throw DutyProblem.overlaps(twice.checkIn, twice.checkOut) }
            if let problem = TextCheck.line(note, field: .note, required: false) { throw StoreError.invalid([problem]) }
            // The batch itself counts: two rows of the log may overlap.
            let entered = try checkIn.enteredAfterwards(by: a.id, at: now, note: note,
                                                        others: try sameDay(checkIn.person, checkIn.checkIn.day, db))
            try insert(entered, by: a.id, db)
            try audit(db, a.id, now, .checkInEnter, subject: "checkin:\(entered.id.rawValue)",
                      "\(entered.person.rawValue) \(Self.times(entered))")
            outcome.added += 1
        }
        return outcome
    }

    func correctCheckIn(_ checkIn: DutyCheckIn, _ reason: String, basedOn base: DutyCheckIn, _ a: Account,
                        _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard checkIn.id == base.id else { throw StoreError.missing(kind: DutyCheckIn.kind, id: checkIn.id.rawValue) }
        try requireUnchanged(base, db)
        if let problem = TextCheck.line(reason, field: .reason) { throw StoreError.invalid([problem]) }
        let corrected = try base.corrected(checkIn: checkIn.checkIn, checkOut: checkIn.checkOut, by: a.id, at: now,
                                           reason: reason, others: try sameDay(base.person, checkIn.checkIn.day, db))
        try replace(corrected, by: a.id, at: now, db)
        try audit(db, a.id, now, .checkInCorrect, subject: "checkin:\(corrected.id.rawValue)",
                  "\(Self.times(base)) → \(Self.times(corrected))")
        return CommandOutcome()
    }

    func explainViolation(_ note: ViolationNote, basedOn base: ViolationNote?, _ a: Account, _ now: LocalDateTime,
                          _ db: Database) throws -> CommandOutcome {
        var written = note
        written.by = a.id
        written.at = now
        try Self.validate(written.validate())
        if let base {
            guard base.id == note.id else { throw StoreError.missing(kind: ViolationNote.kind, id: note.id.rawValue) }
            try requireUnchanged(base, db)
            try replace(written, by: a.id, at: now, db)
        } else {
            // Someone explained it since the form opened: theirs is not overwritten.
            if let theirs = try stored(ViolationNote.self, id: note.id, db) {
                throw StoreError.stale(kind: ViolationNote.kind, by: try displayName(theirs.by, db), at: theirs.at)
            }
            try insert(written, by: a.id, db)
        }
        try audit(db, a.id, now, .violationExplain, subject: "violation:\(note.id.rawValue)", "")
        return CommandOutcome()
    }

    /// Every check-in of `person` on `day` as stored now.
    func sameDay(_ person: StaffID, _ day: Day, _ db: Database) throws -> [DutyCheckIn] {
        let from = LocalDateTime(day, .midnight), to = LocalDateTime(day.adding(days: 1), .midnight)
        return try decodeAll(DutyCheckIn.self, try Self.rows(db, where: "kind = ? AND time >= ? AND time < ?",
                                                             [RecordKind.checkin, from.description, to.description]),
                             verify: true).filter { $0.person == person }
    }

    /// The accounts and the people the school entered (a roster's names).
    static func knownStaff(_ accounts: [StaffID], _ db: Database) throws -> [StaffID] {
        accounts + (try staffSetting(db)).map(\.id)
    }

    static let staffChoices = LocalizedText(zh: "账号名或值班表中的姓名", en: "an account name or a name on the duty roster")

    static func times(_ c: DutyCheckIn) -> String {
        "\(c.checkIn) – \(c.checkOut.map { "\($0)" } ?? "?")"
    }
}
