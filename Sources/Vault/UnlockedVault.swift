import CSodium
import Counseling
import CipherVFS
import Foundation
import GRDB
import GRDBSQLite

/// An open store: the data key in secret memory, registered with the cipher
/// VFS for this database while unlocked. `lock()` wipes it.
public final class UnlockedVault: @unchecked Sendable {
    public let paths: VaultPaths
    /// The account that unlocked ("recovery" for the recovery key).
    public let account: String
    public let roles: [Role]

    private let mutex = NSLock()
    private var dataKey: SecretBytes?
    private let fileId: [UInt8]
    private var keyring: Keyring
    private let lockFile: LockFile
    /// Connections handed out, so key rotation can refuse while any is open.
    private var handedOut: [WeakWriter] = []

    /// `lockFile`: the lock unlock took before reading the keyring (see
    /// `Vault.openKeyring`); nil to take it here (a store just created).
    init(paths: VaultPaths, account: String, roles: [Role], dataKey: SecretBytes,
         fileId: [UInt8], keyring: Keyring, lockFile: LockFile? = nil) throws {
        self.paths = paths
        self.account = account
        self.roles = roles
        self.dataKey = dataKey
        self.fileId = fileId
        self.keyring = keyring
        self.lockFile = try lockFile ?? LockFile(path: paths.lockFile)
        try CipherRuntime.register(path: paths.database, key: dataKey, fileId: fileId)
        Self.sessions.open(paths.database)
    }

    /// Unlocked sessions per database in this process. The cipher VFS holds
    /// one key per path for the whole process, and `lock()` used to remove
    /// it unconditionally: locking the old session after switching account
    /// broke the new one. Only the last session on a database removes it.
    private static let sessions = SessionCount()

    deinit { lock() }

    public var isLocked: Bool { mutex.withLock { dataKey == nil } }

    /// The accounts of this store, verified by the keyring MAC at unlock.
    public var accounts: [(name: String, roles: [Role])] {
        mutex.withLock { keyring.accounts.map { ($0.name, $0.roles) } }
    }

    /// A WAL-mode pool on the encrypted database.
    public func makePool(configuration: Configuration = Configuration()) throws -> DatabasePool {
        try requireUnlocked()
        do {
            let pool = try DatabasePool(path: paths.database, configuration: CipherRuntime.configuration(configuration))
            // GRDB's WAL setup chooses synchronous = NORMAL, which may lose the
            // last commits in a power cut. A minor's record once saved must
            // stay saved: FULL syncs the WAL at every commit (a millisecond a write).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            mutex.withLock { handedOut.append(WeakWriter(pool)) }
            return pool
        } catch {
            throw VaultError.from(error, database: paths.database)
        }
    }

    /// A single-connection queue on the encrypted database.
    public func makeQueue(configuration: Configuration = Configuration()) throws -> DatabaseQueue {
        try requireUnlocked()
        do {
            let queue = try DatabaseQueue(path: paths.database, configuration: CipherRuntime.configuration(configuration))
            mutex.withLock { handedOut.append(WeakWriter(queue)) }
            return queue
        } catch {
            throw VaultError.from(error, database: paths.database)
        }
    }

    /// How long `close(_:)` keeps trying to checkpoint while another
    /// connection is in the way. A write here takes milliseconds, so 2 s
    /// outlasts a burst of colleagues' writes and ordinary reads; past that
    /// someone is running a long read (an export, a report), and the teacher
    /// should not wait for it: nothing is lost by leaving the WAL to them.
    public static let closeCheckpointPatience: TimeInterval = 2

