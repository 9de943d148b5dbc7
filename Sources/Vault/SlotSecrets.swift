import Foundation

/// What a slot's passphrase unwraps: its X25519 secret (to open grants), its
/// Ed25519 signing secret, and the authority's public key this account
/// trusts. One 128-byte secret, wrapped as a whole.
struct SlotSecrets {
    static let count = 32 + 64 + 32

    let box: SecretBytes
    let signing: SecretBytes
    let authority: [UInt8]

    init(box: SecretBytes, signing: SecretBytes, authority: [UInt8]) {
        self.box = box
        self.signing = signing
        self.authority = authority
    }

    init?(_ bytes: SecretBytes) {
        guard bytes.count == Self.count else { return nil }
        let box = SecretBytes(count: 32), signing = SecretBytes(count: 64)
        var authority = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBytes { b in
            box.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[0..<32])) }
            signing.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[32..<96])) }
            authority.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[96..<128])) }
        }
        self.box = box
        self.signing = signing
        self.authority = authority
    }

    func packed() -> SecretBytes {
        let out = SecretBytes(count: Self.count)
        out.withUnsafeMutableBytes { o in
            box.withUnsafeBytes { o.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 32) }
            signing.withUnsafeBytes { (o.baseAddress! + 32).copyMemory(from: $0.baseAddress!, byteCount: 64) }
            authority.withUnsafeBytes { (o.baseAddress! + 96).copyMemory(from: $0.baseAddress!, byteCount: 32) }
        }
        return out
    }

    var signingPublicKey: [UInt8] { TierCrypto.signingPublicKey(of: signing) }

    func wipe() { box.wipe(); signing.wipe() }
}
