import CipherVFS
import Foundation
import GRDB
import GRDBSQLite

/// Process-wide setup of the encrypted store: the cipher VFS becomes
/// SQLite's default, so a connection opened without a registered key fails
/// instead of writing plaintext; and every connection gets the settings the
/// page format needs.
public enum CipherRuntime {
    private static let registered: Int32 = xcipher_register(XCIPHER_VFS_NAME, nil, 1)

    /// Registers the VFS once; safe to call from any thread.
    public static func ensureRegistered() {
        precondition(registered == SQLITE_OK, "the cipher VFS could not be registered (SQLite code \(registered))")
    }

    /// How long a connection waits for a lock another connection holds
    /// (usually another xindesk process on the same store) before it gives
    /// up with "database is locked".
    ///
    /// Several workstations and CLI commands share one database file. Each
    /// write is one small transaction (milliseconds), so a writer normally
    /// waits a few milliseconds; the longest legitimate holds are an import
    /// committing a whole roster, a colleague's clean close (its TRUNCATE
    /// checkpoint holds the write lock while it waits for readers, at most
    /// `UnlockedVault.closeCheckpointPatience`) and WAL recovery after a
    /// crash. 30 s is far above all of these, so a busy database is waited
    /// for and never reported as an error; and it is still bounded, so a
    /// process that is stopped (Ctrl-Z) or hung while holding the write
    /// lock yields a message instead of freezing every other workstation.
    public static let busyTimeout: TimeInterval = 30

    /// A GRDB configuration for an encrypted database: 40 reserved bytes per
    /// page, temporary tables and indexes in memory (temp files are refused
    /// by the VFS), and a busy timeout (`busyTimeout`) unless `base` chose a
    /// busy mode of its own. GRDB runs preparation functions in the order they
    /// were added, so `base` must not write in its own: a page 1 written before
    /// the reserve is set does not have the format's shape and is refused.
    ///
    /// The busy timeout only helps a transaction that asks for the write
    /// lock before it reads: SQLite does not call the busy handler when a
    /// DEFERRED transaction that has already read upgrades to writing (it
    /// fails at once with SQLITE_BUSY, since waiting could not make its
    /// snapshot current). GRDB 7 begins every `write { }` (and every
    /// migration) with BEGIN IMMEDIATE, so writes through `write` wait; code
    /// that opens its own transaction with `writeWithoutTransaction` must
    /// use `db.inTransaction(.immediate)` (or a single statement) to get
    /// the same.
    public static func configuration(_ base: Configuration = Configuration()) -> Configuration {
        ensureRegistered()
        var config = base
        if case .immediateError = config.busyMode {
            config.busyMode = .timeout(busyTimeout)
        }
        // (Pool readers get GRDB's own 10 s: in WAL mode a reader waits only
        // for WAL recovery or a last connection's close, both brief, and
        // GRDB does not let the reader setting be changed.)
        config.prepareDatabase { db in
            var reserve = Int32(XCIPHER_RESERVE)
            let rc = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
            if rc != SQLITE_OK {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "could not set reserved bytes")
            }
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return config
    }

    /// Registers `key` for the database at `path` (and its journal and WAL).
    static func register(path: String, key: SecretBytes, fileId: [UInt8]) throws {
        ensureRegistered()
        let rc = key.withUnsafeBytes { k in
            xcipher_key_add(path, k.baseAddress!.assumingMemoryBound(to: UInt8.self), fileId)
        }
        guard rc == SQLITE_OK else { throw VaultError.io(path: path, detail: "xcipher_key_add: SQLite code \(rc)") }
    }

    static func unregister(path: String) {
        _ = xcipher_key_remove(path)
    }
}