    /// Closes a writer (a pool or queue from `makePool`/`makeQueue`, or any
    /// other on this store) so that nothing is left only in the WAL: runs
    /// `PRAGMA wal_checkpoint(TRUNCATE)`, which copies every commit into the
    /// `.db` file and empties the `-wal` file, then closes the writer. Call
    /// it instead of `close()` when done with the store (quit, lock, end of a
    /// command); after the last user's clean close the `.db` and `.keys`
    /// alone hold every commit, and the WAL file is empty or gone.
    ///
    /// While another process reads an older snapshot (or checkpoints) for
    /// longer than `checkpointPatience`, the checkpoint cannot finish; that
    /// is not an error: the writer is closed all the same and `.walKept` is
    /// returned. The commits are in the WAL (they survive any process
    /// crash, and every reader sees them) and the other process, closing
    /// later, checkpoints them. Throws only when closing fails or
    /// the checkpoint hit damage or an I/O error (the writer is then still
    /// closed when `close()` could close it).
    ///
    /// Works after `lock()` too (open files keep their key) and on a writer
    /// already closed (`.alreadyClosed`). Finish or cancel work on the writer
    /// first: a read or write started meanwhile on another thread may run
    /// after the checkpoint.
    @discardableResult
    public func close(_ writer: any DatabaseWriter,
                      checkpointPatience: TimeInterval = UnlockedVault.closeCheckpointPatience) throws -> CloseOutcome {
        let outcome: CloseOutcome
        do {
            outcome = try CleanClose.close(writer, patience: checkpointPatience)
        } catch {
            throw VaultError.from(error, database: paths.database)
        }
        // A closed writer no longer stands in the way of key rotation, even
        // while the caller still holds a reference to it.
        mutex.withLock { handedOut.removeAll { $0.writer == nil || $0.writer === writer as AnyObject } }
        return outcome
    }

    /// Forgets the key: wipes it and unregisters it from the VFS. Connections
    /// still open keep working until they close (a clean `close(_:)` after
    /// `lock()` still checkpoints); close them first. Calling it again, or
    /// after the writers were closed, does nothing more.
    public func lock() {
        mutex.withLock {
            if dataKey != nil, Self.sessions.close(paths.database) { CipherRuntime.unregister(path: paths.database) }
            dataKey?.wipe()
            dataKey = nil
        }
        lockFile.release()
    }

    // MARK: - accounts

    public func addAccount(_ name: String, roles: [Role], passphrase: inout [UInt8],
                           kdf: KDFParameters = .default) throws {
        let secret = try Vault.acceptedPassphrase(wiping: &passphrase)
        defer { secret.wipe() }
        try require(.admin, "add accounts")
        try Vault.validate(account: name, roles: roles)
        guard kdf.isAcceptable else { throw VaultError.weakKDF(detail: "\(kdf)") }
        try updateKeyring { ring, key in
            guard ring.slot(named: name) == nil else { throw VaultError.accountExists(account: name) }
            let slot = try KeySlot.make(kind: .account, name: name, roles: roles, kdf: .argon2id13,
                                        parameters: kdf, secret: secret, dataKey: key, fileId: ring.fileId)
            let recoveryIndex = ring.slots.firstIndex { $0.kind == .recovery } ?? ring.slots.endIndex
            ring.slots.insert(slot, at: recoveryIndex)
        }
    }

    /// Sets a new passphrase for `name` (one's own, or anyone's for an
    /// administrator): that slot gets a new salt and key pair; no other slot
    /// and no database byte changes.
    public func changePassphrase(of name: String, to passphrase: inout [UInt8], kdf: KDFParameters? = nil) throws {
        let secret = try Vault.acceptedPassphrase(wiping: &passphrase)
        defer { secret.wipe() }
        if name != account { try require(.admin, "change another account's passphrase") }
        try updateKeyring { ring, key in
            guard let i = ring.slots.firstIndex(where: { $0.kind == .account && $0.name == name }) else {
                throw VaultError.unknownAccount(account: name)
            }
            let old = ring.slots[i]
            let params = kdf ?? old.kdfParameters ?? .default
            guard params.isAcceptable else { throw VaultError.weakKDF(detail: "\(params)") }
            ring.slots[i] = try KeySlot.make(kind: .account, name: name, roles: old.roles, kdf: .argon2id13,
                                             parameters: params, secret: secret, dataKey: key, fileId: ring.fileId)
        }
    }

