import Counseling
import Foundation
import GRDB

extension Store {
    /// Carries out `command` for `account` at `now`, in one transaction:
    /// the permission check from the account's roles, the domain rules, the
    /// check that what the command was based on is still what is stored,
    /// the writes and the audit entry. Anything refused leaves the store as
    /// it was. This is the only way the app and the command line change
    /// records.
    @discardableResult
    public func execute(_ command: StoreCommand, as account: Account, at now: LocalDateTime) throws -> CommandOutcome {
        guard let action = command.requiredAction(by: account) else {
            // Commands that are every account's own (its draft).
            return try writer.write { db in try self.run(command, account, now, db) }
        }
        guard account.may(action) else { throw StoreError.notAllowed(action) }
        return try writer.write { db in try self.run(command, account, now, db) }
    }

    private func run(_ command: StoreCommand, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        // What others left for the tiers' holders goes in before anything
        // reads the files (a counselor's session only).
        try receiveInbox(as: a.id, at: now, db)
        switch command {
        case .logVisit(let visit): return try logVisit(visit, a, now, db)
        case .checkIn(let shift): return try checkIn(shift, a, now, db)
        case .checkOut(let id): return try checkOut(id, a, now, db)
        case .bookAppointment(let appointment, let confirmed): return try book(appointment, outsideHoursConfirmed: confirmed, a, now, db)
        case .moveAppointment(let appointment, let base): return try move(appointment, basedOn: base, a, now, db)
        case .takeEscalation(let id): return try takeEscalation(id, a, now, db)
        case .startCrisisRun(let run): return try startCrisisRun(run, a, now, db)
        case .recordCrisisStep(let id, let step, let outcome, let note):
            return try recordCrisisStep(id, step, outcome, note, a, now, db)
        case .handOverCrisis(let id, let to, let note): return try handOver(id, to: to, note: note, a, now, db)
        case .takeCrisisRun(let id): return try takeCrisisRun(id, a, now, db)
        case .changeLevel(let change, let followUp): return try changeLevel(change, followUp, a, now, db)
        case .completeFollowUp(let followUp, let base): return try completeFollowUp(followUp, basedOn: base, a, now, db)
        case .writeNote(let note): return try writeNote(note, a, now, db)
        case .editNote(let note, let base): return try editNote(note, basedOn: base, a, now, db)
        case .savePlan(let plan, let base): return try savePlan(plan, basedOn: base, a, now, db)
        case .recordGuardianContact(let contact): return try recordContact(contact, a, now, db)
        case .recordReferral(let referral): return try recordReferral(referral, a, now, db)
        case .recordReferralFeedback(let referral, let base): return try recordFeedback(referral, basedOn: base, a, now, db)
        case .decideProposal(let proposal, let change, let base): return try decide(proposal, change, basedOn: base, a, now, db)
        case .importScreening(let batch): return try importScreening(batch, a, now, db)
        case .requestClosing(let closing): return try requestClosing(closing, a, now, db)
        case .decideClosing(let closing): return try decideClosing(closing, a, now, db)
        case .keepDraft(let body, let student): return try keepDraft(body, student, a, now, db)
        case .removeDraft: return try removeDraft(a, now, db)
        case .importStudents(let students): return try importStudents(students, a, now, db)
        case .importShifts(let shifts): return try importShifts(shifts, a, now, db)
        case .addShift(let shift): return try addShift(shift, a, now, db)
        case .moveShift(let shift, let base): return try moveShift(shift, basedOn: base, a, now, db)
        case .removeShift(let shift): return try removeShift(shift, a, now, db)
        case .applyWeeklyPattern(let pattern): return try applyWeeklyPattern(pattern, a, now, db)
        case .recordExport(let kind, let detail):
            try audit(db, a.id, now, kind.auditAction, kind.student, detail)
            return CommandOutcome()
        case .recordAccountChange(let change, let name):
            try Self.validate([TextCheck.line(name, field: .person)].compactMap { $0 })
            try audit(db, a.id, now, change.auditAction, subject: "account:\(name)", change.auditDetail)
            return CommandOutcome()
        case .recordBackup(let destination):
            // Recorded whatever the path holds (the backup is written by
            // now), with control characters spelled out, not refused.
            guard !destination.isEmpty else { throw StoreError.invalid([.empty(.note)]) }
            try audit(db, a.id, now, .backupWrite, subject: "", Self.spellingOutControls(destination))
            return CommandOutcome()
        case .enterCheckIns(let checkIns): return try enterCheckIns(checkIns, a, now, db)
        case .correctCheckIn(let checkIn, let reason, let base): return try correctCheckIn(checkIn, reason, basedOn: base, a, now, db)
        case .explainViolation(let note, let base): return try explainViolation(note, basedOn: base, a, now, db)
        case .applySchoolSetup(let setup, let base): return try applySchoolSetup(setup, basedOn: base, a, now, db)
        case .addStudent(let student): return try addStudent(student, a, now, db)
        case .editStudent(let student, let base): return try editStudent(student, basedOn: base, a, now, db)
        case .recordLeaving(let id, let event, let base): return try recordEnrolment(id, event, followUpDue: nil, basedOn: base, a, now, db)
        case .recordReturn(let id, let event, let due, let base):
            return try recordEnrolment(id, event, followUpDue: due, basedOn: base, a, now, db)
        case .namePeerSupporters(let ref, let ids, let base): return try namePeerSupporters(ref, ids, basedOn: base, a, now, db)
        case .logGroupSession(let session, let participants): return try logGroupSession(session, participants: participants, a, now, db)
        }
    }

