import Counseling
import Foundation
import GRDB
import Vault

extension Store {
    /// The term's figures over [first, last] as of `now`, as this session's
    /// keys read the records: a figure whose records are sealed under a
    /// tier the session does not hold says which key it needs, never 0
    /// (a head's session: referrals and guardian contacts need the
    /// clinical key). Counts only; no text anyone wrote is opened.
    public func termStatistics(from first: Day, through last: Day, now: LocalDateTime) throws -> TermStatistics {
        TermStatistics(try termStatisticsInput(from: first, through: last, now: now))
    }

    /// The figures with what makes them re-derivable: `fileID` (the
    /// unlocked vault's `fileID`), the audit log's head and the period.
    /// The figures and the head are of one state of the database: when a
    /// write lands while they are read, they are read again.
    public func sealedStatistics(from first: Day, through last: Day, now: LocalDateTime, fileID: String,
                                 suppressingSmallCounts: Bool) throws -> SealedStatistics {
        // The figures are read in several transactions (the compliance
        // report has its own); every committed write adds an audit entry,
        // so an unmoved head before and after means one state was read.
        var head = try auditHead()
        while true {
            let statistics = try termStatistics(from: first, through: last, now: now)
            let after = try auditHead()
            if after == head {
                return SealedStatistics(seal: StatisticsSeal(fileID: fileID, first: first, last: last, asOf: now,
                                                             auditEntries: head.entries, auditHash: head.hash),
                                        statistics: suppressingSmallCounts ? statistics.suppressingSmallCounts : statistics)
            }
            head = after
        }
    }

    /// The audit log's newest entry: its id (the number of entries) and
    /// its hash in hex; 0 and 64 zeros while the log is empty.
    func auditHead() throws -> (entries: Int64, hash: String) {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") else {
                return (0, Self.hex(AuditChain.genesis))
            }
            return (row["id"], Self.hex(row["hash"]))
        }
    }

    static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    private func termStatisticsInput(from first: Day, through last: Day, now: LocalDateTime) throws -> TermStatisticsInput {
        let start = LocalDateTime(first, .midnight), end = LocalDateTime(last.adding(days: 1), .midnight)
        let compliance = try compliance(from: first, through: last, now: now)
        let visits = try records(Visit.self, from: start, to: end)
        let appointments = try records(Appointment.self, from: start, to: end)
        // Sessions and attendances are the oversight tier's; which students
        // took part, the clinical tier's.
        let groups: Readable<GroupSessionCounts> = keys.holds(.oversight) ? .read(try {
            let sessions = try groupSessions(from: start, to: end)
            let students: Readable<Int> = keys.holds(.clinical)
                ? .read(Set(try records(GroupAttendance.self, from: start, to: end).map(\.student)).count) : .needs(.clinical)
            return GroupSessionCounts(sessions: sessions.count, attendances: sessions.reduce(0) { $0 + $1.participantCount },
                                      students: students)
        }()) : .needs(.oversight)
        return try writer.read { db in
            func readable<V>(_ tier: Tier, _ read: () throws -> V) rethrows -> Readable<V> {
                keys.holds(tier) ? .read(try read()) : .needs(tier == .clinical ? .clinical : .oversight)
            }
            // Every student, those who left too: their enrolment says when they were on the lists.
            let students = try String.fetchAll(db, sql: "SELECT body FROM students").map { try StudentBody.decode($0, keys, opening: false) }
            return TermStatisticsInput(
                first: first, last: last, asOf: now, compliance: compliance, students: students,
                visits: visits, appointments: appointments,
                levels: try readable(.oversight) {
                    TermStatisticsInput.LevelHistory(changes: try everyRecord(LevelChange.self, openText: false, db),
                                                     current: try standings(db).mapValues(\.level))
                },
                campaigns: try readable(.oversight) { try everyRecord(ScreeningCampaign.self, db) },
                referrals: try readable(.clinical) { try everyRecord(Referral.self, openText: false, db) },
                guardianContacts: try readable(.clinical) { try everyRecord(GuardianContact.self, openText: false, db) },
                closings: try readable(.oversight) { try everyRecord(CaseClosing.self, openText: false, db) },
                groupSessions: groups)
        }
    }
}
