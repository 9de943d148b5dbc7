import Foundation
import GRDB

/// One row of the append-only audit log: who did or viewed what, when.
/// `detail` never carries note text, only what a school must account for
/// ("opened file", "level 2 → 3").
public struct AuditEntry: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit_log"

    public var id: Int64
    /// Milliseconds since 1970 (an integer, so the hash input survives the
    /// round trip through the database exactly).
    public var atMillis: Int64
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
    public var prevHash: Data
    public var hash: Data
    /// The actor's Ed25519 signature over `signedBytes`. Nil only on entries
    /// written before entries were signed (and on a database that has not
    /// had that migration yet, read by `check`, which never migrates).
    public var signature: Data?

    enum CodingKeys: String, CodingKey {
        case id, atMillis = "at_ms", actor, action, subject, detail
        case prevHash = "prev_hash", hash, signature
    }

    public var at: Date { Date(timeIntervalSince1970: Double(atMillis) / 1000) }

    /// What the actor signs: the entry's hash, which covers its fields and,
    /// through the previous hash, everything before it. The prefix keeps a
    /// signature made here from passing for one made over the same bytes
    /// anywhere else the account signs (a head, a record).
    var signedBytes: [UInt8] { Array("xindesk audit entry v1\0".utf8) + hash }
}