    /// Opens a student's whole file for an account that may read it, and
    /// writes to the audit log that it was opened, by whom.
    public func openFile(_ id: StudentID, as account: Account, at now: LocalDateTime) throws -> StudentFile {
        guard account.may(.readStudentArchive) else { throw StoreError.notAllowed(.readStudentArchive) }
        return try writer.write { db in
            let opened = try file(id, db)
            try audit(db, account.id, now, .studentView, id, "")
            return opened
        }
    }

    /// A student's file as it is now, for the screen after a save: the save
    /// is in the audit log already, this is not a new view of the file.
    public func reloadFile(_ id: StudentID, as account: Account) throws -> StudentFile {
        guard account.may(.readStudentArchive) else { throw StoreError.notAllowed(.readStudentArchive) }
        return try writer.read { db in try file(id, db) }
    }

    // MARK: - shared steps

    /// Refuses a record the domain rules refuse.
    static func validate(_ problems: [ValidationError]) throws {
        if !problems.isEmpty { throw StoreError.invalid(problems) }
    }

    /// The stored version of a record, which must be exactly `base`, the
    /// version the edit started from; otherwise who saved in between, and when.
    func requireUnchanged<R: StoredRecord & Equatable>(_ base: R, _ db: Database) throws {
        guard let stored = try stored(R.self, id: base.id, db) else {
            throw StoreError.missing(kind: R.kind, id: base.id.rawValue)
        }
        if stored != base { throw try staleError(R.kind, base.id.rawValue, db) }
    }

    /// Who wrote the version now stored of a record, and when (the last
    /// replaced version names them).
    func staleError(_ kind: RecordKind, _ id: String, _ db: Database) throws -> StoreError {
        let row = try Row.fetchOne(db, sql: """
            SELECT replaced_by, replaced_at FROM revisions WHERE kind = ? AND id = ? ORDER BY revision DESC LIMIT 1
            """, arguments: [kind, id])
        let by = (row?["replaced_by"] as String?).map(StaffID.init)
        let at = try (row?["replaced_at"] as String?).map { try Self.decode(LocalDateTime.self, try Self.encode($0)) }
        return .stale(kind: kind, by: try by.map { try displayName($0, db) }, at: at)
    }

    /// What colleagues call a member of staff (see `staff(_:)`); an account
    /// removed since, by its account name.
    func displayName(_ id: StaffID, _ db: Database) throws -> String {
        try staff(db).first { $0.id == id }?.name ?? id.rawValue
    }

