import CipherVFS
import Foundation
import GRDB

/// Replacing the data key: everything is copied into a new file under the
/// new key with SQLite's backup API, the new keyring is written beside the
/// old one, then the new database is renamed over the old and the new
/// keyring installed. Each step is atomic; `finishInterrupted` completes or
/// discards a rotation that a crash cut short, decided by which files exist:
///   copy present            -> the rename did not happen: discard copy and pending keyring
///   copy gone, pending kept -> the rename happened: install the pending keyring
enum KeyRotation {
    /// Completes or discards what a crashed rotation left. The caller holds
    /// the lock file (shared at unlock, exclusive in `rotate`), so no
    /// rotation is running: one that is holds the lock exclusively and
    /// leaves the same files. Deciding on them without the lock (as unlock
    /// did) deleted the copy and pending keyring from under a running
    /// rotation, whose failing rename then left a pending keyring for a
    /// database still under the old key, and the next unlock "completed"
    /// that: no slot opened the database any more.
    static func finishInterrupted(_ paths: VaultPaths) {
        let copyExists = SafeFile.exists(paths.rotationCopy)
        let pendingExists = SafeFile.exists(paths.pendingKeyring)
        if copyExists {
            for p in [paths.rotationCopy, paths.rotationCopy + "-journal", paths.rotationCopy + "-wal",
                      paths.rotationCopy + "-shm", paths.pendingKeyring] {
                SafeFile.remove(p)
            }
        } else if pendingExists {
            try? SafeFile.rename(paths.pendingKeyring, over: paths.keyring)
        }
    }

    /// Re-encrypts the database under `newKey` and installs `newKeyring`.
    /// The caller holds the exclusive lock and no open connection.
    static func rotate(paths: VaultPaths, oldKey: SecretBytes, newKey: SecretBytes, fileId: [UInt8],
                       newKeyring: Keyring) throws {
        finishInterrupted(paths)
        try SafeFile.createExclusive(paths.rotationCopy)
        do {
            try CipherRuntime.register(path: paths.rotationCopy, key: newKey, fileId: fileId)
            defer { CipherRuntime.unregister(path: paths.rotationCopy) }
            let config = CipherRuntime.configuration()
            let source = try DatabaseQueue(path: paths.database, configuration: config)
            let copy = try DatabaseQueue(path: paths.rotationCopy, configuration: config)
            try source.backup(to: copy)
            let check = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else {
                throw VaultError.io(path: paths.rotationCopy, detail: "quick_check after copy: \(check)")
            }
            try copy.close()
            try source.close()
            try KeyringFile.write(newKeyring, to: paths.pendingKeyring)
        } catch {
            finishInterrupted(paths)
            throw VaultError.from(error, database: paths.database)
        }
        // Commit point: from here on the new key is the key.
        try SafeFile.rename(paths.rotationCopy, over: paths.database)
        // A WAL left by the old file could only hold frames of the old key.
        SafeFile.remove(paths.wal)
        SafeFile.remove(paths.shm)
        try SafeFile.rename(paths.pendingKeyring, over: paths.keyring)
    }
}
