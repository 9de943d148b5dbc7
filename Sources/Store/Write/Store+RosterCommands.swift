import Counseling
import Foundation
import GRDB

/// The duty roster edited shift by shift, and weekly patterns: each change
/// checked against the school calendar and the same person's other shifts
/// (`DutyRoster`), an edit against the version it was based on.
extension Store {
    func addShift(_ shift: PlannedShift, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try requireKnown(shift.person, db)
        try requireFits(shift, now, db)
        try insert(shift, by: a.id, db)
        try audit(db, a.id, now, .shiftAdd, subject: "shift:\(shift.id.rawValue)", Self.shiftText(shift))
        return CommandOutcome()
    }

    /// A shift at another time or day, or given to another person: the
    /// version the screen showed must still be the stored one, and must not
    /// have begun (it belongs to the compliance record by then).
    func moveShift(_ shift: PlannedShift, basedOn base: PlannedShift, _ a: Account, _ now: LocalDateTime,
                   _ db: Database) throws -> CommandOutcome {
        guard shift.id == base.id else { throw StoreError.missing(kind: .shift, id: shift.id.rawValue) }
        try requireCurrent(base, db)
        if let problem = DutyRoster.problem(changing: base, now: now) { throw problem }
        try requireKnown(shift.person, db)
        try requireFits(shift, now, db)
        try replace(shift, by: a.id, at: now, db)
        try audit(db, a.id, now, .shiftMove, subject: "shift:\(shift.id.rawValue)",
                  Self.shiftText(base) + " → " + Self.shiftText(shift))
        return CommandOutcome()
    }

    /// Takes a shift off the roster; the removed version stays in
    /// `revisions`, replaced by the account that removed it.
    func removeShift(_ shift: PlannedShift, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try requireCurrent(shift, db)
        if let problem = DutyRoster.problem(changing: shift, now: now) { throw problem }
        guard let old = try Row.fetchOne(db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND id = ?",
                                         arguments: [RecordKind.shift, shift.id.rawValue]).flatMap(RecordRow.init) else {
            throw StoreError.missing(kind: .shift, id: shift.id.rawValue)
        }
        try db.execute(sql: """
            INSERT INTO revisions(kind, id, revision, student, body, author, signature, replaced_by, replaced_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [RecordKind.shift, old.id, old.revision, old.student, old.bodyValue, old.author, old.signatureValue,
                             a.id.rawValue, now.description])
        try db.execute(sql: "DELETE FROM records WHERE kind = ? AND id = ?", arguments: [RecordKind.shift, shift.id.rawValue])
        try audit(db, a.id, now, .shiftRemove, subject: "shift:\(shift.id.rawValue)", Self.shiftText(shift))
        return CommandOutcome()
    }

    /// Plans a weekly pattern's shifts on its weekday's school days, all or
    /// none: a shift the person already has at exactly that time is left as
    /// it is (the pattern set again), any other overlap refuses the pattern.
    func applyWeeklyPattern(_ pattern: WeeklyDutyPattern, _ a: Account, _ now: LocalDateTime,
                            _ db: Database) throws -> CommandOutcome {
        try Self.validate(pattern.validate(today: now.day))
        try requireKnown(pattern.person, db)
        let calendar = try schoolCalendar(db)
        let days = pattern.days(in: calendar, now: now)
        guard !days.isEmpty else {
            throw RosterError.patternHasNoSchoolDay(pattern.weekday, first: pattern.first, last: pattern.last)
        }
        var roster = try shifts(from: pattern.first, through: pattern.last, db)
        var outcome = CommandOutcome()
        for shift in pattern.shifts(on: days, newID: { Self.newID(PlannedShift.self) }) {
            if roster.contains(where: { $0.person == shift.person && $0.span == shift.span }) { continue }
            if let problem = DutyRoster.problem(adding: shift, to: roster, calendar: calendar, now: now) { throw Self.refusal(problem) }
            try insert(shift, by: a.id, db)
            roster.append(shift)
            outcome.added += 1
        }
        try audit(db, a.id, now, .rosterPattern, subject: "", """
            \(pattern.weekday.rawValue) \(pattern.start)–\(pattern.end) \(pattern.person.rawValue) \
            \(pattern.first)…\(pattern.last): added \(outcome.added)
            """)
        return outcome
    }

    // MARK: - shared steps

    /// Refuses a shift the roster's rules refuse, against what is stored now.
    private func requireFits(_ shift: PlannedShift, _ now: LocalDateTime, _ db: Database) throws {
        let roster = try shifts(from: shift.day, through: shift.span.end.day, db)
        if let problem = DutyRoster.problem(adding: shift, to: roster, calendar: try schoolCalendar(db), now: now) {
            throw Self.refusal(problem)
        }
    }

    /// A field's problem is refused as every command refuses one
    /// (`StoreError.invalid`); the roster's own say what they are.
    private static func refusal(_ problem: any TeacherReadableError) -> any Error {
        (problem as? ValidationError).map { StoreError.invalid([$0]) } ?? problem
    }

    /// The stored shift must be exactly `shown`; otherwise who changed or
    /// removed it in between, and when.
    private func requireCurrent(_ shown: PlannedShift, _ db: Database) throws {
        guard let stored = try stored(PlannedShift.self, id: shown.id, db) else {
            let removed = try Bool.fetchOne(db, sql: "SELECT 1 FROM revisions WHERE kind = ? AND id = ?",
                                            arguments: [RecordKind.shift, shown.id.rawValue]) ?? false
            if removed { throw try staleError(.shift, shown.id.rawValue, db) }
            throw StoreError.missing(kind: .shift, id: shown.id.rawValue)
        }
        if stored != shown { throw try staleError(.shift, shown.id.rawValue, db) }
    }

    /// A shift's person must be an account or on the staff list.
    private func requireKnown(_ person: StaffID, _ db: Database) throws {
        let known = Set(accounts.map(\.id)).union(try Self.staffSetting(db).map(\.id))
        if !known.contains(person) { throw RosterError.unknownPerson(person.rawValue) }
    }

    /// Shifts stored on the days `first...last`.
    func shifts(from first: Day, through last: Day, _ db: Database) throws -> [PlannedShift] {
        try decodeAll(PlannedShift.self, try Self.rows(db, where: "kind = ? AND time >= ? AND time < ?", [
            RecordKind.shift, LocalDateTime(first, .midnight).description,
            LocalDateTime(last.adding(days: 1), .midnight).description]), verify: true)
    }

    /// The school calendar as this transaction reads it (see `calendar()`).
    func schoolCalendar(_ db: Database) throws -> SchoolCalendar {
        try String.fetchOne(db, sql: "SELECT body FROM settings WHERE key = ?", arguments: [SettingKey<SchoolCalendar>.calendar.name])
            .map { try Self.decode(SchoolCalendar.self, $0) } ?? HolidayFile.bundledCalendar()
    }

    /// `2026-09-07 12:00–13:30 zhouming`, for the audit log.
    static func shiftText(_ shift: PlannedShift) -> String {
        "\(shift.day) \(RosterError.clock(shift.span)) \(shift.person.rawValue)"
    }
}
