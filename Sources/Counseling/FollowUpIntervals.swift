/// How often a student on each level is followed up (a school setting).
/// Defaults: major weekly, severe fortnightly; general has no fixed rhythm.
public struct FollowUpIntervals: Hashable, Codable, Sendable {
    public var generalDays: Int?
    public var severeDays: Int?
    public var majorDays: Int?

    public init(generalDays: Int? = nil, severeDays: Int? = 14, majorDays: Int? = 7) {
        self.generalDays = generalDays
        self.severeDays = severeDays
        self.majorDays = majorDays
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

    /// When the next follow-up is due after one on `day`, or nil when the
    /// level has no fixed rhythm.
    public func nextDue(after day: Day, level: WarningLevel) -> Day? {
        days(for: level).map { day.adding(days: $0) }
    }

    public func validate() -> [ValidationError] {
        [generalDays, severeDays, majorDays].compactMap { $0 }.contains { !(1...365).contains($0) }
            ? [.outOfRange(.dueDate, lowest: 1, highest: 365)] : []
    }
}
