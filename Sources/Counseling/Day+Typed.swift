/// A day as a teacher types it into a form, relative to today: the full
/// dates a spreadsheet holds (`Day.parse`), a day of this year without the
/// year (`12-14`, `12/14`, `12月14日`), and the words said aloud (今天, 明天,
/// 后天, 下周一, 周三; today, tomorrow, next monday, wednesday). Parsed here,
/// not in the forms, so every date field reads the same words.
extension Day {
    public static func parse(typed text: String, today: Day, field: Field) throws(ValidationError) -> Day {
        let key = WordNormalizer.key(text)
        guard !key.isEmpty else { throw .empty(field) }
        if let day = try? parse(text, field: field) { return day }
        if let offset = relativeWords[key] { return today.adding(days: offset) }
        if let day = weekdayPhrase(key, today: today) { return day }
        if let day = monthAndDay(WordNormalizer.normalize(text), year: today.year) { return day }
        throw .invalidDate(field)
    }

    static let relativeWords: [String: Int] = [
        "今天": 0, "今日": 0, "today": 0,
        "明天": 1, "明日": 1, "tomorrow": 1,
        "后天": 2, "dayaftertomorrow": 2,
        "昨天": -1, "昨日": -1, "yesterday": -1,
    ]

    /// 周一 … 周日 in the week they name: 下周一 (next week's Monday), 本周三,
    /// 这周三 (this week's); a bare 周三 or `wednesday` is the next one from
    /// today on, today included.
    static func weekdayPhrase(_ key: String, today: Day) -> Day? {
        let prefixes: [(String, Int?)] = [("下下周", 14), ("下星期", 7), ("下周", 7), ("下礼拜", 7), ("next", 7),
                                          ("本周", 0), ("这周", 0), ("这星期", 0), ("this", 0),
                                          ("星期", nil), ("礼拜", nil), ("周", nil), ("", nil)]
        for (prefix, weeks) in prefixes where key.hasPrefix(prefix) {
            let word = String(key.dropFirst(prefix.count))
            // Without a prefix only an English name: a lone 三 is no weekday.
            guard prefix.isEmpty ? word.count >= 3 : true, let weekday = weekday(word) else { continue }
            if let weeks { return today.startOfWeek.adding(days: weeks + weekday.isoNumber - 1) }
            return today.adding(days: (weekday.isoNumber - today.weekday.isoNumber + 7) % 7)
        }
        return nil
    }

    static func weekday(_ word: String) -> Weekday? {
        let chinese = ["一", "二", "三", "四", "五", "六", "日"]
        if let i = chinese.firstIndex(of: word) { return Weekday(isoNumber: i + 1) }
        if word == "天" { return .sunday }
        // monday, mon: three letters or more of the English name.
        guard word.count >= 3 else { return nil }
        return Weekday.allCases.first { $0.rawValue.hasPrefix(word) }
    }

    /// `12-14`, `12/14`, `12.14`, `12月14日`, `12月14号` in `year`.
    static func monthAndDay(_ text: String, year: Int) -> Day? {
        let parts = text.split(whereSeparator: { "-/.月日号".contains($0) })
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
              let month = Int(parts[0]), let day = Int(parts[1]) else { return nil }
        return Day(year: year, month: month, day: day)
    }
}
