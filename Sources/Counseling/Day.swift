/// A calendar day in the proleptic Gregorian calendar, without time or zone:
/// school days, holidays, due dates and review dates are days, not instants.
/// The arithmetic is done here (days since 1970-01-01) rather than through
/// `Calendar`, so it is exact, locale-free and the same on every platform.
/// Encoded as `"2026-09-20"`, which also sorts correctly as text.
public struct Day: Hashable, Comparable, Strideable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `daysSinceEpoch` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    public init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let offset = ((daysSinceEpoch + 3) % 7 + 7) % 7
        return Weekday(isoNumber: offset + 1)!
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from `self` to `other`; negative when `other` is earlier.
    public func days(to other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The Monday of this day's week: weeks run Monday to Sunday.
    public var startOfWeek: Day { adding(days: 1 - weekday.isoNumber) }

    /// The Monday of the week the duty roster shows: this week on weekdays;
    /// from Saturday on, the week ahead, which is the one to plan and book.
    public var rosterWeek: Day { weekday.isoNumber >= 6 ? startOfWeek.adding(days: 7) : startOfWeek }

    public var firstOfMonth: Day { Day(year: year, month: month, day: 1)! }

    // Strideable, so `first...last` is a sequence of days.
    public func distance(to other: Day) -> Int { days(to: other) }
    public func advanced(by n: Int) -> Day { adding(days: n) }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// `2026-09-20`
    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Reads the forms spreadsheets in Chinese schools produce:
    /// `2026-09-20`, `2026/9/20`, `2026.9.20`, `2026年9月20日`, `20260920`.
    public static func parse(_ text: String, field: Field) throws(ValidationError) -> Day {
        let trimmed = WordNormalizer.normalize(text)
        guard !trimmed.isEmpty else { throw .empty(field) }
        let parts: [Substring]
        if trimmed.count == 8, trimmed.allSatisfy(\.isASCIIDigit) {
            let digits = Array(trimmed)
            parts = [Substring(String(digits[0..<4])), Substring(String(digits[4..<6])), Substring(String(digits[6..<8]))]
        } else {
            parts = trimmed.split(whereSeparator: { "-/.年月日".contains($0) })
        }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              parts[0].count == 4,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let result = Day(year: y, month: m, day: d)
        else { throw .invalidDate(field) }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if let day = Day(stored: text) { self = day; return }
        do {
            self = try Day.parse(text, field: .date)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a day: \(text)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
