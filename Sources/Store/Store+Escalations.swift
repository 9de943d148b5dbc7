import Counseling
import GRDB

extension Store {
    /// Escalated visits no counselor has taken over yet, oldest first.
    public func escalationsAwaitingCounselor() throws -> [Visit] {
        try openRecords(Visit.self)
    }

    /// Crisis runs handed over that no counselor has taken yet, oldest first.
    public func handoversAwaitingCounselor() throws -> [CrisisRun] {
        try openCrisisRuns().filter(\.awaitsCounselor)
    }
}

extension Store {
    /// A mark that moves with every committed change, from this process or
    /// another: every command writes an audit entry, so the log's last id
    /// is it. A screen compares marks to know it is out of date. Entries that
    /// change nothing another screen shows (a file opened, a draft kept) do
    /// not count, or every file view would reload every workstation.
    public func changeMark() throws -> Int64 {
        let quiet = [AuditAction.studentView, .draftKeep, .draftRemove].map(\.rawValue)
        return try writer.read { db in
            // From the newest entry backwards, stopping at the first that counts.
            try Int64.fetchOne(db, sql: """
                SELECT id FROM audit_log WHERE action NOT IN (?, ?, ?) ORDER BY id DESC LIMIT 1
                """, arguments: StatementArguments(quiet)) ?? 0
        }
    }
}
