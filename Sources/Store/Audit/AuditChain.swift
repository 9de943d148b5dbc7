import CSodium
import Foundation
import GRDB
import Vault

/// The audit log as a hash chain: each row's hash covers the previous row's
/// hash and its own fields, so an altered, inserted or deleted row breaks the
/// chain from that row on. Triggers refuse UPDATE and DELETE outright; the
/// chain catches what bypasses them.
///
/// A chain has no key: anyone with the page key could rewrite it from any
/// row on, or add a row in another account's name. So each entry is signed
/// by its actor (Ed25519 over its hash), and each clean close signs a head
/// (`AuditHead`) saying how far the log reached, which catches the newest
/// entries deleted.
public enum AuditChain {
    static let genesis = Data(repeating: 0, count: 32)

    /// Appends an entry inside the caller's transaction, signed by `actor`
    /// with `keys`. An actor whose signing key `keys` does not hold (another
    /// account than the session's) writes nothing: `AuditSigningError.cannotSign`.
    @discardableResult
    public static func append(_ db: Database, keys: TierKeys, at: Date, actor: String, action: String,
                              subject: String = "", detail: String = "") throws -> AuditEntry {
        guard keys.canSign(as: actor) else { throw AuditSigningError.cannotSign(account: actor) }
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
        let id: Int64 = (last?["id"] as Int64? ?? 0) + 1
        let prev: Data = last?["hash"] ?? genesis
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded(.down))
        var entry = AuditEntry(id: id, atMillis: millis, actor: actor, action: action, subject: subject,
                               detail: detail, prevHash: prev, hash: Data(), signature: nil)
        entry.hash = hash(of: entry)
        entry.signature = Data(try keys.sign(entry.signedBytes, as: actor))
        try entry.insert(db)
        return entry
    }

    public enum Verdict: Equatable, Sendable {
        /// Every entry verifies.
        case intact(entries: Int)
        /// The first entry that does not verify, and why (for a missing
        /// entry, its id; for a forged head, the entry it claims to end on).
        case broken(atId: Int64, reason: AuditBreak)
    }

    /// Walks the whole chain, checking each link, each hash and each
    /// signature against the signing keys `keys` vouches for, then the
    /// newest signed head against the log. A database without an audit
    /// log yet (a fresh `init`) is intact with no entries.
    ///
    /// An unsigned entry is never accepted, not even as the first: every
    /// store a keyring of roles-as-keys opens had its signature column
    /// before its first entry (older keyrings are refused), so a log
    /// without signatures is a log someone stripped of them.
    public static func verify(_ db: Database, keys: TierKeys) throws -> Verdict {
        guard try db.tableExists("audit_log") else { return .intact(entries: 0) }
        let heads = try AuditHead.newest(db, keys: keys)
        var prev = genesis
        var expectedId: Int64 = 1
        var hashAtHead: Data?
        let cursor = try AuditEntry.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY id")
        while let e = try cursor.next() {
            if e.id != expectedId { return .broken(atId: expectedId, reason: .missing) }
            if e.prevHash != prev { return .broken(atId: e.id, reason: .doesNotFollow) }
            if e.hash != hash(of: e) { return .broken(atId: e.id, reason: .altered) }
            guard let signature = e.signature else { return .broken(atId: e.id, reason: .unsigned) }
            guard keys.verify([UInt8](signature), of: e.signedBytes, by: e.actor) else {
                return .broken(atId: e.id, reason: .notSignedByAuthor(actor: e.actor))
            }
            if e.id == heads.signed?.entries { hashAtHead = e.hash }
            prev = e.hash
            expectedId += 1
        }
        let count = expectedId - 1
        if let head = heads.signed {
            if head.entries > count {
                return .broken(atId: count + 1, reason: .cutShort(counted: head.entries, signer: head.signer))
            }
            if hashAtHead != head.lastHash { return .broken(atId: head.entries, reason: .rewritten(signer: head.signer)) }
        }
        if let forged = heads.forged {
            return .broken(atId: forged.entries, reason: .forgedHead(head: forged.id, signer: forged.signer))
        }
        return .intact(entries: Int(count))
    }

    /// BLAKE2b-256 over the previous hash and the length-prefixed fields.
    static func hash(of e: AuditEntry) -> Data {
        var input = [UInt8](e.prevHash)
        for field in [String(e.id), String(e.atMillis), e.actor,
                      e.action, e.subject, e.detail] {
            let bytes = Array(field.utf8)
            let n = UInt32(bytes.count)
            input += [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)]
            input += bytes
        }
        var out = [UInt8](repeating: 0, count: 32)
        _ = crypto_generichash(&out, 32, input, UInt64(input.count), nil, 0)
        return Data(out)
    }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_log(
              id INTEGER PRIMARY KEY,
              at_ms INTEGER NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              subject TEXT NOT NULL,
              detail TEXT NOT NULL,
              prev_hash BLOB NOT NULL,
              hash BLOB NOT NULL);
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE INDEX audit_log_subject ON audit_log(subject, id);
            """)
    }
}
