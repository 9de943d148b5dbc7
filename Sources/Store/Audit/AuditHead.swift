import Foundation
import GRDB
import Vault

/// A signed statement of how far the audit log reached when an account
/// closed the store: its number of entries and the newest entry's hash.
/// Entries are signed one by one, which stops anyone writing one in another
/// account's name; the heads stop the newest entries from being deleted, or
/// the log rewritten under them, without `check` noticing.
public struct AuditHead: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit_heads"

    public var id: Int64
    /// The number of entries the log had (the newest entry's id).
    public var entries: Int64
    /// The hash of entry `entries`.
    public var lastHash: Data
    public var atMillis: Int64
    /// The account that closed the store and signed this.
    public var signer: String
    public var signature: Data

    enum CodingKeys: String, CodingKey {
        case id, entries, lastHash = "last_hash", atMillis = "at_ms", signer, signature
    }

    /// What the signer signs: every field but the row id, length-prefixed
    /// where a field has no fixed length.
    var signedBytes: [UInt8] {
        var bytes = Array("xindesk audit head v1\0".utf8)
        for n in [entries, atMillis] { bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: n >> ($0 * 8)) } }
        bytes += lastHash
        let signerBytes = Array(signer.utf8)
        bytes += (0..<4).reversed().map { UInt8(truncatingIfNeeded: signerBytes.count >> ($0 * 8)) } + signerBytes
        return bytes
    }

    func isSigned(by keys: TierKeys) -> Bool {
        keys.verify([UInt8](signature), of: signedBytes, by: signer)
    }

    /// The newest head whose signature is its signer's, and the newest
    /// head newer than that one whose signature is not (a forgery), if any.
    /// Heads are read newest first and only until one verifies: a store
    /// closed every day for years has many.
    static func newest(_ db: Database, keys: TierKeys) throws -> (signed: AuditHead?, forged: AuditHead?) {
        guard try db.tableExists(databaseTableName) else { return (nil, nil) }
        var forged: AuditHead?
        let cursor = try AuditHead.fetchCursor(db, sql: "SELECT * FROM audit_heads ORDER BY id DESC")
        while let head = try cursor.next() {
            if head.isSigned(by: keys) { return (head, forged) }
            forged = forged ?? head
        }
        return (nil, forged)
    }

    /// Appends a head for the log as it is now, signed by the session's
    /// account, inside the caller's transaction. Nil when none is written:
    /// - the log is empty, or the newest signed head already ends on its
    ///   newest entry (a session that wrote nothing, nor anyone since);
    /// - the session holds no signing key of its own (the recovery key,
    ///   which cannot have written anything either);
    /// - the log no longer continues the newest signed head (entries it
    ///   counted are gone or rewritten): a new head would vouch for the
    ///   damage and hide it, so none is signed and `check` reports it.
    /// Only the entries since the newest head are looked at, so a close
    /// costs no more on a log of years.
    static func write(_ db: Database, keys: TierKeys, at: Date) throws -> AuditHead? {
        guard keys.canSign(as: keys.account),
              let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") else { return nil }
        let entries: Int64 = last["id"]
        let previous = try newest(db, keys: keys).signed
        if let previous {
            guard previous.entries < entries,
                  try Data.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE id = ?", arguments: [previous.entries])
                    == previous.lastHash else { return nil }
        }
        let id = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_heads") ?? 0) + 1
        var head = AuditHead(id: id, entries: entries, lastHash: last["hash"],
                             atMillis: Int64((at.timeIntervalSince1970 * 1000).rounded(.down)),
                             signer: keys.account, signature: Data())
        head.signature = Data(try keys.sign(head.signedBytes, as: keys.account))
        try head.insert(db)
        return head
    }
}
