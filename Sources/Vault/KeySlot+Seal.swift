import Counseling
import Foundation

extension KeySlot {
    /// Makes a slot that opens with `secret` (a passphrase or the recovery
    /// key) and yields `dataKey`.
    static func make(kind: Kind, name: String, roles: [Role], kdf: KDF, parameters: KDFParameters?,
                     secret: SecretBytes, dataKey: SecretBytes, fileId: String) throws -> KeySlot {
        let (pk, sk) = SlotCrypto.keyPair()
        defer { sk.wipe() }
        var slot = KeySlot(kind: kind, name: name, roles: roles.sorted(), kdf: kdf, kdfParameters: parameters,
                           salt: Data(SlotCrypto.randomBytes(SlotCrypto.saltBytes)).base64EncodedString(),
                           publicKey: Data(pk).base64EncodedString(),
                           secretKeyNonce: "", wrappedSecretKey: "", ephemeralPublicKey: "",
                           dataKeyNonce: "", wrappedDataKey: "")
        let ad = slot.associatedData(fileId: fileId)
        let kek = try SlotCrypto.deriveKEK(secret: secret, slot: slot)
        defer { kek.wipe() }
        let (skNonce, skBox) = SlotCrypto.seal(sk, key: kek, ad: ad)
        slot.secretKeyNonce = Data(skNonce).base64EncodedString()
        slot.wrappedSecretKey = Data(skBox).base64EncodedString()
        try slot.seal(dataKey: dataKey, fileId: fileId)
        return slot
    }

    /// Seals a (new) data key to this slot's public key; the wrapped secret
    /// key stays as it is, so the slot's passphrase still opens it.
    mutating func seal(dataKey: SecretBytes, fileId: String) throws {
        guard let pk = Data(base64Encoded: publicKey) else { throw SlotCrypto.Failure.authentication }
        let (epk, nonce, box) = try SlotCrypto.sealDataKey(dataKey, to: Array(pk), ad: associatedData(fileId: fileId))
        ephemeralPublicKey = Data(epk).base64EncodedString()
        dataKeyNonce = Data(nonce).base64EncodedString()
        wrappedDataKey = Data(box).base64EncodedString()
    }

    /// Recovers the data key with `secret`. Throws
    /// `SlotCrypto.Failure.authentication` for a wrong secret or an edited slot.
    func open(secret: SecretBytes, fileId: String) throws -> SecretBytes {
        let ad = associatedData(fileId: fileId)
        guard let skNonce = Data(base64Encoded: secretKeyNonce), let skBox = Data(base64Encoded: wrappedSecretKey),
              let epk = Data(base64Encoded: ephemeralPublicKey), let dkNonce = Data(base64Encoded: dataKeyNonce),
              let dkBox = Data(base64Encoded: wrappedDataKey), let pk = Data(base64Encoded: publicKey)
        else { throw SlotCrypto.Failure.authentication }
        let kek = try SlotCrypto.deriveKEK(secret: secret, slot: self)
        defer { kek.wipe() }
        let sk = try SlotCrypto.open(Array(skBox), nonce: Array(skNonce), key: kek, ad: ad)
        defer { sk.wipe() }
        let dataKey = try SlotCrypto.openDataKey(Array(dkBox), nonce: Array(dkNonce), ephemeralPublic: Array(epk),
                                                 slotSecret: sk, slotPublic: Array(pk), ad: ad)
        guard dataKey.count == SlotCrypto.keyBytes else { throw SlotCrypto.Failure.authentication }
        return dataKey
    }
}
