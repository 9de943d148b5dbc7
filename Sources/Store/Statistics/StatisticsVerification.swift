import Counseling
import Foundation

/// What `Store.verifyStatistics` found: whether the document is of this
/// database, whether the audit log still holds the entry the document was
/// printed at, each figure counted again, and what was done since.
public struct StatisticsVerification: Sendable {
    /// The audit log against the document's head.
    public enum AuditState: Hashable, Sendable {
        /// The entry at the head is there, with the same hash.
        case sameHead
        /// The log has fewer entries than the document counted: the
        /// database was put back to an earlier copy.
        case rolledBack(entriesNow: Int64)
        /// The entry at the head has another hash: an earlier copy that
        /// went on differently, or a log rewritten.
        case otherHistory
    }

    /// One audit entry written after the document was printed.
    public struct LaterEntry: Hashable, Sendable {
        public var id: Int64
        public var at: LocalDateTime
        public var actor: String
        /// The entry's action code (`visit.add`).
        public var action: String
    }

    public var seal: StatisticsSeal
    /// The document names this database's file id.
    public var sameDatabase: Bool
    public var audit: AuditState
    /// The whole chain checked as `xindesk check` does.
    public var chain: AuditChain.Verdict
    public var figures: [FigureCheck]
    /// Entries after the document's head (only when the head is found).
    public var laterEntries: [LaterEntry]

    public var differing: [FigureCheck] { figures.filter { $0.outcome == .differs } }
    /// Figures the document shows that this session cannot count again.
    public var unchecked: [FigureCheck] {
        figures.filter { if case .cannotCheck = $0.outcome { true } else { false } }
    }

    public var chainIntact: Bool { if case .intact = chain { true } else { false } }

    /// Every printed figure counted again equals the document, of this
    /// database, whose audit log still holds the document's head and is
    /// intact. Figures this session cannot count keep it from passing: an
    /// inspector is told to ask a counselor instead.
    public var passes: Bool {
        sameDatabase && audit == .sameHead && chainIntact && differing.isEmpty && unchecked.isEmpty
    }
}
