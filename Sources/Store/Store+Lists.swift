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
        let files = try writer.read { db -> [StudentFile] in
            var files: [String: StudentFile] = [:]
            for body in try String.fetchAll(db, sql: "SELECT body FROM students WHERE level >= 2") {
                let student = try Self.decode(Student.self, body)
                files[student.id.rawValue] = StudentFile(student: student)
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.kind, r.student, r.body FROM records r JOIN students s ON s.id = r.student
                WHERE s.level >= 2 AND r.kind IN ('level', 'plan', 'visit', 'appointment', 'contact', 'followup', 'crisis', 'closing')
                ORDER BY r.time, r.id
                """)
            for row in rows {
                let id: String = row["student"], body: String = row["body"]
                guard files[id] != nil else { continue }
                switch row["kind"] as String {
                case LevelChange.kind: files[id]!.levelChanges.append(try Self.decode(LevelChange.self, body))
                case SupportPlan.kind: files[id]!.plans.append(try Self.decode(SupportPlan.self, body))
                case Visit.kind: files[id]!.visits.append(try Self.decode(Visit.self, body))
                case Appointment.kind: files[id]!.appointments.append(try Self.decode(Appointment.self, body))
                case GuardianContact.kind: files[id]!.guardianContacts.append(try Self.decode(GuardianContact.self, body))
                case FollowUp.kind: files[id]!.followUps.append(try Self.decode(FollowUp.self, body))
                case CrisisRun.kind: files[id]!.crisisRuns.append(try Self.decode(CrisisRun.self, body))
                case CaseClosing.kind: files[id]!.closings.append(try Self.decode(CaseClosing.self, body))
                default: break
                }
            }
            return Array(files.values)
        }
        return KeyAttentionQueue.items(files, today: today)
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
    /// policy, planned shifts and actual check-ins.
    public func compliance(from first: Day, through last: Day, now: LocalDateTime) throws -> ComplianceReport {
        let start = LocalDateTime(first, TimeOfDay.midnight)
        let end = LocalDateTime(last.adding(days: 1), TimeOfDay.midnight)
        // A check-in may start the evening before the range; none lasts a day.
        let checkIns = try records(DutyCheckIn.self, from: LocalDateTime(first.adding(days: -1), TimeOfDay.midnight), to: end)
        return Compliance.evaluate(from: first, through: last, calendar: try calendar(), policy: try openingPolicy(),
                                   shifts: try records(PlannedShift.self, from: start, to: end),
                                   checkIns: checkIns, now: now)
    }
}