    static func staffSetting(_ db: Database) throws -> [Staff] {
        try String.fetchOne(db, sql: "SELECT body FROM settings WHERE key = ?", arguments: [SettingKey<[Staff]>.staff.name])
            .map { try decode([Staff].self, $0) } ?? []
    }

    /// An entry about a student. For an action on tiered records the entry
    /// names the student only by the tier's link and seals its detail
    /// ("level 2 → 3") under that tier (`AuditTier`); a session without
    /// the tier leaves both out rather than name the student.
    func audit(_ db: Database, _ actor: StaffID, _ now: LocalDateTime, _ action: AuditAction,
               _ student: StudentID?, _ detail: String) throws {
        guard let student else { return try audit(db, actor, now, action, subject: "", detail) }
        guard let tier = action.tier else { return try audit(db, actor, now, action, subject: "student:\(student.rawValue)", detail) }
        let entry = AuditTier.entry(tier, student, action: action, actor: actor, detail: detail, keys)
        try audit(db, actor, now, action, subject: entry.subject, entry.detail)
    }

    /// `text` with every control, format or separator character written
    /// as `\u{…}`, for an audit detail that must be kept as it came.
    static func spellingOutControls(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            TextCheck.containsControlCharacters(String(scalar), allowingLineBreaks: false)
                ? "\\u{" + String(scalar.value, radix: 16) + "}" : String(scalar)
        }.joined()
    }

    /// An entry about something other than a student (`account:NAME`).
    func audit(_ db: Database, _ actor: StaffID, _ now: LocalDateTime, _ action: AuditAction,
               subject: String, _ detail: String) throws {
        try AuditChain.append(db, keys: keys, at: now.date(in: timeZone), actor: actor.rawValue, action: action.rawValue,
                              subject: subject, detail: detail)
    }
}

extension StoreCommand {
    /// The permission a command needs from `account`; nil for what is every
    /// account's own (its draft, its own new passphrase).
    func requiredAction(by account: Account) -> Action? {
        switch self {
        case .logVisit: .logVisit
        case .checkIn, .checkOut: .checkInOut
        case .bookAppointment, .moveAppointment: .bookAppointment
        case .takeEscalation, .takeCrisisRun: .takeEscalatedVisit
        case .startCrisisRun, .handOverCrisis: .startCrisisChecklist
        case .recordCrisisStep: .recordCrisisStep
        case .changeLevel: .changeWarningLevel
        case .completeFollowUp: .recordFollowUp
        case .writeNote, .editNote: .writeCaseNote
        case .savePlan: .editSupportPlan
        case .recordGuardianContact: .recordGuardianContact
        case .recordReferral, .recordReferralFeedback: .recordReferral
        case .decideProposal: .decideScreeningProposal
        case .importScreening: .importScreeningResults
        case .requestClosing: .requestCaseClosing
        case .decideClosing: .approveCaseClosing
        case .keepDraft, .removeDraft: nil
        case .importStudents: .importStudents
        case .importShifts: .editDutyRoster
        case .addShift, .moveShift, .removeShift, .applyWeeklyPattern: .editDutyRoster
        case .recordExport(let kind, _): kind.readPermission
        case .recordAccountChange(.passphraseChanged, let name) where name == account.id.rawValue: nil
        // Only a holder of the keys could seal them (the vault did, before
        // this records it): any role may record its own grant.
        case .recordAccountChange(.granted, _): nil
        case .recordAccountChange: .manageAccounts
        case .recordBackup: .makeBackup
        case .enterCheckIns, .correctCheckIn: .amendDutyRecord
        case .explainViolation: .explainViolation
        // Each changed part needs its own permission too (`applySchoolSetup`).
        case .applySchoolSetup: .editSchoolCalendar
        case .addStudent, .editStudent: .editStudentRoster
        case .recordLeaving, .recordReturn: .recordEnrolment
        case .namePeerSupporters: .namePeerSupporters
        case .logGroupSession: .logGroupSession
        }
    }
}
