import Counseling
import Foundation

/// The `<db>.keys` sidecar: one slot per account plus one recovery slot.
///
/// Roles are keys. Every slot holds the page key (which only keeps out
/// someone without an account); the tier keys and the school's authority
/// signing key reach a slot only as `grants` sealed to its public key, so
/// what an account can decrypt is what its role may read (see `HeldKeys`).
///
/// Integrity without a shared key: the header — the members (each account's
/// name, roles and signing key), the tier public keys and every signing key
/// ever used — is signed by the school's authority key (held by
/// administrators and the recovery key). Each slot's wrapping (salt, KDF,
/// its X25519 public key) is signed by the slot's own signing key. Every
/// account learns the authority's public key from inside its own wrapped
/// secrets, which its passphrase authenticates, so a keyring re-signed with
/// another key is refused.
public struct Keyring: Codable, Equatable, Sendable {
    public static let formatName = "xindesk-keyring"
    public static let currentVersion = 2

    public var format: String = Keyring.formatName
    public var version: Int = Keyring.currentVersion
    /// The database's file id (hex), as stored in the clear in its page 1.
    public var fileId: String
    /// The school's authority signing key (Ed25519, base64).
    public var authority: String
    /// The clinical tier's X25519 public key (base64): what a duty teacher
    /// seals a visit brief to.
    public var clinicalPublicKey: String
    /// BLAKE2b of the oversight key (base64), to check a granted copy.
    public var oversightCheck: String
    /// The school's reporting key (Ed25519, base64): what signs the counts
    /// sent to the district (`xindesk district export`), held by heads and
    /// administrators. Absent in a keyring made before district reports
    /// until an administrator unlocks (`UnlockedVault.grantWaiting`).
    public var reporting: String?
    /// Who may hold a slot: name, kind, roles, signing key.
    public var members: [Member]
    /// Every signing key an account ever had (removed accounts' and replaced
    /// keys too), so records they signed stay verifiable.
    public var signers: [Signer]
    public var slots: [KeySlot]
    /// The authority's signature over everything above except `slots`.
    public var signature: String = ""

    public func slot(named name: String) -> KeySlot? {
        slots.first { $0.kind == .account && $0.name == name }
    }

    public var recoverySlot: KeySlot? { slots.first { $0.kind == .recovery } }

    public var accounts: [KeySlot] { slots.filter { $0.kind == .account } }

    public func member(_ kind: KeySlot.Kind, _ name: String) -> Member? {
        members.first { $0.kind == kind && $0.name == name }
    }

    /// The display name the signed header gives account `name`, if any.
    public func displayName(of name: String) -> String? {
        member(.account, name)?.displayName
    }
}

/// An account the authority vouches for.
public struct Member: Codable, Equatable, Sendable {
    public var kind: KeySlot.Kind
    public var name: String
    /// What the school calls the account's holder (周明 for `zhouming`),
    /// signed with the roles so an edited one is refused like a forged
    /// role. Absent in keyrings written before display names, and for an
    /// account given none: such an account is called by its name.
    public var displayName: String?
    public var roles: [Role]
    /// Ed25519 public key (base64).
    public var signingKey: String
}

/// A signing key that signed, or may sign, records.
public struct Signer: Codable, Equatable, Sendable {
    public var name: String
    public var signingKey: String
}

/// One way into the database. The slot's secrets (its X25519 secret, its
/// Ed25519 signing secret and the authority's public key) are wrapped under
/// a key derived from the passphrase; keys are granted to it by sealing them
/// to its X25519 public key, so an administrator can add and rotate keys for
/// an account without its passphrase, and a counselor can grant the clinical
/// key to a new counselor's slot.
public struct KeySlot: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case account, recovery }
    public enum KDF: String, Codable, Sendable {
        /// Passphrases: memory-hard.
        case argon2id13
        /// The 256-bit random recovery key needs no stretching.
        case blake2b
    }

    public var kind: Kind
    public var name: String
    public var roles: [Role]
    public var signingKey: String      // base64, Ed25519 (as in the member list)
    public var kdf: KDF
    public var kdfParameters: KDFParameters?
    public var salt: String            // base64
    public var publicKey: String       // base64, X25519
    public var secretsNonce: String    // base64
    public var wrappedSecrets: String  // base64
    /// The slot's own signature over its wrapping.
    public var wrappingSignature: String
    /// Keys sealed to `publicKey`, by what they are.
    public var grants: [GrantName: Grant]
}

/// What a grant holds.
public enum GrantName: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    /// The page key: every slot.
    case page
    case oversight
    /// The clinical tier's X25519 secret.
    case clinical
    /// The school's authority signing secret: administrators and recovery.
    case authority
    /// The school's reporting signing secret (district bundles): heads of
    /// guidance, administrators and recovery. One key for the school, so
    /// the district registers one fingerprint whoever exports; not the
    /// authority key, which vouches for accounts and stays the
    /// administrators' alone.
    case reporting
}

/// A key sealed to a slot: ephemeral X25519 + BLAKE2b + XChaCha20-Poly1305.
public struct Grant: Codable, Equatable, Sendable {
    public var ephemeralPublicKey: String
    public var nonce: String
    public var box: String
}
