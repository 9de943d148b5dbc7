/// The forms the store writes dates and times in (`2026-09-20`,
/// `08:30` or `08:30:15`, `2026-09-20T08:30:00`), read byte by byte. The
/// typed-input parsers (`Day.parse`, `TimeOfDay.parse`) first normalise
/// full-width digits and Chinese words, which costs microseconds a date;
/// the records opened on the way to the first frame hold thousands of
/// dates. Anything else falls back to those parsers.
enum StoredDateForm {
    /// The number in `bytes[at..<at+count]`, all ASCII digits, or nil.
    @inline(__always)
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, count: Int) -> Int? {
        var value = 0
        for i in at..<(at + count) {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// `YYYY-MM-DD` starting at `at`.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> Day? {
        guard bytes.count >= at + 10, bytes[at + 4] == UInt8(ascii: "-"), bytes[at + 7] == UInt8(ascii: "-"),
              let y = number(bytes, at: at, count: 4), let m = number(bytes, at: at + 5, count: 2),
              let d = number(bytes, at: at + 8, count: 2) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// `HH:MM` or `HH:MM:SS` from `at` to the end.
    static func time(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> TimeOfDay? {
        let length = bytes.count - at
        guard length == 5 || length == 8, bytes[at + 2] == UInt8(ascii: ":"),
              let h = number(bytes, at: at, count: 2), let m = number(bytes, at: at + 3, count: 2) else { return nil }
        guard length == 8 else { return TimeOfDay(hour: h, minute: m) }
        guard bytes[at + 5] == UInt8(ascii: ":"), let s = number(bytes, at: at + 6, count: 2) else { return nil }
        return TimeOfDay(hour: h, minute: m, second: s)
    }
}

extension Day {
    /// A day in the stored form `YYYY-MM-DD`, nil for any other text.
    public init?(stored text: String) {
        var text = text
        guard let day = text.withUTF8({ $0.count == 10 ? StoredDateForm.day($0, at: 0) : nil }) else { return nil }
        self = day
    }
}

extension TimeOfDay {
    /// A time in the stored form `HH:MM` or `HH:MM:SS`, nil for any other text.
    public init?(stored text: String) {
        var text = text
        guard let time = text.withUTF8({ StoredDateForm.time($0, at: 0) }) else { return nil }
        self = time
    }
}

extension LocalDateTime {
    /// A date-time in the stored form `YYYY-MM-DDTHH:MM[:SS]`, nil for any other text.
    public init?(stored text: String) {
        var text = text
        let parts = text.withUTF8 { bytes -> (Day, TimeOfDay)? in
            guard bytes.count > 11, bytes[10] == UInt8(ascii: "T"), let day = StoredDateForm.day(bytes, at: 0),
                  let time = StoredDateForm.time(bytes, at: 11), time < .endOfDay else { return nil }
            return (day, time)
        }
        guard let (day, time) = parts else { return nil }
        self.init(day, time)
    }
}
