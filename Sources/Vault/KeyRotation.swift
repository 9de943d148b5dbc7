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
    /// Called at unlock, which holds no lock yet. A rotation that another
    /// xindesk is running right now leaves the same files as an interrupted
    /// one; deciding on them unlocked deleted the copy and the pending
    /// keyring from under it, and its failing rename then left a pending
    /// keyring for a database still under the old key, which the next unlock
    /// "completed": no slot opened the database any more. A running rotation
    /// holds the lock file exclusively, so taking it shared waits for the
    /// rotation to end (or its process to die, which drops the lock).
    static func finishInterrupted(_ paths: VaultPaths) throws {
        guard SafeFile.exists(paths.rotationCopy) || SafeFile.exists(paths.pendingKeyring) else { return }
        let lock = try LockFile(path: paths.lockFile)
        defer { lock.release() }
        finishInterruptedLocked(paths)
    }

    /// The decision itself; the caller holds the lock file.
    private static func finishInterruptedLocked(_ paths: VaultPaths) {
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
                       newKeyring: inout Keyring) throws {
        finishInterruptedLocked(paths)
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
            try KeyringFile.write(&newKeyring, dataKey: newKey, to: paths.pendingKeyring)
        } catch {
            finishInterruptedLocked(paths)
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
