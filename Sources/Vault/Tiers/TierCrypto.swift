import CSodium
import Foundation

/// libsodium for the tiers: XChaCha20-Poly1305 for tier data, keyed BLAKE2b
/// for student links, `crypto_box_seal` for write-only clinical text,
/// Ed25519 for authorship. Subkeys come from `crypto_kdf`, so one tier key
/// never serves two purposes.
enum TierCrypto {
    static let encryptionSubkey: UInt64 = 1
    static let linkSubkey: UInt64 = 2

    static func subkey(_ key: SecretBytes, _ id: UInt64, context: String = "xdk-tier") -> SecretBytes {
        let sub = SecretBytes(count: SlotCrypto.keyBytes)
        sub.withUnsafeMutableBytes { s in
            key.withUnsafeBytes { k in
                _ = crypto_kdf_derive_from_key(s.baseAddress!.assumingMemoryBound(to: UInt8.self), SlotCrypto.keyBytes,
                                               id, context, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        return sub
    }

    /// The clinical tier's symmetric key, derived from its X25519 secret:
    /// holding the secret (to read sealed briefs) and holding the key (to
    /// read clinical rows) are one grant.
    static func clinicalKey(from secret: SecretBytes) -> SecretBytes { subkey(secret, 3, context: "xdk-clin") }

    static func bind(_ tier: Tier, _ ad: [UInt8]) -> [UInt8] {
        var w = CanonicalWriter()
        w.add("xindesk-tier-v1"); w.add(tier.rawValue); w.add(ad)
        return w.bytes
    }

    /// A student's link, with the tier's link subkey (`TierSubkeys`).
    static func link(_ id: [UInt8], subkey sub: SecretBytes) -> String {
        var out = [UInt8](repeating: 0, count: 16)
        sub.withUnsafeBytes { s in
            _ = crypto_generichash(&out, 16, id, UInt64(id.count), s.baseAddress!.assumingMemoryBound(to: UInt8.self), SlotCrypto.keyBytes)
        }
        return hex(out)
    }

    /// Lower-case hex, without `String(format:)`, which costs microseconds
    /// a byte: the store links every row a list opens.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for b in bytes { text += [digits[Int(b >> 4)], digits[Int(b & 0x0f)]] }
        return String(decoding: text, as: UTF8.self)
    }

    /// nonce || ciphertext.
    /// With the tier's encryption subkey (`TierSubkeys`).
    static func seal(_ plain: [UInt8], subkey sub: SecretBytes, ad: [UInt8]) -> [UInt8] {
        let nonce = SlotCrypto.randomBytes(SlotCrypto.nonceBytes)
        var box = [UInt8](repeating: 0, count: plain.count + Int(crypto_aead_xchacha20poly1305_ietf_ABYTES))
        var len: UInt64 = 0
        sub.withUnsafeBytes { k in
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(&box, &len, plain, UInt64(plain.count), ad, UInt64(ad.count),
                                                           nil, nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return nonce + box
    }

    static func open(_ sealed: [UInt8], subkey sub: SecretBytes, ad: [UInt8]) -> [UInt8]? {
        let n = SlotCrypto.nonceBytes, abytes = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
        guard sealed.count >= n + abytes else { return nil }
        let nonce = Array(sealed[..<n]), box = Array(sealed[n...])
        var out = [UInt8](repeating: 0, count: box.count - abytes)
        var len: UInt64 = 0
        let rc = sub.withUnsafeBytes { k in
            crypto_aead_xchacha20poly1305_ietf_decrypt(&out, &len, nil, box, UInt64(box.count), ad, UInt64(ad.count),
                                                       nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return rc == 0 ? out : nil
    }

    static func sealAnonymous(_ plain: [UInt8], to publicKey: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: plain.count + Int(crypto_box_sealbytes()))
        _ = crypto_box_seal(&out, plain, UInt64(plain.count), publicKey)
        return out
    }

    static func openAnonymous(_ sealed: [UInt8], publicKey: [UInt8], secretKey: SecretBytes) -> [UInt8]? {
        let overhead = Int(crypto_box_sealbytes())
        guard sealed.count >= overhead else { return nil }
        var out = [UInt8](repeating: 0, count: sealed.count - overhead)
        let rc = secretKey.withUnsafeBytes { s in
            crypto_box_seal_open(&out, sealed, UInt64(sealed.count), publicKey, s.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return rc == 0 ? out : nil
    }

    static func signingKeyPair() -> (publicKey: [UInt8], secretKey: SecretBytes) {
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        let sk = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES))
        sk.withUnsafeMutableBytes { s in _ = crypto_sign_keypair(&pk, s.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return (pk, sk)
    }

    static func signingPublicKey(of secret: SecretBytes) -> [UInt8] {
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        secret.withUnsafeBytes { s in _ = crypto_sign_ed25519_sk_to_pk(&pk, s.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return pk
    }

    static func boxPublicKey(of secret: SecretBytes) -> [UInt8] {
        var pk = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        secret.withUnsafeBytes { s in _ = crypto_scalarmult_base(&pk, s.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return pk
    }

    static func sign(_ message: [UInt8], secretKey: SecretBytes) -> [UInt8] {
        var sig = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        secretKey.withUnsafeBytes { s in
            _ = crypto_sign_detached(&sig, nil, message, UInt64(message.count), s.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return sig
    }

    static func verify(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == Int(crypto_sign_BYTES), publicKey.count == Int(crypto_sign_PUBLICKEYBYTES) else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }
}
