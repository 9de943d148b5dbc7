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

    /// A GRDB configuration for an encrypted database: 40 reserved bytes per
    /// page, temporary tables and indexes in memory (temp files are refused
    /// by the VFS). GRDB runs preparation functions in the order they were
    /// added, so `base` must not write in its own: a page 1 written before
    /// the reserve is set does not have the format's shape and is refused.
    public static func configuration(_ base: Configuration = Configuration()) -> Configuration {
        ensureRegistered()
        var config = base
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
