/// A wall-clock time on a school day, to the second: lesson starts, shift
/// starts, check-ins. `24:00` is allowed as the end of a day.
/// Encoded as `"08:00"` (or `"08:00:30"` when seconds are not zero).
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public static let secondsPerDay = 86_400

    public let secondsSinceMidnight: Int

    public init?(secondsSinceMidnight: Int) {
        guard (0...Self.secondsPerDay).contains(secondsSinceMidnight) else { return nil }
        self.secondsSinceMidnight = secondsSinceMidnight
    }

    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0...24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        self.init(secondsSinceMidnight: hour * 3600 + minute * 60 + second)
    }

    public static let midnight = TimeOfDay(secondsSinceMidnight: 0)!
    public static let endOfDay = TimeOfDay(secondsSinceMidnight: secondsPerDay)!

    public var hour: Int { secondsSinceMidnight / 3600 }
    public var minute: Int { secondsSinceMidnight % 3600 / 60 }
    public var second: Int { secondsSinceMidnight % 60 }

    public func adding(minutes: Int) -> TimeOfDay? {
        TimeOfDay(secondsSinceMidnight: secondsSinceMidnight + minutes * 60)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.secondsSinceMidnight < rhs.secondsSinceMidnight }

    public var description: String {
        let hm = "\(Day.pad(hour, 2)):\(Day.pad(minute, 2))"
        return second == 0 ? hm : hm + ":" + Day.pad(second, 2)
    }

    /// Reads `8:00`, `08:00`, `08:00:30`, `8点`, `8时30分`, `0800`, with
    /// full-width digits and colons as typed with a Chinese input method,
    /// and the 12-hour clock spreadsheets write: `下午4:30`, `4:30 PM`.
    public static func parse(_ text: String, field: Field) throws(ValidationError) -> TimeOfDay {
        var trimmed = WordNormalizer.normalize(text)
        guard !trimmed.isEmpty else { throw .empty(field) }
        let half = twelveHourMark(&trimmed)
        let clock = try parse24(trimmed, field: field)
        guard let half else { return clock }
        guard (1...12).contains(clock.hour) else { throw .invalidTime(field) }
        let hour: Int
        switch half {
        case .morning: hour = clock.hour % 12
        case .afternoon: hour = clock.hour % 12 + 12
        // 中午 is around noon: 中午12点 is 12:00, 中午1点 is 13:00.
        case .noon: hour = clock.hour >= 11 ? clock.hour : clock.hour + 12
        }
        return TimeOfDay(hour: hour, minute: clock.minute, second: clock.second)!
    }

    enum HalfDay { case morning, noon, afternoon }

    /// Takes a 上午/下午 prefix or an AM/PM suffix off `text`.
    static func twelveHourMark(_ text: inout String) -> HalfDay? {
        let marks: [(String, HalfDay)] = [("上午", .morning), ("早上", .morning), ("凌晨", .morning), ("中午", .noon),
                                          ("下午", .afternoon), ("晚上", .afternoon), ("傍晚", .afternoon)]
        for (word, half) in marks where text.hasPrefix(word) {
            text = String(text.dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
            return half
        }
        let lower = text.lowercased()
        for (word, half) in [("a.m.", HalfDay.morning), ("am", .morning), ("p.m.", .afternoon), ("pm", .afternoon)] where lower.hasSuffix(word) {
            text = String(text.dropLast(word.count)).trimmingCharacters(in: .whitespaces)
            return half
        }
        return nil
    }

    static func parse24(_ trimmed: String, field: Field) throws(ValidationError) -> TimeOfDay {
        var parts: [Substring]
        if trimmed.count == 4, trimmed.allSatisfy(\.isASCIIDigit) {
            parts = [trimmed.prefix(2), trimmed.suffix(2)]
        } else {
            parts = trimmed.split(whereSeparator: { ":点时分秒".contains($0) })
        }
        if parts.count == 1 { parts.append("0") }
        guard (2...3).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let h = Int(parts[0]), let m = Int(parts[1]),
              let result = TimeOfDay(hour: h, minute: m, second: parts.count == 3 ? Int(parts[2]) ?? -1 : 0)
        else { throw .invalidTime(field) }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if let time = TimeOfDay(stored: text) { self = time; return }
        do {
            self = try TimeOfDay.parse(text, field: .time)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a time of day: \(text)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
