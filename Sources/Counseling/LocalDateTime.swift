import Foundation

/// A moment in the school's own wall-clock time. A school has one time zone
/// (China has no daylight saving), and every rule here is about school days
/// and lesson times, so the domain works in local time; the edges convert
/// from and to `Date` with the school's `TimeZone`.
/// Encoded as `"2026-09-20T08:00:00"`, which sorts correctly as text.
public struct LocalDateTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let day: Day
    /// Always before 24:00: midnight belongs to the next day.
    public let time: TimeOfDay

    public init(_ day: Day, _ time: TimeOfDay) {
        if time == .endOfDay {
            self.day = day.adding(days: 1)
            self.time = .midnight
        } else {
            self.day = day
            self.time = time
        }
    }

    public init(secondsSinceEpoch: Int) {
        let perDay = TimeOfDay.secondsPerDay
        // Floor division, so times before 1970 still land on the right day.
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / perDay : (secondsSinceEpoch - perDay + 1) / perDay
        day = Day(daysSinceEpoch: days)
        time = TimeOfDay(secondsSinceMidnight: secondsSinceEpoch - days * perDay)!
    }

    /// Seconds since 1970-01-01 00:00 local time.
    public var secondsSinceEpoch: Int {
        day.daysSinceEpoch * TimeOfDay.secondsPerDay + time.secondsSinceMidnight
    }

    public func adding(seconds: Int) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public func adding(minutes: Int) -> LocalDateTime { adding(seconds: minutes * 60) }

    /// Seconds from `self` to `other`; negative when `other` is earlier.
    public func seconds(to other: LocalDateTime) -> Int { other.secondsSinceEpoch - secondsSinceEpoch }

    /// The wall-clock time at `date` in `timeZone` (seconds truncated).
    public init(_ date: Date, in timeZone: TimeZone) {
        let offset = timeZone.secondsFromGMT(for: date)
        let utc = Int(date.timeIntervalSince1970.rounded(.down))
        self.init(secondsSinceEpoch: utc + offset)
    }

    /// The instant this wall-clock time denotes in `timeZone`.
    public func date(in timeZone: TimeZone) -> Date {
        // Two passes so a zone whose offset changes near this time still
        // lands on the offset in force at the result.
        let local = TimeInterval(secondsSinceEpoch)
        let guess = Date(timeIntervalSince1970: local - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        return Date(timeIntervalSince1970: local - TimeInterval(timeZone.secondsFromGMT(for: guess)))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public var description: String {
        "\(day)T\(Day.pad(time.hour, 2)):\(Day.pad(time.minute, 2)):\(Day.pad(time.second, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if let stored = LocalDateTime(stored: text) { self = stored; return }
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2,
              let day = try? Day.parse(String(parts[0]), field: .date),
              let time = try? TimeOfDay.parse(String(parts[1]), field: .time),
              time < .endOfDay
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a local date-time: \(text)"))
        }
        self.init(day, time)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
