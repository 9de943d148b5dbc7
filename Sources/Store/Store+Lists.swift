import Counseling
import Foundation
import GRDB

extension Store {
    /// The files of every key-attention student (levels 2 and 3), read in
    /// one transaction through the level index.
    public func keyAttentionFiles() throws -> [StudentFile] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM students WHERE level >= 2").map { try Self.file(StudentID($0), db) }
        }
    }

    /// The counselor's queue, most urgent first. Read in three queries,
    /// with only the record kinds urgency depends on (no notes, screenings
    /// or referrals): this is on the path from unlock to the first frame.
    public func keyAttentionQueue(today: Day) throws -> [KeyAttentionItem] {
        let (studentBodies, rows) = try writer.read { db -> ([String], [(kind: RecordKind, student: String, body: String)]) in
            let students = try String.fetchAll(db, sql: "SELECT body FROM students WHERE level >= 2")
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.kind, r.student, r.body FROM records r JOIN students s ON s.id = r.student
                WHERE s.level >= 2 AND r.kind IN ('level', 'plan', 'visit', 'appointment', 'contact', 'followup', 'crisis', 'closing')
                ORDER BY r.time, r.id
                """).map { (kind: $0[0] as RecordKind, student: $0[1] as String, body: $0[2] as String) }
            return (students, rows)
        }
        // Decoding the JSON is most of the cost; it is spread over the cores.
        let students = try ParallelDecode.map(studentBodies) { try Self.decode(Student.self, $0) }
        var files = Dictionary(uniqueKeysWithValues: students.map { ($0.id.rawValue, StudentFile(student: $0)) })
        let records = try ParallelDecode.map(rows) { row -> QueueRecord in
            switch row.kind {
            case LevelChange.kind: return .level(try Self.decode(LevelChange.self, row.body))
            case SupportPlan.kind: return .plan(try Self.decode(SupportPlan.self, row.body))
            case Visit.kind: return .visit(try Self.decode(Visit.self, row.body))
            case Appointment.kind: return .appointment(try Self.decode(Appointment.self, row.body))
            case GuardianContact.kind: return .contact(try Self.decode(GuardianContact.self, row.body))
            case FollowUp.kind: return .followUp(try Self.decode(FollowUp.self, row.body))
            case CrisisRun.kind: return .crisis(try Self.decode(CrisisRun.self, row.body))
            default: return .closing(try Self.decode(CaseClosing.self, row.body))
            }
        }
        for (row, record) in zip(rows, records) where files[row.student] != nil {
            switch record {
            case .level(let r): files[row.student]!.levelChanges.append(r)
            case .plan(let r): files[row.student]!.plans.append(r)
            case .visit(let r): files[row.student]!.visits.append(r)
            case .appointment(let r): files[row.student]!.appointments.append(r)
            case .contact(let r): files[row.student]!.guardianContacts.append(r)
            case .followUp(let r): files[row.student]!.followUps.append(r)
            case .crisis(let r): files[row.student]!.crisisRuns.append(r)
            case .closing(let r): files[row.student]!.closings.append(r)
            }
        }
        return KeyAttentionQueue.items(Array(files.values), today: today)
    }

    /// The record kinds the queue's urgency depends on.
    private enum QueueRecord: Sendable {
        case level(LevelChange), plan(SupportPlan), visit(Visit), appointment(Appointment)
        case contact(GuardianContact), followUp(FollowUp), crisis(CrisisRun), closing(CaseClosing)
    }

    /// Overdue follow-ups of any student, most overdue first.
    public func overdueFollowUps(today: Day) throws -> [Worklists.OverdueFollowUp] {
        let ids = try writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT student FROM records WHERE kind = 'followup' AND open = 1 AND due < ?
                """, arguments: [today.description])
        }
        let files = try writer.read { db in try ids.map { try Self.file(StudentID($0), db) } }
        return Worklists.overdueFollowUps(files, today: today)
    }

    /// Referrals still waiting for the institution's feedback.
    public func referralsWithoutFeedback(today: Day) throws -> [Worklists.PendingFeedback] {
        let ids = try writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT student FROM records WHERE kind = 'referral' AND open = 1")
        }
        let files = try writer.read { db in try ids.map { try Self.file(StudentID($0), db) } }
        return Worklists.referralsWithoutFeedback(files, today: today)
    }

    /// Key-attention students not seen for `days` days.
    public func notSeen(in days: Int, today: Day) throws -> [Worklists.NotSeen] {
        Worklists.notSeen(in: days, try keyAttentionFiles(), today: today)
    }

    /// How many students are at each level (no names, no notes: what the
    /// head of guidance sees).
    public func levelCounts() throws -> [WarningLevel: Int] {
        try writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: WarningLevel.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT level, count(*) AS n FROM students GROUP BY level") {
                counts[WarningLevel.allCases[row["level"] as Int]] = row["n"]
            }
            return counts
        }
    }

    /// Opening-hour compliance over [first, last], from the stored calendar,
    /// planned shifts and actual check-ins, against `policy` or else the
    /// school's stored policy.
    public func compliance(from first: Day, through last: Day, now: LocalDateTime, policy: OpeningPolicy? = nil) throws -> ComplianceReport {
        let start = LocalDateTime(first, TimeOfDay.midnight)
        let end = LocalDateTime(last.adding(days: 1), TimeOfDay.midnight)
        // A check-in may start the evening before the range; none lasts a day.
        let checkIns = try records(DutyCheckIn.self, from: LocalDateTime(first.adding(days: -1), TimeOfDay.midnight), to: end)
        return Compliance.evaluate(from: first, through: last, calendar: try calendar(), policy: try policy ?? openingPolicy(),
                                   shifts: try records(PlannedShift.self, from: start, to: end),
                                   checkIns: checkIns, now: now)
    }

    /// The term so far: from the first day of the term containing today (or,
    /// between terms, the last eight weeks) through today, against the
    /// opening rules of `profile` (see `openingPolicy(profile:)`).
    public func termCompliance(now: LocalDateTime, profile: OpeningPolicy.Profile? = nil) throws -> ComplianceReport {
        let first = try calendar().term(containing: now.day)?.first ?? now.day.adding(days: -55)
        return try compliance(from: first, through: now.day, now: now, policy: try openingPolicy(profile: profile))
    }
}
