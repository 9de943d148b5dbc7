import Foundation

/// The exact bytes each keyring signature covers, length-prefixed in a fixed
/// order, so no two different keyrings encode the same.
extension Keyring {
    func headerBytes() -> [UInt8] {
        var w = CanonicalWriter()
        w.add("xindesk-keyring-header-v2"); w.add(format); w.add(String(version)); w.add(fileId)
        w.add(authority); w.add(clinicalPublicKey); w.add(oversightCheck)
        // Only when there is one, after a tag no member kind can be (nor
        // "signers"): a keyring signed before the reporting key existed
        // encodes as it did, and its signature still verifies.
        if let reporting { w.add("reporting-key"); w.add(reporting) }
        for m in members.sorted(by: { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }) {
            w.add(m.kind.rawValue); w.add(m.name); w.add(m.roles.sorted().map(\.rawValue).joined(separator: ","))
            w.add(m.signingKey)
            // Written only when there is one, after a tag no kind can be
            // (a kind is "account" or "recovery"), so the bytes stay
            // unambiguous and a keyring signed before display names existed
            // encodes exactly as it did: its signature still verifies.
            if let displayName = m.displayName { w.add("display-name"); w.add(displayName) }
        }
        w.add("signers")
        for s in signers { w.add(s.name); w.add(s.signingKey) }
        return w.bytes
    }

    /// Signs the header with the authority's secret.
    mutating func sign(authority secret: SecretBytes) {
        signature = Data(TierCrypto.sign(headerBytes(), secretKey: secret)).base64EncodedString()
    }

    /// Whether the header is signed by `authority` (the key the unlocking
    /// slot trusts) and names that key.
    func headerIsSigned(by authorityKey: [UInt8]) -> Bool {
        guard let stated = Data(base64Encoded: authority), Array(stated) == authorityKey,
              let sig = Data(base64Encoded: signature) else { return false }
        return TierCrypto.verify(Array(sig), of: headerBytes(), publicKey: authorityKey)
    }

    /// Slots the header vouches for whose wrapping their own signing key
    /// signed: the only slots anything is ever granted or sealed to. A slot
    /// planted in the file, or one whose roles or keys were edited, is not
    /// among them.
    func trustedSlots() -> [KeySlot] {
        slots.filter { slot in
            guard let m = member(slot.kind, slot.name), m.signingKey == slot.signingKey,
                  m.roles.sorted() == slot.roles.sorted() else { return false }
            return slot.wrappingIsSigned(fileId: fileId)
        }
    }
}

extension KeySlot {
    /// What both the wrap of the slot's secrets (as associated data) and the
    /// slot's own signature cover: who it is and how it is wrapped.
    func wrappingBytes(fileId: String) -> [UInt8] {
        var w = CanonicalWriter()
        w.add("xindesk-slot-v2")
        w.add(fileId)
        w.add(kind.rawValue)
        w.add(name)
        w.add(roles.sorted().map(\.rawValue).joined(separator: ","))
        w.add(signingKey)
        w.add(kdf.rawValue)
        w.add(kdfParameters.map { "\($0.opsLimit):\($0.memLimit)" } ?? "-")
        w.add(salt)
        w.add(publicKey)
        return w.bytes
    }

    func wrappingIsSigned(fileId: String) -> Bool {
        guard let pk = Data(base64Encoded: signingKey), let sig = Data(base64Encoded: wrappingSignature) else { return false }
        return TierCrypto.verify(Array(sig), of: wrappingBytes(fileId: fileId), publicKey: Array(pk))
    }

    /// Associated data of a grant: the slot it was sealed to and what it is.
    func grantBytes(_ grant: GrantName, fileId: String) -> [UInt8] {
        var w = CanonicalWriter()
        w.add("xindesk-grant-v2"); w.add(fileId); w.add(kind.rawValue); w.add(name); w.add(publicKey)
        w.add(grant.rawValue)
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
