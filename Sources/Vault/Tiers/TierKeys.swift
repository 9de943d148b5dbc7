import CSodium
import Foundation

/// The keys an unlocked account holds beyond the page key: the tier keys
/// sealed to its slot, its own Ed25519 signing key, and the public keys the
/// signed keyring vouches for (every account's signing key, the clinical
/// tier's public key). The store encrypts, links, signs and verifies only
/// through here, so what a session can read is decided by the keys it holds,
/// not by a role flag.
public final class TierKeys: @unchecked Sendable {
    /// The account these keys were unlocked for.
    public let account: String
    private let tierKeys: [Tier: SecretBytes]
    /// Each held tier's encryption and link subkeys, derived once: the
    /// store opens and links thousands of rows on the way to the first
    /// frame, and each derivation allocates guarded memory.
    private let subkeys: [Tier: TierSubkeys]
    /// The clinical tier's X25519 secret (the clinical key is derived from
    /// it); nil unless the account holds the clinical tier.
    private let clinicalSecret: SecretBytes?
    /// What anyone may seal clinical text to (a duty teacher's visit brief).
    public let clinicalPublic: [UInt8]
    private let book: SignerBook

    /// Every signing key the keyring vouches for, including removed accounts'
    /// (their records stay verifiable).
    public var signers: [String: [UInt8]] { book.publicKeys }

    init(account: String, tierKeys: [Tier: SecretBytes], clinicalSecret: SecretBytes?, clinicalPublic: [UInt8],
         signing: [String: SecretBytes], signers: [String: [[UInt8]]], mintsSigners: Bool = false) {
        self.account = account
        self.tierKeys = tierKeys
        self.subkeys = tierKeys.mapValues(TierSubkeys.init)
        self.clinicalSecret = clinicalSecret
        self.clinicalPublic = clinicalPublic
        self.book = SignerBook(secrets: signing, publicKeys: signers, mints: mintsSigners)
    }

    private init(account: String, tierKeys: [Tier: SecretBytes], subkeys: [Tier: TierSubkeys], clinicalSecret: SecretBytes?,
                 clinicalPublic: [UInt8], book: SignerBook) {
        self.account = account
        self.tierKeys = tierKeys
        self.subkeys = subkeys
        self.clinicalSecret = clinicalSecret
        self.clinicalPublic = clinicalPublic
        self.book = book
    }

    /// The same keys without the tiers outside `tiers`, acting as `account`:
    /// what a lesser session on the same store holds (tests of what a duty
    /// teacher or a head can read). The keys are shared, not copied: wiping
    /// one wipes both.
    public func limited(to tiers: Set<Tier>, account: String? = nil) -> TierKeys {
        TierKeys(account: account ?? self.account, tierKeys: tierKeys.filter { tiers.contains($0.key) },
                 subkeys: subkeys.filter { tiers.contains($0.key) }, clinicalSecret: tiers.contains(.clinical) ? clinicalSecret : nil,
                 clinicalPublic: clinicalPublic, book: book)
    }

    /// Keys made up on the spot for an in-memory store (tests, benchmarks):
    /// any account can sign (a key is made the first time it does), and the
    /// store holds `tiers`. They protect nothing that outlives the process.
    public static func ephemeral(accounts: [String] = [], holding tiers: Set<Tier> = Set(Tier.allCases)) -> TierKeys {
        let (clinicalPublic, clinicalSecret) = SlotCrypto.keyPair()
        var keys: [Tier: SecretBytes] = [:]
        for t in tiers where t != .clinical { keys[t] = SecretBytes.random(count: SlotCrypto.keyBytes) }
        if tiers.contains(.clinical) { keys[.clinical] = TierCrypto.clinicalKey(from: clinicalSecret) }
        var signing: [String: SecretBytes] = [:]
        var signers: [String: [[UInt8]]] = [:]
        for name in accounts {
            let (pk, sk) = TierCrypto.signingKeyPair()
            signing[name] = sk
            signers[name] = [pk]
        }
        return TierKeys(account: accounts.first ?? "", tierKeys: keys,
                        clinicalSecret: tiers.contains(.clinical) ? clinicalSecret : nil,
                        clinicalPublic: clinicalPublic, signing: signing, signers: signers, mintsSigners: true)
    }

    public func holds(_ tier: Tier) -> Bool { tierKeys[tier] != nil }

    public var tiers: Set<Tier> { Set(tierKeys.keys) }

    /// What a row of `tier` stores instead of a student id: a keyed hash
    /// under the tier's link key, so without the tier key no row says which
    /// student it is about (nor which rows are about the same one). Nil when
    /// the tier is not held.
    public func link(_ tier: Tier, _ id: String) -> String? {
        guard let sub = subkeys[tier] else { return nil }
        return TierCrypto.link(Array(id.utf8), subkey: sub.link)
    }

