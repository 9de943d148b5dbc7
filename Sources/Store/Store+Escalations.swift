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
    /// is it. A screen compares marks to know it is out of date.
    public func changeMark() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_log") ?? 0 }
    }
}
