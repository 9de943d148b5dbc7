import Foundation
import GRDB
import Vault
@testable import Store

/// What someone with the page key and raw SQL can do to the audit log:
/// the triggers dropped, rows written with correct chain hashes. Only keys
/// they hold can sign.
enum AuditTampering {
    static func dropTriggers(_ db: Database) throws {
        for trigger in ["audit_log_no_update", "audit_log_no_delete", "audit_heads_no_update", "audit_heads_no_delete"] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
        }
    }

    /// Appends an entry naming `actor`, chained to the newest one, signed
    /// by `signer` with `keys` (nil: unsigned, as every entry was before
    /// signatures; then it also fits a log without the signature column).
    static func append(_ db: Database, actor: String, action: String, signedBy signer: (keys: TierKeys, name: String)?,
                       at millis: Int64 = 1_790_000_000_000) throws {
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
        var e = AuditEntry(id: (last?["id"] ?? 0) + 1, atMillis: millis, actor: actor, action: action, subject: "student:s1",
                           detail: "", prevHash: last?["hash"] ?? AuditChain.genesis, hash: Data(), signature: nil)
        e.hash = AuditChain.hash(of: e)
        if let signer { e.signature = Data(try signer.keys.sign(e.signedBytes, as: signer.name)) }
        let fields: [any DatabaseValueConvertible] = [e.id, e.atMillis, e.actor, e.action, e.subject, e.detail, e.prevHash, e.hash]
        if let signature = e.signature {
            try db.execute(sql: """
                INSERT INTO audit_log(id, at_ms, actor, action, subject, detail, prev_hash, hash, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(fields + [signature]))
        } else {
            try db.execute(sql: """
                INSERT INTO audit_log(id, at_ms, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(fields))
        }
    }

    /// Removes entry `id` and writes every later one again one id lower,
    /// re-chained and re-hashed: the log reads as if it had never been.
    /// Signatures cannot be made again without the authors' keys, so each
    /// keeps the one it had.
    static func cut(_ db: Database, entry id: Int64) throws {
        try dropTriggers(db)
        let later = try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE id >= ? ORDER BY id", arguments: [id])
        try db.execute(sql: "DELETE FROM audit_log WHERE id >= ?", arguments: [id])
        var prev = try Data.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE id = ?", arguments: [id - 1]) ?? AuditChain.genesis
        for var e in later.dropFirst() {
            e.id -= 1
            e.prevHash = prev
            e.hash = AuditChain.hash(of: e)
            try e.insert(db)
            prev = e.hash
        }
    }
}
