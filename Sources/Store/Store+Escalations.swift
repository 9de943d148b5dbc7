import Counseling
import GRDB

extension Store {
    /// Escalated visits no counselor has taken over yet, oldest first.
    public func escalationsAwaitingCounselor() throws -> [Visit] {
        try openRecords(Visit.self)
    }

    /// Records that `actor` takes the escalated visit over. Read and
    /// written in one transaction, so two counselors pressing at once do
    /// not both take it: the second is told who was first.
    @discardableResult
    public func takeEscalation(_ id: VisitID, by actor: StaffID, at now: LocalDateTime) throws -> Visit {
        try writer.write { db in
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM records WHERE kind = ? AND id = ?",
                                                 arguments: [Visit.kind, id.rawValue]) else {
                throw StoreError.missing(kind: Visit.kind, id: id.rawValue)
            }
            let taken = try Self.decode(Visit.self, body).takenOver(by: actor, at: now)
            try Self.replace(taken, by: actor, at: now, db)
            try audit(db, actor, now, "visit.escalation.take", taken.student, "")
            return taken
        }
    }
}
