import CSodium
import Foundation

/// The cryptography of key slots (libsodium): Argon2id or BLAKE2b to a
/// key-encryption key, XChaCha20-Poly1305 for the wrapped secret key, and
/// X25519 + BLAKE2b + XChaCha20-Poly1305 to seal the data key to a slot.
enum SlotCrypto {
    static let keyBytes = 32
    static let saltBytes = Int(crypto_pwhash_SALTBYTES)
    static let nonceBytes = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)

    enum Failure: Error { case authentication, derivation }

    /// Derives the key-encryption key of a slot from a passphrase or the
    /// recovery key.
    static func deriveKEK(secret: SecretBytes, slot: KeySlot) throws -> SecretBytes {
        guard let salt = Data(base64Encoded: slot.salt), salt.count == saltBytes else { throw Failure.derivation }
        let kek = SecretBytes(count: keyBytes)
        let rc: Int32 = kek.withUnsafeMutableBytes { out in
            secret.withUnsafeBytes { pw in
                salt.withUnsafeBytes { s in
                    switch slot.kdf {
                    case .argon2id13:
                        guard let p = slot.kdfParameters else { return -1 }
                        return crypto_pwhash(
                            out.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(keyBytes),
                            pw.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(secret.count),
                            s.baseAddress!.assumingMemoryBound(to: UInt8.self),
                            p.opsLimit, Int(p.memLimit), crypto_pwhash_ALG_ARGON2ID13)
                    case .blake2b:
                        // Keyed hash of the recovery key with the salt as key.
                        return crypto_generichash(
                            out.baseAddress!.assumingMemoryBound(to: UInt8.self), keyBytes,
                            pw.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(secret.count),
                            s.baseAddress!.assumingMemoryBound(to: UInt8.self), s.count)
                    }
                }
            }
        }
        guard rc == 0 else { throw Failure.derivation }
        return kek
    }

    static func randomBytes(_ n: Int) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: n)
        randombytes_buf(&b, n)
        return b
    }

    /// XChaCha20-Poly1305 encryption of `plain` under `key`; returns nonce and ciphertext.
    static func seal(_ plain: SecretBytes, key: SecretBytes, ad: [UInt8]) -> (nonce: [UInt8], box: [UInt8]) {
        let nonce = randomBytes(nonceBytes)
        var box = [UInt8](repeating: 0, count: plain.count + Int(crypto_aead_xchacha20poly1305_ietf_ABYTES))
        var boxLen: UInt64 = 0
        plain.withUnsafeBytes { p in
            key.withUnsafeBytes { k in
                _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                    &box, &boxLen, p.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(plain.count),
                    ad, UInt64(ad.count), nil, nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        return (nonce, box)
    }

    static func open(_ box: [UInt8], nonce: [UInt8], key: SecretBytes, ad: [UInt8]) throws -> SecretBytes {
        let abytes = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
        guard box.count > abytes, nonce.count == nonceBytes else { throw Failure.authentication }
        let out = SecretBytes(count: box.count - abytes)
        var outLen: UInt64 = 0
        let rc = out.withUnsafeMutableBytes { o in
            key.withUnsafeBytes { k in
                crypto_aead_xchacha20poly1305_ietf_decrypt(
                    o.baseAddress!.assumingMemoryBound(to: UInt8.self), &outLen, nil,
                    box, UInt64(box.count), ad, UInt64(ad.count), nonce,
                    k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        guard rc == 0 else { throw Failure.authentication }
        return out
    }

    /// A new X25519 key pair: public half in the clear, secret half secret.
    static func keyPair() -> (publicKey: [UInt8], secretKey: SecretBytes) {
        var pk = [UInt8](repeating: 0, count: Int(crypto_box_PUBLICKEYBYTES))
        let sk = SecretBytes(count: Int(crypto_box_SECRETKEYBYTES))
        sk.withUnsafeMutableBytes { s in
            _ = crypto_box_keypair(&pk, s.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return (pk, sk)
    }

    /// The wrapping key shared between an ephemeral key and a slot's key
    /// pair: BLAKE2b(X25519(secret, public) || ephemeral pk || slot pk).
    static func sharedKey(secret: SecretBytes, peer: [UInt8], ephemeralPublic: [UInt8],
                          slotPublic: [UInt8]) throws -> SecretBytes {
        let shared = SecretBytes(count: Int(crypto_scalarmult_BYTES))
        let rc = shared.withUnsafeMutableBytes { q in
            secret.withUnsafeBytes { s in
                crypto_scalarmult(q.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                  s.baseAddress!.assumingMemoryBound(to: UInt8.self), peer)
            }
        }
        guard rc == 0 else { throw Failure.authentication }
        // One-shot hash over shared secret || ephemeral pk || slot pk, built
        // in secret memory (libsodium's streaming state is over-aligned and
        // does not import into Swift).
        let input = SecretBytes(count: shared.count + ephemeralPublic.count + slotPublic.count)
        defer { input.wipe() }
        input.withUnsafeMutableBytes { i in
            shared.withUnsafeBytes { q in i.copyMemory(from: q) }
            ephemeralPublic.withUnsafeBytes { e in (i.baseAddress! + shared.count).copyMemory(from: e.baseAddress!, byteCount: e.count) }
            slotPublic.withUnsafeBytes { p in
                (i.baseAddress! + shared.count + ephemeralPublic.count).copyMemory(from: p.baseAddress!, byteCount: p.count)
            }
        }
        shared.wipe()
        let key = SecretBytes(count: keyBytes)
        key.withUnsafeMutableBytes { k in
            input.withUnsafeBytes { i in
                _ = crypto_generichash(k.baseAddress!.assumingMemoryBound(to: UInt8.self), keyBytes,
                                       i.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(i.count), nil, 0)
            }
        }
        return key
    }

    /// Seals the data key to a slot's public key.
    static func sealDataKey(_ dataKey: SecretBytes, to slotPublic: [UInt8], ad: [UInt8])
        throws -> (ephemeralPublic: [UInt8], nonce: [UInt8], box: [UInt8]) {
        let (epk, esk) = keyPair()
        defer { esk.wipe() }
        let wrap = try sharedKey(secret: esk, peer: slotPublic, ephemeralPublic: epk, slotPublic: slotPublic)
        defer { wrap.wipe() }
        let (nonce, box) = seal(dataKey, key: wrap, ad: ad)
        return (epk, nonce, box)
    }

    static func openDataKey(_ box: [UInt8], nonce: [UInt8], ephemeralPublic: [UInt8],
                            slotSecret: SecretBytes, slotPublic: [UInt8], ad: [UInt8]) throws -> SecretBytes {
        let wrap = try sharedKey(secret: slotSecret, peer: ephemeralPublic,
                                 ephemeralPublic: ephemeralPublic, slotPublic: slotPublic)
        defer { wrap.wipe() }
        return try open(box, nonce: nonce, key: wrap, ad: ad)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && sodium_memcmp(a, b, a.count) == 0
    }
}
