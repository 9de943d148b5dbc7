import Counseling

/// The layers of a student's record a role may read, each with its own key
/// inside the pages (the page key, which every account holds, only keeps out
/// someone without an account):
/// - `oversight`: warning levels, flags, key-attention membership, follow-up
///   dates: counselors and heads of guidance;
/// - `clinical`: what was said and decided (notes, plans, referrals, guardian
///   contacts, reasons, screening results, visit briefs, crisis notes):
///   counselors only.
/// Whatever a slot can decrypt is exactly what its role may read.
public enum Tier: String, Sendable, CaseIterable, Codable, Comparable {
    case oversight, clinical

    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

extension Tier {
    /// What the tier's key opens, as a teacher would say it (`user list`,
    /// `user grant`): the English names are the tiers' own.
    public static func names(_ tiers: [Tier], page: Bool = false) -> LocalizedText {
        let zh = (page ? ["基本"] : []) + tiers.map { $0 == .oversight ? "关注等级" : "个案内容" }
        let en = (page ? ["page"] : []) + tiers.map(\.rawValue)
        return LocalizedText(zh: zh.joined(separator: "、"), en: en.joined(separator: ","))
    }

    /// The keyring grant that carries this tier's key.
    var grant: GrantName { self == .oversight ? .oversight : .clinical }
}

/// An account as `xindesk user list` shows it: the roles the keyring states,
/// the tiers sealed to its slot, and the roles still waiting for a key (a
/// counselor added by an administrator who is no counselor waits until a
/// counselor unlocks).
public struct AccountKeys: Equatable, Sendable {
    public let name: String
    /// The signed display name, nil when the account has none.
    public let displayName: String?
    public let roles: [Role]
    public let tiers: [Tier]
    public let waiting: [Role]
}
