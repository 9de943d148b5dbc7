import Counseling
import CSodium
import Foundation

/// The keys an unlocked session holds: its slot's own secrets and the grants
/// that opened, each checked against the signed keyring header (a granted
/// oversight key must hash to `oversightCheck`, the clinical secret must
/// match `clinicalPublicKey`, the authority secret `authority`). A role is
/// in effect only when its keys are held (`effectiveRoles`).
final class HeldKeys: @unchecked Sendable {
    let slot: SlotSecrets
    private(set) var grants: [GrantName: SecretBytes]

    init(slot: SlotSecrets, grants: [GrantName: SecretBytes]) {
        self.slot = slot
        self.grants = grants
    }

    /// Opens every grant of `ring`'s slot for `secrets`, keeping the ones
    /// that match the header. Throws `keyringAltered` without a page key.
    static func open(_ slot: KeySlot, secrets: SlotSecrets, ring: Keyring, path: String) throws -> HeldKeys {
        var grants: [GrantName: SecretBytes] = [:]
        for name in GrantName.allCases {
            guard let key = slot.openGrant(name, boxSecret: secrets.box, fileId: ring.fileId) else { continue }
            if ring.accepts(name, key) { grants[name] = key } else { key.wipe() }
        }
        guard grants[.page] != nil else { throw VaultError.keyringAltered(path: path) }
        return HeldKeys(slot: secrets, grants: grants)
    }

    var page: SecretBytes { grants[.page]! }

    func replacePage(_ key: SecretBytes) {
        grants[.page]?.wipe()
        grants[.page] = key
    }

    /// The grants a slot with `roles` should hold.
    static func needed(for roles: [Role]) -> Set<GrantName> {
        var g: Set<GrantName> = [.page]
        if roles.contains(.counselor) || roles.contains(.head) { g.insert(.oversight) }
        if roles.contains(.counselor) { g.insert(.clinical) }
        if roles.contains(.admin) { g.insert(.authority) }
        if roles.contains(.head) || roles.contains(.admin) { g.insert(.reporting) }
        return g
    }

    /// The grants without which a role is not in effect: all it needs but
    /// the reporting key, which only district export uses (a head in a
    /// keyring made before it works as before, and exports once granted).
    static func required(for roles: [Role]) -> Set<GrantName> { needed(for: roles).subtracting([.reporting]) }

    /// The claimed roles whose keys are all held.
    func effectiveRoles(claimed: [Role]) -> [Role] {
        claimed.filter { Self.required(for: [$0]).isSubset(of: Set(grants.keys)) }.sorted()
    }

    /// Holds a key made during this session (the reporting key an
    /// administrator's unlock created).
    func adopt(_ name: GrantName, _ key: SecretBytes) {
        grants[name]?.wipe()
        grants[name] = key
    }

    func wipe() {
        slot.wipe()
        grants.values.forEach { $0.wipe() }
    }
}

extension Keyring {
    /// Whether `key`, granted as `name`, is the key the header names.
    func accepts(_ name: GrantName, _ key: SecretBytes) -> Bool {
        switch name {
        case .page: return key.count == SlotCrypto.keyBytes
        case .oversight: return key.count == SlotCrypto.keyBytes && Data(Self.check(key)).base64EncodedString() == oversightCheck
        case .clinical:
            return key.count == SlotCrypto.keyBytes
                && Data(TierCrypto.boxPublicKey(of: key)).base64EncodedString() == clinicalPublicKey
        case .authority:
            return key.count == 64 && Data(TierCrypto.signingPublicKey(of: key)).base64EncodedString() == authority
        case .reporting:
            return key.count == 64 && reporting != nil && Data(TierCrypto.signingPublicKey(of: key)).base64EncodedString() == reporting
        }
    }

    /// BLAKE2b-256 of a key: names it without revealing it.
    static func check(_ key: SecretBytes) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        key.withUnsafeBytes { k in
            _ = crypto_generichash(&out, 32, k.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(key.count), nil, 0)
        }
        return out
    }

    /// Every signing key by account name, oldest first.
    var signingKeys: [String: [[UInt8]]] {
        var out: [String: [[UInt8]]] = [:]
        for s in signers { if let pk = Data(base64Encoded: s.signingKey) { out[s.name, default: []].append(Array(pk)) } }
        return out
    }
}
