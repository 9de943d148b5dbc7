import Counseling
import Foundation

extension KeySlot {
    /// Makes a slot that opens with `secret` (a passphrase or the recovery
    /// key): fresh salt and X25519 pair, `signing` as its signing secret,
    /// trusting `authority`, its wrapping signed by itself. No grants yet.
    static func make(kind: Kind, name: String, roles: [Role], kdf: KDF, parameters: KDFParameters?,
                     secret: SecretBytes, signing: SecretBytes, authority: [UInt8], fileId: String) throws -> KeySlot {
        let (pk, sk) = SlotCrypto.keyPair()
        defer { sk.wipe() }
        var slot = KeySlot(kind: kind, name: name, roles: roles.sorted(),
                           signingKey: Data(TierCrypto.signingPublicKey(of: signing)).base64EncodedString(),
                           kdf: kdf, kdfParameters: parameters,
                           salt: Data(SlotCrypto.randomBytes(SlotCrypto.saltBytes)).base64EncodedString(),
                           publicKey: Data(pk).base64EncodedString(),
                           secretsNonce: "", wrappedSecrets: "", wrappingSignature: "", grants: [:])
        let wrapping = slot.wrappingBytes(fileId: fileId)
        let kek = try SlotCrypto.deriveKEK(secret: secret, slot: slot)
        defer { kek.wipe() }
        let packed = SlotSecrets(box: sk, signing: signing, authority: authority).packed()
        defer { packed.wipe() }
        let (nonce, box) = SlotCrypto.seal(packed, key: kek, ad: wrapping)
        slot.secretsNonce = Data(nonce).base64EncodedString()
        slot.wrappedSecrets = Data(box).base64EncodedString()
        slot.wrappingSignature = Data(TierCrypto.sign(wrapping, secretKey: signing)).base64EncodedString()
        return slot
    }

    /// Unwraps the slot's secrets with `secret`. Throws
    /// `SlotCrypto.Failure.authentication` for a wrong secret or an edited slot.
    func openSecrets(secret: SecretBytes, fileId: String) throws -> SlotSecrets {
        guard let nonce = Data(base64Encoded: secretsNonce), let box = Data(base64Encoded: wrappedSecrets) else {
            throw SlotCrypto.Failure.authentication
        }
        let kek = try SlotCrypto.deriveKEK(secret: secret, slot: self)
        defer { kek.wipe() }
        let packed = try SlotCrypto.open(Array(box), nonce: Array(nonce), key: kek, ad: wrappingBytes(fileId: fileId))
        defer { packed.wipe() }
        guard let secrets = SlotSecrets(packed) else { throw SlotCrypto.Failure.authentication }
        return secrets
    }

    /// Seals `key` to this slot as `name`, replacing an earlier grant of it.
    mutating func grant(_ name: GrantName, _ key: SecretBytes, fileId: String) throws {
        guard let pk = Data(base64Encoded: publicKey) else { throw SlotCrypto.Failure.authentication }
        let (epk, nonce, box) = try SlotCrypto.sealDataKey(key, to: Array(pk), ad: grantBytes(name, fileId: fileId))
        grants[name] = Grant(ephemeralPublicKey: Data(epk).base64EncodedString(),
                             nonce: Data(nonce).base64EncodedString(), box: Data(box).base64EncodedString())
    }

    /// Opens the grant `name` with the slot's X25519 secret; nil when the
    /// slot has none or it does not open (sealed to another slot, edited).
    func openGrant(_ name: GrantName, boxSecret: SecretBytes, fileId: String) -> SecretBytes? {
        guard let g = grants[name], let epk = Data(base64Encoded: g.ephemeralPublicKey),
              let nonce = Data(base64Encoded: g.nonce), let box = Data(base64Encoded: g.box),
              let pk = Data(base64Encoded: publicKey) else { return nil }
        return try? SlotCrypto.openDataKey(Array(box), nonce: Array(nonce), ephemeralPublic: Array(epk),
                                           slotSecret: boxSecret, slotPublic: Array(pk), ad: grantBytes(name, fileId: fileId))
    }
}
