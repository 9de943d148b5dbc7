/// A school term as bundles name it: `2026-autumn` (the autumn term that
/// opens school year 2026–27) or `2027-spring` (its spring term). Tables
/// are partitioned by school year, so both terms of a year share one.
struct TermPeriod: Hashable, Comparable, CustomStringConvertible {
    enum Term: String { case spring, autumn }
    var year: Int
    var term: Term

    init(_ text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (2000...2200).contains(year),
              let term = Term(rawValue: String(parts[1])) else { throw DistrictError.badPeriod(text) }
        self.year = year
        self.term = term
    }

    /// The school year starts in the autumn: spring 2027 belongs to 2026–27.
    var schoolYear: Int { term == .autumn ? year : year - 1 }

    var description: String { "\(year)-\(term.rawValue)" }

    static func < (a: Self, b: Self) -> Bool { (a.year, a.term == .autumn ? 1 : 0) < (b.year, b.term == .autumn ? 1 : 0) }
}
