import CSodium

/// The school's reporting key as a bundle needs it: its Ed25519 public key,
/// signatures, and opening the school's own copy sealed to the key's X25519
/// form. The school's keyring holds the secret (`UnlockedVault`), so the
/// program that exports adapts the vault to this; `SchoolSigningKey` is a
/// key in memory (tests, generated bundles for the district's benchmark).
public protocol BundleSigner {
    var signingPublicKey: [UInt8] { get }
    func sign(_ message: [UInt8]) throws -> [UInt8]
    /// Opens a box sealed (`crypto_box_seal`) to the X25519 form of the key;
    /// nil when it does not open.
    func openSealedToSelf(_ box: [UInt8]) throws -> [UInt8]?
}

extension BundleSigner {
    public var fingerprint: KeyFingerprint { KeyFingerprint(of: signingPublicKey, kind: .schoolSigning) }
}

/// An Ed25519 key pair in ordinary memory.
public final class SchoolSigningKey: BundleSigner, @unchecked Sendable {
    public let signingPublicKey: [UInt8]
    private var secret: [UInt8]

    public init() {
        _ = Sodium.ready
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var sk = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        crypto_sign_keypair(&pk, &sk)
        signingPublicKey = pk
        secret = sk
    }

    deinit { Sodium.wipe(&secret) }

    public func sign(_ message: [UInt8]) -> [UInt8] { Ed25519.sign(message, secret: secret) }

    public func openSealedToSelf(_ box: [UInt8]) -> [UInt8]? { Ed25519.openSealed(box, signingSecret: secret) }
}

/// Ed25519 operations on plain byte arrays, shared by `SchoolSigningKey`
/// and whoever adapts another key store.
public enum Ed25519 {
    public static func sign(_ message: [UInt8], secret: [UInt8]) -> [UInt8] {
        _ = Sodium.ready
        var sig = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        crypto_sign_detached(&sig, nil, message, UInt64(message.count), secret)
        return sig
    }

    public static func verify(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        _ = Sodium.ready
        guard signature.count == Int(crypto_sign_BYTES), publicKey.count == Int(crypto_sign_PUBLICKEYBYTES) else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }

    /// The X25519 form of an Ed25519 public key (what the school's copy is
    /// sealed to); nil for bytes that are not a valid point.
    static func boxPublicKey(of signingPublic: [UInt8]) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        guard signingPublic.count == Int(crypto_sign_PUBLICKEYBYTES),
              crypto_sign_ed25519_pk_to_curve25519(&out, signingPublic) == 0 else { return nil }
        return out
    }

    /// Opens a box sealed to the X25519 form of the Ed25519 key whose
    /// 64-byte secret is `signingSecret`; nil when it does not open.
    public static func openSealed(_ box: [UInt8], signingSecret: [UInt8]) -> [UInt8]? {
        _ = Sodium.ready
        let overhead = Int(crypto_box_sealbytes())
        guard box.count >= overhead, signingSecret.count == Int(crypto_sign_SECRETKEYBYTES) else { return nil }
        var boxSecret = [UInt8](repeating: 0, count: Int(crypto_box_SECRETKEYBYTES))
        defer { Sodium.wipe(&boxSecret) }
        guard crypto_sign_ed25519_sk_to_curve25519(&boxSecret, signingSecret) == 0,
              let boxPublic = boxPublicKey(of: Array(signingSecret[32...])) else { return nil }
        var out = [UInt8](repeating: 0, count: box.count - overhead)
        guard crypto_box_seal_open(&out, box, UInt64(box.count), boxPublic, boxSecret) == 0 else { return nil }
        return out
    }
}
