import Counseling
import Foundation
import GRDB

extension Store {
    /// The files of every key-attention student (levels 2 and 3), whole and
    /// checked record by record, read in one transaction.
    public func keyAttentionFiles() throws -> [StudentFile] {
        try writer.read { db in
            try currentStandings(db).values.filter(\.level.isKeyAttention).map(\.student).sorted().map { try file($0, db) }
        }
    }

    /// The counselor's queue, most urgent first. Only the record kinds
    /// urgency and the lacks depend on are read (no notes or screenings), and
    /// their clinical text stays sealed: this is on the path from unlock to
    /// the first frame.
    public func keyAttentionQueue(today: Day, opened: OpenedStandings? = nil) throws -> [KeyAttentionItem] {
        let files = try writer.read { db in
            let keyStudents = try currentStandings(db, opened: opened).values.filter(\.level.isKeyAttention).map(\.student)
            return try listFiles(keyStudents, kinds: [.level, .plan, .visit, .appointment, .contact, .referral, .followup, .crisis, .closing], db)
        }
        // A lack is said only where this session reads the records that
        // would fill it: a head's keys open no plan or guardian contact,
        // and none of those may be reported missing for that reason.
        let readable = Set(RecordKind.allCases.filter { $0.tier.map(keys.holds) ?? true })
        return KeyAttentionQueue.items(files, today: today).map { item in
            var item = item
            item.missing = item.missing.filter { readable.contains($0.judgedFrom) }
            return item
        }
    }

    /// Files for a whole-school list: the students' roster entries and their
    /// records of `kinds`, as far as this session reads them, in a few
    /// queries. Decoding is spread over the cores; tiered records are taken
    /// on their seal, room records on their signature (see `decode`), and
    /// clinical text stays sealed.
    func listFiles(_ students: [StudentID], kinds: Set<RecordKind>, _ db: Database) throws -> [StudentFile] {
        guard !students.isEmpty else { return [] }
        let ids = students.map(\.rawValue)
        let bodies = try Row.fetchAll(db, sql: "SELECT body FROM students WHERE id IN (SELECT value FROM json_each(?))",
                                      arguments: [try Self.encode(ids)]).map { $0[0] as String }
        // One pass over the kinds, kept by the student column: each
        // student's id for room records, its links for the tiers held.
        var columns = Set(ids)
        for tier in Set(kinds.compactMap(\.tier)) { columns.formUnion(ids.compactMap { keys.link(tier, $0) }) }
        let readable = kinds.filter { $0.tier.map(keys.holds) ?? true }
        // Only these students' rows are read (records_by_student), not every
        // row of the kinds: the queue of 36 students must not decode the
        // whole school's visits.
        let rows = try Self.rows(db, where: "student IN (SELECT value FROM json_each(?)) AND kind IN (SELECT value FROM json_each(?))",
                                 [try Self.encode(columns.sorted()), try Self.encode(readable.map(\.rawValue))])
        let students = try ParallelDecode.map(bodies) { try StudentBody.decode($0, self.keys, opening: false) }
        let records = try ParallelDecode.map(rows) { row in self.listRecord(row) }
        var files = Dictionary(uniqueKeysWithValues: students.map { ($0.id, StudentFile(student: $0)) })
        for record in records.compactMap({ $0 }) { record.add(to: &files) }
        return files.values.map(Self.inTimeOrder)
    }

    /// A row of a list, decoded as its kind.
    private func listRecord(_ row: RecordRow) -> ListRecord? {
        func get<R: StoredRecord>(_ type: R.Type) -> R? { try? decode(type, row, verify: false, openText: false).get() }
        switch row.kind {
        case .level: return get(LevelChange.self).map(ListRecord.level)
        case .plan: return get(SupportPlan.self).map(ListRecord.plan)
        case .visit: return get(Visit.self).map(ListRecord.visit)
        case .appointment: return get(Appointment.self).map(ListRecord.appointment)
        case .contact: return get(GuardianContact.self).map(ListRecord.contact)
        case .followup: return get(FollowUp.self).map(ListRecord.followUp)
        case .crisis: return get(CrisisRun.self).map(ListRecord.crisis)
        case .closing: return get(CaseClosing.self).map(ListRecord.closing)
        case .referral: return get(Referral.self).map(ListRecord.referral)
        case .shift, .checkin, .note, .screening, .proposal, .student: return nil
        case .violationNote, .campaign: return nil
        // A group session is no list's business: files show attendance.
        case .groupSession, .groupAttendance: return nil
        }
    }

    /// Each student's records in time order, as `records(_:of:)` gives them.
    private static func inTimeOrder(_ file: StudentFile) -> StudentFile {
        var f = file
        f.levelChanges = inTimeOrder(f.levelChanges)
        f.plans = inTimeOrder(f.plans)
        f.visits = inTimeOrder(f.visits)
        f.appointments = inTimeOrder(f.appointments)
        f.guardianContacts = inTimeOrder(f.guardianContacts)
        f.followUps = inTimeOrder(f.followUps)
        f.crisisRuns = inTimeOrder(f.crisisRuns)
        f.closings = inTimeOrder(f.closings)
        f.referrals = inTimeOrder(f.referrals)
        return f
    }

