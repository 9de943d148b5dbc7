import Counseling
import CipherVFS
import Foundation
import GRDB
import GRDBSQLite

/// Creating and unlocking encrypted stores.
public enum Vault {
    /// Creates a new encrypted database with its keyring, holding one
    /// account and the recovery slot. Refuses to touch existing files.
    /// Returns the unlocked store and the recovery key (to be shown once).
    public static func create(database: String, account: String, displayName: String? = nil, roles: [Role],
                              passphrase: inout [UInt8], kdf: KDFParameters = .default)
        throws -> (vault: UnlockedVault, recoveryKey: String) {
        let secret = try acceptedPassphrase(wiping: &passphrase)
        defer { secret.wipe() }
        try validate(account: account, roles: roles)
        if let displayName { try validate(displayName: displayName) }
        guard kdf.isAcceptable else { throw VaultError.weakKDF(detail: "\(kdf)") }
        let paths = VaultPaths(database: database)
        // The leftovers of a crashed key rotation count as existing files:
        // the first unlock would otherwise install an old pending keyring
        // over the new one (or delete a copy someone may still need).
        for p in [paths.database, paths.keyring, paths.wal, paths.journal, paths.pendingKeyring, paths.rotationCopy]
        where SafeFile.exists(p) {
            throw VaultError.databaseExists(path: p)
        }
        try SafeFile.ensureDirectory((paths.database as NSString).deletingLastPathComponent)
        try SafeFile.createExclusive(paths.database)
        // A new database starts with no wrong passphrases: a throttle left by
        // one that was deleted at this path is not about these accounts.
        SafeFile.remove(paths.throttle)

        let pageKey = SecretBytes.random(count: Int(XCIPHER_KEY_BYTES))
        let fileId = SlotCrypto.randomBytes(Int(XCIPHER_FILE_ID_BYTES))
        let fileIdHex = hex(fileId)
        let recovery = RecoveryKey.generate()
        defer { recovery.wipe() }
        do {
            try CipherRuntime.register(path: paths.database, key: pageKey, fileId: fileId)
            // Writing the header makes page 1 exist, with our reserve and tag.
            let queue = try DatabaseQueue(path: paths.database, configuration: CipherRuntime.configuration())
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA application_id = \(applicationId)")
            }
            try queue.close()

            // The school's keys: made here, never stored except sealed to slots.
            let (authorityPublic, authority) = TierCrypto.signingKeyPair()
            let oversight = SecretBytes.random(count: SlotCrypto.keyBytes)
            let (clinicalPublic, clinical) = SlotCrypto.keyPair()
            let (reportingPublic, reporting) = TierCrypto.signingKeyPair()
            let all: [GrantName: SecretBytes] = [.page: pageKey, .oversight: oversight, .clinical: clinical, .authority: authority,
                                                 .reporting: reporting]
            var keyring = Keyring(fileId: fileIdHex, authority: Data(authorityPublic).base64EncodedString(),
                                  clinicalPublicKey: Data(clinicalPublic).base64EncodedString(),
                                  oversightCheck: Data(Keyring.check(oversight)).base64EncodedString(),
                                  reporting: Data(reportingPublic).base64EncodedString(),
                                  members: [], signers: [], slots: [])
            let (_, signing) = TierCrypto.signingKeyPair()
            var slot = try keyring.addMember(kind: .account, name: account, displayName: displayName, roles: roles,
                                             kdf: .argon2id13, parameters: kdf, secret: secret, signing: signing)
            for g in HeldKeys.needed(for: roles) { try slot.grant(g, all[g]!, fileId: fileIdHex) }
            keyring.slots.append(slot)
            // The recovery key holds every key: it can grant what a lost
            // passphrase held, and re-grant tiers no one else can.
            let (_, recoverySigning) = TierCrypto.signingKeyPair()
            var recoverySlot = try keyring.addMember(kind: .recovery, name: "recovery", roles: [.admin], kdf: .blake2b,
                                                     parameters: nil, secret: recovery, signing: recoverySigning)
            for g in GrantName.allCases { try recoverySlot.grant(g, all[g]!, fileId: fileIdHex) }
            keyring.slots.append(recoverySlot)
            keyring.sign(authority: authority)
            try KeyringFile.write(keyring, to: paths.keyring)
            let held = try HeldKeys.open(slot, secrets: try slot.openSecrets(secret: secret, fileId: fileIdHex),
                                         ring: keyring, path: paths.keyring)
            [oversight, clinical, authority, reporting, signing, recoverySigning].forEach { $0.wipe() }
            let vault = try UnlockedVault(paths: paths, account: account, claimedRoles: roles, held: held,
                                          fileId: fileId, keyring: keyring)
            return (vault, RecoveryKey.format(recovery))
        } catch {
            CipherRuntime.unregister(path: paths.database)
            for p in [paths.database, paths.keyring, paths.wal, paths.shm, paths.journal, paths.lockFile] {
                SafeFile.remove(p)
            }
            throw VaultError.from(error, database: paths.database)
        }
    }

    /// Opens the store as `account`. The passphrase bytes are wiped.
    /// A wrong passphrase changes no byte of the database or its keyring;
    /// it is counted in the throttle file beside them.
    ///
    /// Every process honours the wrong-passphrase throttle here (see
    /// `PassphraseThrottle`): inside the wait the attempt is refused at once
    /// with `VaultError.throttled`, which says how many seconds are left,
    /// without running the key derivation. Refusing rather than sleeping
    /// until the wait is over is deliberate: the workstation shows the wait
    /// counting down and keeps the screen responsive, a script gets its own
    /// exit code (14) and the seconds instead of hanging for up to 5
    /// minutes, and processes started together do not all wake at the same
    /// moment to try; a refused attempt costs nothing and is not counted.
    public static func unlock(database: String, account: String, passphrase: inout [UInt8]) throws -> UnlockedVault {
        let length = passphraseLength(passphrase)
        let secret = SecretBytes(wiping: &passphrase)
        defer { secret.wipe() }
        let (paths, keyring, fileId, lock) = try openKeyring(database)
        guard let slot = keyring.slot(named: account) else { throw VaultError.unknownAccount(account: account) }
        if let p = slot.kdfParameters, !p.isAcceptable { throw VaultError.weakKDF(detail: "\(p)") }
        // Not a guess (see `acceptedPassphrase`): refused before the throttle.
        guard length >= minimumPassphraseLength else { throw VaultError.passphraseTooShort(minimum: minimumPassphraseLength) }
        let secrets: SlotSecrets
        do {
            secrets = try PassphraseThrottle.attempt(paths, account: account) {
                try slot.openSecrets(secret: secret, fileId: keyring.fileId)
            }
        } catch let refused as VaultError {
            throw refused
        } catch {
            throw VaultError.wrongPassphrase(account: account)
        }
        return try open(paths, keyring, slot, secrets, fileId, lock)
    }

    /// Opens the store with the recovery key printed at `init`; the session
    /// has the administrator role (to set a new passphrase for an account).
    public static func unlock(database: String, recoveryKey: String) throws -> UnlockedVault {
        let (paths, keyring, fileId, lock) = try openKeyring(database)
        guard let secret = RecoveryKey.parse(recoveryKey), let slot = keyring.recoverySlot else {
            throw VaultError.wrongPassphrase(account: "recovery")
        }
        defer { secret.wipe() }
        // The same range check as the account path: without it an edited
        // recovery slot could make unlock run Argon2id at any cost.
        if let p = slot.kdfParameters, !p.isAcceptable { throw VaultError.weakKDF(detail: "\(p)") }
        let secrets: SlotSecrets
        do { secrets = try slot.openSecrets(secret: secret, fileId: keyring.fileId) } catch {
            throw VaultError.wrongPassphrase(account: "recovery")
        }
        return try open(paths, keyring, slot, secrets, fileId, lock)
    }

    /// The unlock after the passphrase opened the slot's secrets: the
    /// keyring must be signed by the authority this slot trusts (the key
    /// inside its own wrapped secrets, not the one the file states), and the
    /// slot must be one the header vouches for and its own key signed;
    /// then its grants are opened and checked. Granting what it holds to
    /// colleagues waiting for it is the caller's (`grantWaiting`), which
    /// records it in the audit log.
    private static func open(_ paths: VaultPaths, _ keyring: Keyring, _ slot: KeySlot, _ secrets: SlotSecrets,
                             _ fileId: [UInt8], _ lock: LockFile) throws -> UnlockedVault {
        guard keyring.headerIsSigned(by: secrets.authority),
              keyring.trustedSlots().contains(where: { $0.kind == slot.kind && $0.name == slot.name }) else {
            secrets.wipe()
            throw VaultError.keyringAltered(path: paths.keyring)
        }
        let held = try HeldKeys.open(slot, secrets: secrets, ring: keyring, path: paths.keyring)
        let vault = try UnlockedVault(paths: paths, account: slot.kind == .recovery ? "recovery" : slot.name,
                                      claimedRoles: slot.roles, held: held, fileId: fileId, keyring: keyring, lockFile: lock)
        guard !vault.roles.isEmpty else {
            vault.lock()
            throw VaultError.grantPending(account: slot.name)
        }
        return vault
    }

    /// The accounts and their roles, read from the keyring without a key (for
    /// the start screen). Not authenticated until an unlock verifies the MAC.
    public static func accounts(database: String) throws -> [(name: String, roles: [Role])] {
        let (_, keyring, _, _) = try openKeyring(database)
        return keyring.accounts.map { ($0.name, $0.roles) }
    }

    /// "XDK1": marks the file as ours for anyone who can decrypt it.
    static let applicationId: Int32 = 0x5844_4B31

    /// An account name is what a teacher is called at school (`王老师`,
    /// `zhaomin`): 1 to 32 printable characters of any script, without
    /// spaces. Refused: whitespace, control and format characters (a
    /// right-to-left override or a zero-width space would make two names
    /// look alike on the unlock screen), unassigned code points, and the
    /// recovery key's name.
    static func validate(account: String, roles: [Role]) throws {
        let refused = CharacterSet.whitespacesAndNewlines.union(.controlCharacters).union(.illegalCharacters)
        guard (1...32).contains(account.count), account != "recovery",
              account.unicodeScalars.allSatisfy({ scalar in
                  !refused.contains(scalar) && scalar.properties.generalCategory != .format
                      && scalar.properties.generalCategory != .privateUse && scalar.properties.generalCategory != .surrogate
              }) else {
            throw VaultError.invalidAccountName(name: account)
        }
        guard !roles.isEmpty else { throw VaultError.noRoles }
    }

    /// A display name is what colleagues read on screen and in reports
    /// (周明, Li Xinyi): 1 to 32 printable characters of any script; single
    /// spaces between words are fine, but not at either end. Refused like
    /// in account names: control and format characters (an invisible or
    /// direction-changing one would make two people look alike), private-use
    /// and unassigned code points.
    public static func validate(displayName: String) throws {
        let refused = CharacterSet.newlines.union(.controlCharacters).union(.illegalCharacters)
        guard (1...32).contains(displayName.count),
              displayName.trimmingCharacters(in: .whitespaces) == displayName, !displayName.contains("  "),
              displayName.unicodeScalars.allSatisfy({ scalar in
                  !refused.contains(scalar) && (scalar == " " || !CharacterSet.whitespaces.contains(scalar))
                      && scalar.properties.generalCategory != .format
                      && scalar.properties.generalCategory != .privateUse && scalar.properties.generalCategory != .surrogate
              }) else {
            throw VaultError.invalidDisplayName(name: displayName)
        }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// Finds and reads the keyring of `database`, finishing an interrupted
    /// key rotation first, and checks that keyring and database belong
    /// together. Returns the lock file held shared: an unlock must hold it
    /// from before it reads the keyring, or a rotation run while it derives
    /// its key (Argon2id takes a while) leaves it with the old data key for
    /// a database already under the new one, and every read "tampered".
    static func openKeyring(_ database: String) throws -> (VaultPaths, Keyring, [UInt8], LockFile) {
        let paths = VaultPaths(database: database)
        guard SafeFile.exists(paths.database) else { throw VaultError.databaseMissing(path: paths.database) }
        // Whether the file is ours is decided before looking for a keyring:
        // a plain SQLite file (which has none) was reported as "key file
        // missing, restore it from a backup", sending the teacher after a
        // file that never existed. (The file id survives key rotation, so
        // it can be read before taking the lock.)
        var fileId = [UInt8](repeating: 0, count: Int(XCIPHER_FILE_ID_BYTES))
        switch xcipher_read_file_id(paths.database, &fileId) {
        case SQLITE_OK: break
        case SQLITE_CANTOPEN:
            throw VaultError.permissionDenied(path: paths.database, detail: "xcipher_read_file_id: cannot open")
        default: throw VaultError.notXindeskDatabase(path: paths.database)
        }
        // Shared: waits out a rotation that is running (it holds it exclusively).
        let lock = try LockFile(path: paths.lockFile)
        KeyRotation.finishInterrupted(paths)
        guard SafeFile.exists(paths.keyring) else { throw VaultError.keyringMissing(path: paths.keyring) }
        let keyring = try KeyringFile.read(paths.keyring)
        guard hex(fileId) == keyring.fileId else { throw VaultError.keyringMismatch(path: paths.keyring) }
        return (paths, keyring, fileId, lock)
    }
}