    /// Removes `name` and rotates the data key, so the removed passphrase
    /// opens neither this database nor any backup made afterwards. Needs
    /// every connection closed, here and in other xindesk processes.
    public func removeAccount(_ name: String) throws {
        try require(.admin, "remove accounts")
        guard name != account else { throw VaultError.notPermitted(account: account, action: "remove its own account") }
        try mutex.withLock {
            guard let oldKey = dataKey else { throw VaultError.notPermitted(account: account, action: "work while locked") }
            guard handedOut.allSatisfy({ $0.writer == nil }), lockFile.tryExclusive() else {
                throw VaultError.inUse(path: paths.database)
            }
            defer { lockFile.shared() }
            // Start from the keyring on disk, not the one read at unlock:
            // rewriting that older copy dropped the accounts added since and
            // gave a replaced passphrase its power back. Under the keyring's
            // lock, like every keyring change (`updateKeyring`); with
            // `<db>.lock` exclusive no other session is open to hold it.
            try LockFile.exclusively(paths.keyringLock) {
                let current = try KeyringFile.read(paths.keyring)
                try KeyringFile.verifyMAC(current, dataKey: oldKey, path: paths.keyring)
                keyring = current
                guard let target = keyring.slot(named: name) else { throw VaultError.unknownAccount(account: name) }
                let admins = keyring.accounts.filter { $0.roles.contains(.admin) }
                if target.roles.contains(.admin) && admins.count <= 1 { throw VaultError.lastAdministrator(account: name) }

                let newKey = SecretBytes.random(count: Int(XCIPHER_KEY_BYTES))
                var ring = keyring
                ring.slots.removeAll { $0.kind == .account && $0.name == name }
                for i in ring.slots.indices { try ring.slots[i].seal(dataKey: newKey, fileId: ring.fileId) }
                try KeyRotation.rotate(paths: paths, oldKey: oldKey, newKey: newKey, fileId: fileId, newKeyring: &ring)
                try CipherRuntime.register(path: paths.database, key: newKey, fileId: fileId)
                oldKey.wipe()
                dataKey = newKey
                keyring = ring
            }
        }
    }

    // MARK: - backup and check

    /// Writes an encrypted copy to `destination` (same key, so the same
    /// passphrases open it) with a copy of the keyring beside it.
    /// Administrators only (the permission table's `makeBackup`): a backup
    /// is every record of the school on a stick.
    public func backup(to destination: String) throws {
        try require(.admin, "make backups")
        let dest = VaultPaths(database: destination)
        // Rotation leftovers too: the backup's first unlock would install
        // an old pending keyring over the one written here.
        for p in [dest.database, dest.keyring, dest.wal, dest.journal, dest.pendingKeyring, dest.rotationCopy]
        where SafeFile.exists(p) {
            throw VaultError.databaseExists(path: p)
        }
        let key = try currentKey()
        try SafeFile.ensureDirectory((dest.database as NSString).deletingLastPathComponent)
        try SafeFile.createExclusive(dest.database)
        do {
            try CipherRuntime.register(path: dest.database, key: key, fileId: fileId)
            defer { CipherRuntime.unregister(path: dest.database) }
            let config = CipherRuntime.configuration()
            let source = try DatabaseQueue(path: paths.database, configuration: config)
            let copy = try DatabaseQueue(path: dest.database, configuration: config)
            try source.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try copy.close()
            try source.close()
            try SafeFile.writeAtomically(try SafeFile.read(paths.keyring), to: dest.keyring)
        } catch {
            for p in [dest.database, dest.keyring, dest.wal, dest.shm, dest.journal] { SafeFile.remove(p) }
            throw VaultError.from(error, database: paths.database)
        }
    }

