import Counseling
import Foundation

/// The `<db>.keys` sidecar: one slot per account plus one recovery slot, each
/// able to recover the database's data key. Versioned JSON so a later format
/// can be read alongside this one.
public struct Keyring: Codable, Equatable, Sendable {
    public static let formatName = "xindesk-keyring"
    public static let currentVersion = 1

    public var format: String = Keyring.formatName
    public var version: Int = Keyring.currentVersion
    /// The database's file id (hex), as stored in the clear in its page 1.
    public var fileId: String
    public var slots: [KeySlot]
    /// A MAC over everything above, keyed from the data key: a slot added,
    /// removed or edited outside xindesk is detected at unlock.
    public var mac: String = ""

    public func slot(named name: String) -> KeySlot? {
        slots.first { $0.kind == .account && $0.name == name }
    }

    public var recoverySlot: KeySlot? { slots.first { $0.kind == .recovery } }

    public var accounts: [KeySlot] { slots.filter { $0.kind == .account } }
}

/// One way into the database. The slot holds an X25519 key pair whose secret
/// half is wrapped under a key derived from the passphrase, and the data key
/// sealed to the public half. Sealing to a public key lets an administrator
/// rotate the data key for every remaining account without their
/// passphrases; the associated data of both wraps binds the file id and all
/// of the slot's metadata, so an edited role or name does not decrypt.
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
    public var kdf: KDF
    public var kdfParameters: KDFParameters?
    public var salt: String            // base64
    public var publicKey: String       // base64, X25519
    public var secretKeyNonce: String  // base64
    public var wrappedSecretKey: String
    public var ephemeralPublicKey: String
    public var dataKeyNonce: String
    public var wrappedDataKey: String
}

extension Keyring {
    /// The bytes the keyring MAC covers, in a fixed order with lengths, so no
    /// two different keyrings encode the same.
    func macInput() -> [UInt8] {
        var w = CanonicalWriter()
        w.add(format); w.add(String(version)); w.add(fileId)
        for s in slots {
            w.add(s.associatedData(fileId: fileId))
            w.add(s.secretKeyNonce); w.add(s.wrappedSecretKey)
            w.add(s.ephemeralPublicKey); w.add(s.dataKeyNonce); w.add(s.wrappedDataKey)
        }
        return w.bytes
    }
}

extension KeySlot {
    /// Associated data for both wraps of this slot.
    func associatedData(fileId: String) -> [UInt8] {
        var w = CanonicalWriter()
        w.add("xindesk-slot-v1")
        w.add(fileId)
        w.add(kind.rawValue)
        w.add(name)
        w.add(roles.sorted().map(\.rawValue).joined(separator: ","))
        w.add(kdf.rawValue)
        w.add(kdfParameters.map { "\($0.opsLimit):\($0.memLimit)" } ?? "-")
        w.add(salt)
        w.add(publicKey)
        return w.bytes
    }
}

/// Length-prefixed concatenation of strings.
struct CanonicalWriter {
    var bytes: [UInt8] = []
    mutating func add(_ s: String) { add(Array(s.utf8)) }
    mutating func add(_ b: [UInt8]) {
        let n = UInt32(b.count)
        bytes += [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)]
        bytes += b
    }
}
