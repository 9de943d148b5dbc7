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
