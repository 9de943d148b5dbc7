import Counseling
import Foundation
import GRDB

extension Store {
    /// Holds a printed statistics document against this database: is it
    /// this database (`fileID`, the unlocked vault's), does the audit log
    /// still hold the entry the document was printed at (a database put
    /// back to an earlier copy has fewer entries, or another hash there),
    /// is the chain intact, and does every figure, counted again for the
    /// document's period as of the moment it was printed, equal the
    /// document's? The entries written since are listed, so a visit
    /// entered afterwards into the period names itself. Writes nothing.
    public func verifyStatistics(_ embedded: EmbeddedStatistics, fileID: String) throws -> StatisticsVerification {
        let seal = embedded.seal
        let (audit, later, chain) = try writer.read { db -> (StatisticsVerification.AuditState, [StatisticsVerification.LaterEntry], AuditChain.Verdict) in
            let count = try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_log") ?? 0
            let state: StatisticsVerification.AuditState
            if seal.auditEntries > count {
                state = .rolledBack(entriesNow: count)
            } else {
                let hash = seal.auditEntries == 0 ? AuditChain.genesis
                    : try Data.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE id = ?", arguments: [seal.auditEntries])
                state = hash.map(Self.hex) == seal.auditHash ? .sameHead : .otherHistory
            }
            var later: [StatisticsVerification.LaterEntry] = []
            if state == .sameHead {
                later = try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE id > ? ORDER BY id", arguments: [seal.auditEntries])
                    .map { .init(id: $0.id, at: LocalDateTime($0.at, in: timeZone), actor: $0.actor, action: $0.action) }
            }
            return (state, later, try AuditChain.verify(db, keys: keys))
        }
        let again = try termStatistics(from: seal.first, through: seal.last, now: seal.asOf)
        return StatisticsVerification(seal: seal, sameDatabase: seal.fileID == fileID, audit: audit, chain: chain,
                                      figures: FigureCheck.compare(embedded, with: again), laterEntries: later)
    }
}