    /// `chronological`, with each record's time key made once, not at every comparison.
    private static func inTimeOrder<R: StoredRecord>(_ records: [R]) -> [R] {
        guard records.count > 1 else { return records }
        return records.map { ($0.timeKey, $0.id.rawValue, $0) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// Overdue follow-ups of any student, most overdue first.
    public func overdueFollowUps(today: Day) throws -> [Worklists.OverdueFollowUp] {
        let files = try writer.read { db in
            let late = Set(try everyRecord(FollowUp.self, openText: false, db).filter { $0.isOverdue(today: today) }.map(\.student))
                .subtracting(try leftStudents(db))
            return try listFiles(Array(late), kinds: [.level, .followup], db)
        }
        return Worklists.overdueFollowUps(files, today: today)
    }

    /// Referrals still waiting for the institution's feedback.
    public func referralsWithoutFeedback(today: Day) throws -> [Worklists.PendingFeedback] {
        let files = try writer.read { db in
            let waiting = Set(try everyRecord(Referral.self, db).filter(\.awaitsFeedback).map(\.student))
                .subtracting(try leftStudents(db))
            return try listFiles(Array(waiting), kinds: [.referral], db)
        }
        return Worklists.referralsWithoutFeedback(files, today: today)
    }

    /// Key-attention students not seen for `days` days.
    public func notSeen(in days: Int, today: Day) throws -> [Worklists.NotSeen] {
        Worklists.notSeen(in: days, try keyAttentionFiles(), today: today)
    }

    /// How many students are at each level (no names, no notes: what the
    /// head of guidance sees), from the oversight tier: every student
    /// without a row there is at none.
    public func levelCounts() throws -> [WarningLevel: Int] {
        try writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: WarningLevel.allCases.map { ($0, 0) })
            let standings = try currentStandings(db)
            for standing in standings.values { counts[standing.level, default: 0] += 1 }
            counts[.none, default: 0] += (try Int.fetchOne(db, sql: "SELECT count(*) FROM students WHERE \(Self.enrolledSQL)") ?? 0)
                - standings.count
            return counts
        }
    }

    /// The standings of students on the lists: one who left keeps their
    /// file, but no list or count of the school holds them.
    func currentStandings(_ db: Database, opened: OpenedStandings? = nil) throws -> [StudentID: Standing] {
        let all = try opened?.byStudent ?? standings(db)
        let left = try leftStudents(among: Set(all.keys), db)
        return all.filter { !left.contains($0.key) }
    }

    /// Opening-hour compliance over [first, last], from the stored calendar,
    /// planned shifts and actual check-ins, against `policy` or else the
    /// school's stored policy; never from before the school's first
    /// recorded day (`ComplianceStart`).
    public func compliance(from first: Day, through last: Day, now: LocalDateTime, policy: OpeningPolicy? = nil) throws -> ComplianceReport {
        let start = LocalDateTime(first, TimeOfDay.midnight)
        let end = LocalDateTime(last.adding(days: 1), TimeOfDay.midnight)
        // A check-in may start the evening before the range; none lasts a day.
        let checkIns = try records(DutyCheckIn.self, from: LocalDateTime(first.adding(days: -1), TimeOfDay.midnight), to: end)
        var report = Compliance.evaluate(from: first, through: last, calendar: try calendar(), policy: try policy ?? openingPolicy(),
                                         shifts: try records(PlannedShift.self, from: start, to: end),
                                         checkIns: checkIns, firstRecorded: try firstRecordedDay(), now: now)
        // The heads' explanations; a week's is dated on its Monday, which may lie before `first`.
        let explained = Set(report.violations.map(\.key))
        report.notes = try records(ViolationNote.self, from: LocalDateTime(first.adding(days: -6), .midnight), to: end)
            .filter { explained.contains($0.id.rawValue) }
        return report
    }

    /// The term so far: from the first day of the term containing today (or,
    /// between terms, the last eight weeks) through today, against the
    /// opening rules of `profile` (see `openingPolicy(profile:)`).
    public func termCompliance(now: LocalDateTime, profile: OpeningPolicy.Profile? = nil) throws -> ComplianceReport {
        let first = try calendar().term(containing: now.day)?.first ?? now.day.adding(days: -55)
        return try compliance(from: first, through: now.day, now: now, policy: try openingPolicy(profile: profile))
    }
}

private extension KeyAttentionRequirement {
    /// The records whose absence this requirement reports.
    var judgedFrom: RecordKind {
        switch self {
        case .supportPlan, .responsibleLeader, .planReview: .plan
        case .guardianNotification: .contact
        case .referralFeedback: .referral
        case .nextFollowUp, .overdueFollowUp: .followup
        }
    }
}
