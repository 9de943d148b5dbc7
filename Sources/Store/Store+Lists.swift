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

    /// The counselor's queue, most urgent first.
    public func keyAttentionQueue(today: Day) throws -> [KeyAttentionItem] {
        KeyAttentionQueue.items(try keyAttentionFiles(), today: today)
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
