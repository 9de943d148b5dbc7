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
    /// The page key (registered with the VFS) while unlocked.
    private var dataKey: SecretBytes?
    /// Everything else this session holds; nil once locked.
    private var held: HeldKeys?
    private let fileId: [UInt8]
    private var keyring: Keyring
    private let lockFile: LockFile
    /// Connections handed out, so key rotation can refuse while any is open.
    private var handedOut: [WeakWriter] = []

    /// `lockFile`: the lock unlock took before reading the keyring (see
    /// `Vault.openKeyring`); nil to take it here (a store just created).
    init(paths: VaultPaths, account: String, claimedRoles: [Role], held: HeldKeys,
         fileId: [UInt8], keyring: Keyring, lockFile: LockFile? = nil) throws {
        self.paths = paths
        self.account = account
        self.roles = held.effectiveRoles(claimed: claimedRoles)
        let dataKey = SecretBytes(count: held.page.count)
        dataKey.withUnsafeMutableBytes { d in held.page.withUnsafeBytes { d.copyMemory(from: $0) } }
        self.dataKey = dataKey
        self.held = held
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

    /// The database's file id (hex): random at `init`, in the clear on its
    /// first page and in its keyring, kept by key rotations and backups.
    /// What a printed statistics document names the database by.
    public var fileID: String { Vault.hex(fileId) }

    /// The accounts of this store the signed keyring vouches for, with the
    /// display names and roles it states for them (nil: no display name).
    public var accounts: [(name: String, displayName: String?, roles: [Role])] {
        mutex.withLock {
            keyring.trustedSlots().filter { $0.kind == .account }.map { ($0.name, keyring.displayName(of: $0.name), $0.roles) }
        }
    }

    /// Each account with the tiers sealed to its slot and the roles still
    /// waiting for a key (`xindesk user list`).
    public var accountKeys: [AccountKeys] {
        mutex.withLock {
            keyring.trustedSlots().filter { $0.kind == .account }.map { slot in
                let granted = Set(slot.grants.keys)
                return AccountKeys(name: slot.name, displayName: keyring.displayName(of: slot.name), roles: slot.roles,
                                   tiers: Tier.allCases.filter { granted.contains($0.grant) },
                                   waiting: slot.roles.filter { !HeldKeys.required(for: [$0]).isSubset(of: granted) })
            }
        }
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
            held?.wipe()
            held = nil
        }
        lockFile.release()
    }

    // MARK: - accounts

    /// Adds an account, with the name the school calls its holder
    /// (`displayName`, signed in the header; nil: called by the account
    /// name). Its slot gets the page key and whichever tier keys
    /// its roles need that this administrator holds; a tier it does not hold
    /// (an administrator who is no counselor adding a counselor) waits until
    /// a holder unlocks (`grantWaiting`).
    public func addAccount(_ name: String, displayName: String? = nil, roles: [Role], passphrase: inout [UInt8],
                           kdf: KDFParameters = .default) throws {
        let secret = try Vault.acceptedPassphrase(wiping: &passphrase)
        defer { secret.wipe() }
        try require(.admin, "add accounts")
        try Vault.validate(account: name, roles: roles)
        if let displayName { try Vault.validate(displayName: displayName) }
        guard kdf.isAcceptable else { throw VaultError.weakKDF(detail: "\(kdf)") }
        try updateKeyring { ring, held in
            guard ring.slot(named: name) == nil, ring.member(.account, name) == nil else {
                throw VaultError.accountExists(account: name)
            }
            let (_, signing) = TierCrypto.signingKeyPair()
            defer { signing.wipe() }
            var slot = try ring.addMember(kind: .account, name: name, displayName: displayName, roles: roles,
                                          kdf: .argon2id13, parameters: kdf, secret: secret, signing: signing)
            try Self.grant(HeldKeys.needed(for: roles), from: held, to: &slot, fileId: ring.fileId)
            let recoveryIndex = ring.slots.firstIndex { $0.kind == .recovery } ?? ring.slots.endIndex
            ring.slots.insert(slot, at: recoveryIndex)
            try sign(&ring, held)
        }
    }

    /// Gives account `name` a new display name, signed into the header with
    /// the authority key: administrators only (the only accounts that hold
    /// it). The slot and its keys stay as they are.
    public func renameAccount(_ name: String, displayName: String) throws {
        try require(.admin, "rename accounts")
        try Vault.validate(displayName: displayName)
        try updateKeyring { ring, held in
            guard ring.slot(named: name) != nil else { throw VaultError.unknownAccount(account: name) }
            try ring.rename(name, displayName: displayName)
            try sign(&ring, held)
        }
    }

    /// Sets a new passphrase for `name` (one's own, or anyone's for an
    /// administrator), then rotates the page key, so the old passphrase with
    /// any older keyring (every backup has one) opens nothing current. One's
    /// own slot keeps its signing key and is re-granted what it held; an
    /// account reset by an administrator gets a new signing key (the
    /// administrator cannot know the old one) and only the keys the
    /// administrator holds: a tier it lacks waits for a holder's unlock.
    /// Waits up to 30 s for other sessions to close.
    public func changePassphrase(of name: String, to passphrase: inout [UInt8], kdf: KDFParameters? = nil) throws {
        let secret = try Vault.acceptedPassphrase(wiping: &passphrase)
        defer { secret.wipe() }
        if name != account { try require(.admin, "change another account's passphrase") }
        try rotatingPageKey { ring, held in
            guard let old = ring.slot(named: name) else { throw VaultError.unknownAccount(account: name) }
            let params = kdf ?? old.kdfParameters ?? .default
            guard params.isAcceptable else { throw VaultError.weakKDF(detail: "\(params)") }
            if name == account {
                guard let authorityKey = Data(base64Encoded: ring.authority) else { throw VaultError.keyringAltered(path: paths.keyring) }
                var slot = try KeySlot.make(kind: .account, name: name, roles: old.roles, kdf: .argon2id13, parameters: params,
                                            secret: secret, signing: held.slot.signing, authority: Array(authorityKey),
                                            fileId: ring.fileId)
                try Self.grant(Set(held.grants.keys), from: held, to: &slot, fileId: ring.fileId)
                ring.replaceSlot(slot)
            } else {
                let (_, signing) = TierCrypto.signingKeyPair()
                defer { signing.wipe() }
                var slot = try ring.addMember(kind: .account, name: name, roles: old.roles, kdf: .argon2id13, parameters: params,
                                              secret: secret, signing: signing)
                try Self.grant(HeldKeys.needed(for: old.roles), from: held, to: &slot, fileId: ring.fileId)
                ring.replaceSlot(slot)
                try sign(&ring, held)
            }
        }
    }

    /// Removes `name` and rotates the page key, so the removed passphrase
    /// opens neither this database nor any backup made afterwards; slots the
    /// signed header does not vouch for (planted in the file) are dropped on
    /// the way. Waits up to 30 s for other sessions to close.
    public func removeAccount(_ name: String) throws {
        try require(.admin, "remove accounts")
        guard name != account else { throw VaultError.notPermitted(account: account, action: "remove its own account") }
        try rotatingPageKey { ring, held in
            guard let target = ring.slot(named: name) else { throw VaultError.unknownAccount(account: name) }
            let admins = ring.members.filter { $0.kind == .account && $0.roles.contains(.admin) }
            if target.roles.contains(.admin) && admins.count <= 1 { throw VaultError.lastAdministrator(account: name) }
            ring.removeMember(name)
            try sign(&ring, held)
        }
    }

    /// Grants every tier key this session holds to the slots whose roles
    /// need it and that do not have it yet (a counselor added by an
    /// administrator who is no counselor; a passphrase reset). The
    /// workstation calls it after every unlock, so does every store command
    /// of the command line. Returns the accounts granted something, with
    /// what they were granted, for the caller to record in the audit log; a
    /// failure leaves them waiting for the next time.
    public func grantWaiting() -> [(account: String, tiers: [Tier])] {
        let waiting: Bool = mutex.withLock {
            guard let held else { return false }
            return (keyring.reporting == nil && held.grants[.authority] != nil) || keyring.trustedSlots().contains { slot in
                !HeldKeys.needed(for: slot.roles).subtracting(slot.grants.keys).isDisjoint(with: held.grants.keys)
            }
        }
        guard waiting else { return [] }
        var granted: [(account: String, tiers: [Tier])] = []
        do {
            try updateKeyring { ring, held in
                granted = []
                // A keyring made before district reports: the administrator
                // makes the school's reporting key, vouches for it in the
                // signed header, and grants it below like any waiting key.
                if ring.reporting == nil, let authority = held.grants[.authority] {
                    let (reportingPublic, reporting) = TierCrypto.signingKeyPair()
                    ring.reporting = Data(reportingPublic).base64EncodedString()
                    ring.sign(authority: authority)
                    held.adopt(.reporting, reporting)
                }
                let trusted = Set(ring.trustedSlots().map(\.name))
                for i in ring.slots.indices where trusted.contains(ring.slots[i].name) {
                    let missing = HeldKeys.needed(for: ring.slots[i].roles).subtracting(ring.slots[i].grants.keys)
                        .intersection(held.grants.keys)
                    guard !missing.isEmpty else { continue }
                    try Self.grant(missing, from: held, to: &ring.slots[i], fileId: ring.fileId)
                    // The audit entry names tiers; the reporting key alone is not one.
                    let tiers = Tier.allCases.filter { missing.contains($0.grant) }
                    if !tiers.isEmpty { granted.append((ring.slots[i].name, tiers)) }
                }
            }
        } catch {
            return []
        }
        return granted
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
        let ring = try mutex.withLock {
            guard let held else { throw VaultError.notPermitted(account: account, action: "work while locked") }
            return try currentKeyring(held)
        }
        let untrusted = ring.untrustedNames()
        guard untrusted.isEmpty else { throw VaultError.keyringSlotsUntrusted(path: paths.keyring, names: untrusted) }
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

    /// The tier keys this account holds, its signing key, and the public
    /// keys the signed keyring vouches for (see `TierKeys`): copies, for the
    /// store; `lock()` does not reach them, the store's owner drops it.
    public func tierKeys() throws -> TierKeys {
        try mutex.withLock {
            guard let held else { throw VaultError.notPermitted(account: account, action: "work while locked") }
            var tiers: [Tier: SecretBytes] = [:]
            if let o = held.grants[.oversight] { tiers[.oversight] = o.copy() }
            if let c = held.grants[.clinical] { tiers[.clinical] = TierCrypto.clinicalKey(from: c) }
            return TierKeys(account: account, tierKeys: tiers, clinicalSecret: held.grants[.clinical]?.copy(),
                            clinicalPublic: Array(Data(base64Encoded: keyring.clinicalPublicKey) ?? Data()),
                            signing: [account: held.slot.signing.copy()], signers: keyring.signingKeys)
        }
    }

    // MARK: - reporting key

    /// The reporting key's public half as the signed header states it; nil
    /// until an administrator has unlocked a keyring made before it.
    public var reportingPublicKey: [UInt8]? {
        mutex.withLock { keyring.reporting.flatMap { Data(base64Encoded: $0) }.map(Array.init) }
    }

    /// Whether this session holds the reporting key (heads and
    /// administrators, once it was granted to their slot).
    public var holdsReportingKey: Bool { mutex.withLock { held?.grants[.reporting] != nil } }

    /// Runs `body` with the reporting secret; refused without it.
    func withReportingSecret<R>(_ body: (SecretBytes) throws -> R) throws -> R {
        try mutex.withLock {
            guard let key = held?.grants[.reporting] else {
                throw VaultError.notPermitted(account: account, action: "sign district reports without the school's reporting key")
            }
            return try body(key)
        }
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
    private func updateKeyring(_ change: (inout Keyring, HeldKeys) throws -> Void) throws {
        try mutex.withLock {
            guard let held else { throw VaultError.notPermitted(account: account, action: "work while locked") }
            try LockFile.exclusively(paths.keyringLock) {
                var ring = try currentKeyring(held)
                try change(&ring, held)
                try KeyringFile.write(ring, to: paths.keyring)
                keyring = ring
            }
        }
    }

    /// The keyring on disk, if it is still one this session trusts: signed
    /// by the authority inside this slot's secrets, for this database.
    private func currentKeyring(_ held: HeldKeys) throws -> Keyring {
        let ring = try KeyringFile.read(paths.keyring)
        guard ring.fileId == Vault.hex(fileId) else { throw VaultError.keyringMismatch(path: paths.keyring) }
        guard ring.headerIsSigned(by: held.slot.authority) else { throw VaultError.keyringAltered(path: paths.keyring) }
        return ring
    }

    /// A keyring change that ends with a new page key: with every other
    /// session closed (waiting up to 30 s), under the keyring's lock, the
    /// change is applied, untrusted slots dropped, the new page key sealed
    /// to every remaining slot and the database re-encrypted under it
    /// (`KeyRotation`). Another session may have rotated the key while this
    /// one waited: the page key is re-opened from the keyring first.
    private func rotatingPageKey(_ change: (inout Keyring, HeldKeys) throws -> Void) throws {
        try mutex.withLock {
            guard let held, let oldKey = dataKey else { throw VaultError.notPermitted(account: account, action: "work while locked") }
            guard handedOut.allSatisfy({ $0.writer == nil }), lockFile.waitExclusive(timeout: 30) else {
                throw VaultError.inUse(path: paths.database)
            }
            defer { lockFile.shared() }
            try LockFile.exclusively(paths.keyringLock) {
                KeyRotation.finishInterrupted(paths)
                var ring = try currentKeyring(held)
                guard let mine = ring.slots.first(where: { $0.name == account && ($0.kind == .recovery) == (account == "recovery") }),
                      let current = mine.openGrant(.page, boxSecret: held.slot.box, fileId: ring.fileId) else {
                    throw VaultError.keyringAltered(path: paths.keyring)
                }
                if !current.equals(oldKey) {
                    try CipherRuntime.register(path: paths.database, key: current, fileId: fileId)
                    oldKey.withUnsafeMutableBytes { o in current.withUnsafeBytes { o.copyMemory(from: $0) } }
                }
                try change(&ring, held)
                ring.dropUntrustedSlots()
                let newKey = SecretBytes.random(count: Int(XCIPHER_KEY_BYTES))
                for i in ring.slots.indices { try ring.slots[i].grant(.page, newKey, fileId: ring.fileId) }
                try KeyRotation.rotate(paths: paths, oldKey: oldKey, newKey: newKey, fileId: fileId, newKeyring: ring)
                try CipherRuntime.register(path: paths.database, key: newKey, fileId: fileId)
                oldKey.wipe()
                dataKey = newKey
                held.replacePage(newKey.copy())
                keyring = ring
            }
        }
    }

    /// Seals to `slot` each of `grants` this session holds.
    private static func grant(_ grants: Set<GrantName>, from held: HeldKeys, to slot: inout KeySlot, fileId: String) throws {
        for g in grants.sorted(by: { $0.rawValue < $1.rawValue }) {
            if let key = held.grants[g] { try slot.grant(g, key, fileId: fileId) }
        }
    }

    /// Signs the keyring header with the authority key this session holds.
    private func sign(_ ring: inout Keyring, _ held: HeldKeys) throws {
        guard let authority = held.grants[.authority] else {
            throw VaultError.notPermitted(account: account, action: "manage accounts without the administrator key")
        }
        ring.sign(authority: authority)
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
