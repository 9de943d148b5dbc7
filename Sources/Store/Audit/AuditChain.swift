import CSodium
import Foundation
import GRDB

/// The audit log as a hash chain: each row's hash covers the previous row's
/// hash and its own fields, so an altered, inserted or deleted row breaks the
/// chain from that row on. Triggers refuse UPDATE and DELETE outright; the
/// chain catches what bypasses them.
public enum AuditChain {
    static let genesis = Data(repeating: 0, count: 32)

    /// Appends an entry inside the caller's transaction.
    @discardableResult
    public static func append(_ db: Database, at: Date, actor: String, action: String,
                              subject: String = "", detail: String = "") throws -> AuditEntry {
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
        let id: Int64 = (last?["id"] as Int64? ?? 0) + 1
        let prev: Data = last?["hash"] ?? genesis
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded(.down))
        var entry = AuditEntry(id: id, atMillis: millis, actor: actor, action: action, subject: subject,
                               detail: detail, prevHash: prev, hash: Data())
        entry.hash = hash(of: entry)
        try entry.insert(db)
        return entry
    }

    public enum Verdict: Equatable, Sendable {
        case intact(entries: Int)
        /// The first row whose chain does not hold (or the first missing id).
        case broken(atId: Int64, reason: String)
    }

    /// Walks the whole chain. A database without an audit log yet (a fresh
    /// `init`) is intact with no entries.
    public static func verify(_ db: Database) throws -> Verdict {
        guard try db.tableExists("audit_log") else { return .intact(entries: 0) }
        var prev = genesis
        var expectedId: Int64 = 1
        var count = 0
        let cursor = try AuditEntry.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY id")
        while let e = try cursor.next() {
            if e.id != expectedId { return .broken(atId: expectedId, reason: "row \(expectedId) is missing") }
            if e.prevHash != prev { return .broken(atId: e.id, reason: "does not follow row \(e.id - 1)") }
            if e.hash != hash(of: e) { return .broken(atId: e.id, reason: "contents were altered") }
            prev = e.hash
            expectedId += 1
            count += 1
        }
        return .intact(entries: count)
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
