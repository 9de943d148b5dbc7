/// How often a student on each level is followed up (a school setting).
/// Defaults: major weekly, severe fortnightly; general has no fixed rhythm.
/// In a special period (term start, exams, graduation) the period's shorter
/// interval applies to every level that has a rhythm.
public struct FollowUpIntervals: Hashable, Codable, Sendable {
    public var generalDays: Int?
    public var severeDays: Int?
    public var majorDays: Int?
    public var specialPeriods: [SpecialPeriod]

    public init(generalDays: Int? = nil, severeDays: Int? = 14, majorDays: Int? = 7, specialPeriods: [SpecialPeriod] = []) {
        self.generalDays = generalDays
        self.severeDays = severeDays
        self.majorDays = majorDays
        self.specialPeriods = specialPeriods
    }

    private enum CodingKeys: String, CodingKey { case generalDays, severeDays, majorDays, specialPeriods }

    /// Intervals stored before special periods existed have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(generalDays: try c.decodeIfPresent(Int.self, forKey: .generalDays),
                  severeDays: try c.decodeIfPresent(Int.self, forKey: .severeDays),
                  majorDays: try c.decodeIfPresent(Int.self, forKey: .majorDays),
                  specialPeriods: try c.decodeIfPresent([SpecialPeriod].self, forKey: .specialPeriods) ?? [])
    }

    public static let standard = FollowUpIntervals()

    public func days(for level: WarningLevel) -> Int? {
        switch level {
        case .none: nil
        case .general: generalDays
        case .severe: severeDays
        case .major: majorDays
        }
    }

    /// The interval after a follow-up on `day`: the level's, shortened by a
    /// special period holding `day`; nil when the level has no fixed rhythm.
    public func days(for level: WarningLevel, on day: Day) -> Int? {
        guard let usual = days(for: level) else { return nil }
        return specialPeriods.filter { $0.contains(day) }.map(\.followUpDays).reduce(usual, min)
    }

    /// When the next follow-up is due after one on `day`, or nil when the
    /// level has no fixed rhythm.
    public func nextDue(after day: Day, level: WarningLevel) -> Day? {
        days(for: level, on: day).map { day.adding(days: $0) }
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = [generalDays, severeDays, majorDays].compactMap { $0 }.contains { !(1...365).contains($0) }
            ? [.outOfRange(.followUpInterval, lowest: 1, highest: 365)] : []
        problems += specialPeriods.flatMap { $0.validate() }
        return problems
    }
}