    /// Authenticates every page of the database and walks its WAL straight
    /// from disk, then runs SQLite's integrity check. A WAL that was tampered
    /// with (not merely cut short by a crash) is `.tampered`, naming the
    /// `-wal` file and the frame (see `xcipher_verify_wal`). The files are
    /// read inside BEGIN IMMEDIATE, so another workstation's commit cannot
    /// change the WAL half-way through the walk; opening that transaction
    /// recovers a WAL a crash left, which the cipher VFS refuses when the WAL
    /// was tampered with.
    public func check() throws -> CheckReport {
        let key = try currentKey()
        do {
            let queue = try DatabaseQueue(path: paths.database, configuration: CipherRuntime.configuration())
            defer { try? queue.close() }
            var pages: Int64 = 0
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    pages = try verifyFiles(key)
                    return .rollback
                }
            }
            let rows = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            return CheckReport(pagesAuthenticated: pages, integrity: rows)
        } catch {
            throw VaultError.from(error, database: paths.database)
        }
    }

    /// `xcipher_verify` on the database and its WAL: the pages and frames
    /// that authenticated, or the first damage it found.
    private func verifyFiles(_ key: SecretBytes) throws -> Int64 {
        var failure = xcipher_failure()
        var pages: Int64 = 0
        let rc = key.withUnsafeBytes { k in
            xcipher_verify(paths.database, k.baseAddress!.assumingMemoryBound(to: UInt8.self), fileId, &failure, &pages)
        }
        if rc == SQLITE_OK { return pages }
        if rc == SQLITE_CANTOPEN { throw VaultError.permissionDenied(path: paths.database, detail: "xcipher_verify") }
        throw VaultError.tampered(failure)
    }

    // MARK: - tier keys

    /// The tier keys, signing key and vouched-for public keys this account
    /// holds (see `TierKeys`).
    /// TEMPORARY (issue 14 in progress): derived from the page key by role
    /// until the keyring seals them to slots.
    public func tierKeys() throws -> TierKeys {
        let key = try currentKey()
        var tiers: [Tier: SecretBytes] = [:]
        let clinicalSecret = TierCrypto.subkey(key, 10, context: "xdk-tmp ")
        let clinicalPublic = TierCrypto.boxPublicKey(of: clinicalSecret)
        if roles.contains(.counselor) { tiers[.clinical] = TierCrypto.clinicalKey(from: clinicalSecret) }
        if roles.contains(.counselor) || roles.contains(.head) { tiers[.oversight] = TierCrypto.subkey(key, 11, context: "xdk-tmp ") }
        var signers: [String: [UInt8]] = [:]
        var signing: [String: SecretBytes] = [:]
        for a in accounts {
            let seed = SecretBytes(count: 32)
            let name = Array(a.name.utf8)
            seed.withUnsafeMutableBytes { sd in key.withUnsafeBytes { k in
                _ = crypto_generichash(sd.baseAddress!.assumingMemoryBound(to: UInt8.self), 32, name, UInt64(name.count),
                                       k.baseAddress!.assumingMemoryBound(to: UInt8.self), 32) } }
            var pk = [UInt8](repeating: 0, count: 32)
            let sk = SecretBytes(count: 64)
            sk.withUnsafeMutableBytes { s in seed.withUnsafeBytes { sd in
                _ = crypto_sign_seed_keypair(&pk, s.baseAddress!.assumingMemoryBound(to: UInt8.self), sd.baseAddress!.assumingMemoryBound(to: UInt8.self)) } }
            signers[a.name] = pk
            if a.name == account { signing[a.name] = sk }
        }
        return TierKeys(account: account, tierKeys: tiers, clinicalSecret: roles.contains(.counselor) ? clinicalSecret : nil,
                        clinicalPublic: clinicalPublic, signing: signing, signers: signers)
    }

    // MARK: - helpers

    private func requireUnlocked() throws {
        _ = try currentKey()
    }

    private func currentKey() throws -> SecretBytes {
        try mutex.withLock {
            guard let key = dataKey else { throw VaultError.notPermitted(account: account, action: "work while locked") }
            return key
        }
    }

    private func require(_ role: Role, _ action: String) throws {
        guard roles.contains(role) else { throw VaultError.notPermitted(account: account, action: action) }
    }

    /// Applies `change` to the keyring as it is on disk now and writes it
    /// atomically, all under the keyring's exclusive lock: taken, the file
    /// re-read and verified, changed, replaced, released. Reading it at
    /// unlock (or before the lock) and writing it back later lost whatever
    /// another process changed in between: of two `user add` run at once one
    /// account was gone, and a `user passwd` racing a `user add` was undone.
    /// The in-memory keyring changes only when the file did.
    private func updateKeyring(_ change: (inout Keyring, SecretBytes) throws -> Void) throws {
        try mutex.withLock {
            guard let key = dataKey else { throw VaultError.notPermitted(account: account, action: "work while locked") }
            try LockFile.exclusively(paths.keyringLock) {
                var ring = try KeyringFile.read(paths.keyring)
                guard ring.fileId == Vault.hex(fileId) else { throw VaultError.keyringMismatch(path: paths.keyring) }
                try KeyringFile.verifyMAC(ring, dataKey: key, path: paths.keyring)
                try change(&ring, key)
                try KeyringFile.write(&ring, dataKey: key, to: paths.keyring)
                keyring = ring
            }
        }
    }
}

/// A weak reference to a connection handed out by the vault.
private struct WeakWriter {
    weak var writer: AnyObject?
    init(_ w: AnyObject) { writer = w }
}

/// How many unlocked sessions each database has in this process.
private final class SessionCount: @unchecked Sendable {
    private let mutex = NSLock()
    private var counts: [String: Int] = [:]

    func open(_ path: String) { mutex.withLock { counts[path, default: 0] += 1 } }

    /// Returns true when the last session on `path` closed; false for a
    /// session never counted (an init that threw before `open`).
    func close(_ path: String) -> Bool {
        mutex.withLock {
            guard let count = counts[path] else { return false }
            counts[path] = count > 1 ? count - 1 : nil
            return count <= 1
        }
    }
}
