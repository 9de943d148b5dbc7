import Counseling
import Foundation

extension Keyring {
    /// A new member and its slot (without grants): the member and its
    /// signing key enter the header, which the caller signs again. A member
    /// re-added under its name (a passphrase reset) keeps its display name
    /// unless `displayName` gives one.
    mutating func addMember(kind: KeySlot.Kind, name: String, displayName: String? = nil, roles: [Role], kdf: KeySlot.KDF,
                            parameters: KDFParameters?, secret: SecretBytes, signing: SecretBytes) throws -> KeySlot {
        guard let authorityKey = Data(base64Encoded: authority) else { throw SlotCrypto.Failure.authentication }
        let slot = try KeySlot.make(kind: kind, name: name, roles: roles, kdf: kdf, parameters: parameters,
                                    secret: secret, signing: signing, authority: Array(authorityKey), fileId: fileId)
        let kept = member(kind, name)?.displayName
        members.removeAll { $0.kind == kind && $0.name == name }
        members.append(Member(kind: kind, name: name, displayName: displayName ?? kept, roles: slot.roles,
                              signingKey: slot.signingKey))
        if !signers.contains(where: { $0.name == name && $0.signingKey == slot.signingKey }) {
            signers.append(Signer(name: name, signingKey: slot.signingKey))
        }
        return slot
    }

    /// Gives member `name` a new display name; the caller signs the header again.
    mutating func rename(_ name: String, displayName: String) throws {
        guard let i = members.firstIndex(where: { $0.kind == .account && $0.name == name }) else {
            throw VaultError.unknownAccount(account: name)
        }
        members[i].displayName = displayName
    }

    /// The slot of `name` replaced by `slot` (same member, new wrapping).
    mutating func replaceSlot(_ slot: KeySlot) {
        if let i = slots.firstIndex(where: { $0.kind == slot.kind && $0.name == slot.name }) { slots[i] = slot } else {
            slots.append(slot)
        }
    }

    /// Drops `name`'s slot and membership; its signing keys stay in
    /// `signers`, so what it signed stays verifiable.
    mutating func removeMember(_ name: String) {
        members.removeAll { $0.kind == .account && $0.name == name }
        slots.removeAll { $0.kind == .account && $0.name == name }
    }

    /// Slots the header does not vouch for, and members without a slot.
    func untrustedNames() -> [String] {
        let trusted = trustedSlots()
        let planted = slots.filter { s in !trusted.contains { $0.kind == s.kind && $0.name == s.name } }.map(\.name)
        let missing = members.filter { m in !slots.contains { $0.kind == m.kind && $0.name == m.name } }.map(\.name)
        return (planted + missing).sorted()
    }

    /// Only the slots the header vouches for: anything planted goes.
    mutating func dropUntrustedSlots() {
        let trusted = trustedSlots()
        slots = trusted
    }
}
