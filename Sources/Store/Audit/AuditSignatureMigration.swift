import GRDB

/// v5: audit entries carry their actor's signature, and clean closes leave
/// a signed head of the log (`AuditHead`).
///
/// `signature` is a nullable column only because SQLite adds columns that
/// way; `AuditChain.verify` refuses an entry without one (a store opened
/// with a roles-as-keys keyring has this column before its first entry).
///
/// The heads are append-only like the log: triggers refuse UPDATE and
/// DELETE, and the signatures catch what bypasses them.
enum AuditSignatureMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE audit_log ADD COLUMN signature BLOB;
            CREATE TABLE audit_heads(
              id INTEGER PRIMARY KEY,
              entries INTEGER NOT NULL,
              last_hash BLOB NOT NULL,
              at_ms INTEGER NOT NULL,
              signer TEXT NOT NULL,
              signature BLOB NOT NULL);
            CREATE TRIGGER audit_heads_no_update BEFORE UPDATE ON audit_heads
              BEGIN SELECT RAISE(ABORT, 'the audit heads are append-only'); END;
            CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
              BEGIN SELECT RAISE(ABORT, 'the audit heads are append-only'); END;
            """)
    }
}
