/// The period a bundle reports: a term named by the calendar year it starts
/// in, `2026-autumn` (the term from September 2026) or `2026-spring` (the
/// term from February or March 2026). Which days it covers is the school
/// calendar's business; the bundle states them (`first`, `last`).
public struct BundlePeriod: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public enum Season: String, Sendable, CaseIterable {
        case spring, autumn
    }

    public var year: Int
    public var season: Season

    public init(year: Int, season: Season) {
        self.year = year
        self.season = season
    }

    /// `YYYY-autumn` or `YYYY-spring` (year 2000 to 2999); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let year = Int(parts[0]), (2000...2999).contains(year), let season = Season(rawValue: String(parts[1])) else { return nil }
        self.init(year: year, season: season)
    }

    public var description: String { "\(year)-\(season.rawValue)" }

    public static func < (a: BundlePeriod, b: BundlePeriod) -> Bool {
        (a.year, a.season == .autumn ? 1 : 0) < (b.year, b.season == .autumn ? 1 : 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = BundlePeriod(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
