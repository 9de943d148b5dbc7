/// A day of the week, Monday first as on Chinese school calendars (周一 … 周日).
public enum Weekday: String, Codable, Sendable, CaseIterable, Comparable, DisplayNamed {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// ISO 8601 number: Monday 1 … Sunday 7.
    public var isoNumber: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public init?(isoNumber: Int) {
        guard (1...7).contains(isoNumber) else { return nil }
        self = Self.allCases[isoNumber - 1]
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.isoNumber < rhs.isoNumber }

    public var displayName: LocalizedText {
        switch self {
        case .monday: LocalizedText(zh: "星期一", en: "Monday")
        case .tuesday: LocalizedText(zh: "星期二", en: "Tuesday")
        case .wednesday: LocalizedText(zh: "星期三", en: "Wednesday")
        case .thursday: LocalizedText(zh: "星期四", en: "Thursday")
        case .friday: LocalizedText(zh: "星期五", en: "Friday")
        case .saturday: LocalizedText(zh: "星期六", en: "Saturday")
        case .sunday: LocalizedText(zh: "星期日", en: "Sunday")
        }
    }
}