    /// XChaCha20-Poly1305 under the tier's key, `ad` binding where the bytes
    /// belong (table, record id, revision, tier). Nil when not held.
    public func seal(_ tier: Tier, _ plain: [UInt8], ad: [UInt8]) -> [UInt8]? {
        guard let sub = subkeys[tier] else { return nil }
        return TierCrypto.seal(plain, subkey: sub.encryption, ad: TierCrypto.bind(tier, ad))
    }

    /// The plain bytes, or nil when the tier is not held or the bytes do not
    /// authenticate (altered, moved to another row, or written without the key).
    public func open(_ tier: Tier, _ sealed: [UInt8], ad: [UInt8]) -> [UInt8]? {
        guard let sub = subkeys[tier] else { return nil }
        return TierCrypto.open(sealed, subkey: sub.encryption, ad: TierCrypto.bind(tier, ad))
    }

    /// Sealed to the clinical tier's public key (`crypto_box_seal`): any
    /// account can write it, only a clinical key holder can read it back.
    public func sealToClinical(_ plain: [UInt8]) -> [UInt8] {
        TierCrypto.sealAnonymous(plain, to: clinicalPublic)
    }

    /// Opens what `sealToClinical` wrote; nil without the clinical key.
    public func openSealedToClinical(_ sealed: [UInt8]) -> [UInt8]? {
        guard let secret = clinicalSecret else { return nil }
        return TierCrypto.openAnonymous(sealed, publicKey: clinicalPublic, secretKey: secret)
    }

    /// Whether `name`'s signing secret is here (production: only the
    /// account's own).
    public func canSign(as name: String) -> Bool { book.canSign(as: name) }

    /// An Ed25519 signature by `name` over `message`.
    public func sign(_ message: [UInt8], as name: String) throws -> [UInt8] {
        TierCrypto.sign(message, secretKey: try book.secret(for: name))
    }

    /// Whether `signature` is `name`'s over `message`, by a signing key the
    /// keyring vouches for. An unknown signer is never valid.
    public func verify(_ signature: [UInt8], of message: [UInt8], by name: String) -> Bool {
        book.history(of: name).contains { TierCrypto.verify(signature, of: message, publicKey: $0) }
    }

    public func wipe() {
        tierKeys.values.forEach { $0.wipe() }
        subkeys.values.forEach { $0.wipe() }
        clinicalSecret?.wipe()
        book.wipe()
    }
}

/// A tier key's subkeys for sealing and for links (`TierCrypto`), derived
/// once and shared by a session's `limited` copies, so wiping one wipes both.
private final class TierSubkeys: @unchecked Sendable {
    let encryption: SecretBytes
    let link: SecretBytes

    init(_ key: SecretBytes) {
        encryption = TierCrypto.subkey(key, TierCrypto.encryptionSubkey)
        link = TierCrypto.subkey(key, TierCrypto.linkSubkey)
    }

    func wipe() {
        encryption.wipe()
        link.wipe()
    }
}

/// Signing secrets by account (production: only the session's own) and the
/// public keys the keyring vouches for. Ephemeral keys (tests, benchmarks)
/// make a key pair for any account the first time it signs.
private final class SignerBook: @unchecked Sendable {
    private let mutex = NSLock()
    private var secrets: [String: SecretBytes]
    /// Every signing key each account had, oldest first.
    private var keys: [String: [[UInt8]]]
    private let mints: Bool

    init(secrets: [String: SecretBytes], publicKeys: [String: [[UInt8]]], mints: Bool) {
        self.secrets = secrets
        self.keys = publicKeys
        self.mints = mints
    }

    /// Each account's current signing key.
    var publicKeys: [String: [UInt8]] { mutex.withLock { keys.compactMapValues(\.last) } }

    func history(of name: String) -> [[UInt8]] { mutex.withLock { keys[name] ?? [] } }

    func canSign(as name: String) -> Bool { mutex.withLock { mints || secrets[name] != nil } }

    func secret(for name: String) throws -> SecretBytes {
        try mutex.withLock {
            if let sk = secrets[name] { return sk }
            guard mints else { throw TierKeyError.cannotSign(account: name) }
            let (pk, sk) = TierCrypto.signingKeyPair()
            secrets[name] = sk
            keys[name, default: []].append(pk)
            return sk
        }
    }

    func wipe() { mutex.withLock { secrets.values.forEach { $0.wipe() } } }
}

public enum TierKeyError: Error, Equatable, Sendable {
    /// A signature was asked of an account whose signing key is not unlocked here.
    case cannotSign(account: String)
}
