/// A weekly duty pattern ("every Monday 12:00–13:30 周明"): the shifts it
/// stands for on each school day of that weekday from `first` through
/// `last`, usually to the end of the term.
public struct WeeklyDutyPattern: Hashable, Codable, Sendable {
    public var weekday: Weekday
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var person: StaffID
    public var first: Day
    public var last: Day

    public init(weekday: Weekday, start: TimeOfDay, end: TimeOfDay, person: StaffID, first: Day, last: Day) {
        self.weekday = weekday
        self.start = start
        self.end = end
        self.person = person
        self.first = first
        self.last = last
    }

    public func validate(today: Day) -> [ValidationError] {
        var problems: [ValidationError] = []
        if end <= start { problems.append(.endNotAfterStart(.time)) }
        if last < first { problems.append(.endNotAfterStart(.date)) }
        if first < today { problems.append(.inPast(.date)) }
        return problems
    }

    /// The days the pattern plans: its weekday, school days only (a public
    /// holiday such as Mid-Autumn falls out), and not yet begun at `now`.
    /// A make-up school day (调休) on another weekday is not among them:
    /// which weekday's timetable it follows is the school's decision.
    public func days(in calendar: SchoolCalendar, now: LocalDateTime) -> [Day] {
        guard first <= last else { return [] }
        return calendar.schoolDays(from: first, through: last)
            .filter { $0.weekday == weekday && LocalDateTime($0, start) > now }
    }

    /// The shifts of `days`, each with an id from `newID`.
    public func shifts(on days: [Day], newID: () -> PlannedShiftID) -> [PlannedShift] {
        days.map { PlannedShift(id: newID(), person: person, span: TimeSpan(on: $0, from: start, to: end)) }
    }

    /// Reads a weekday as typed: `1`–`7` (Monday first), `一`/`周一`/`星期一`,
    /// `mon`/`Monday`.
    public static func weekday(_ text: String) throws(ValidationError) -> Weekday {
        let key = WordNormalizer.key(text)
        guard !key.isEmpty else { throw .empty(.weekday) }
        if let n = Int(key), let day = Weekday(isoNumber: n) { return day }
        let short = Array("一二三四五六日")
        for day in Weekday.allCases {
            let zh = String(short[day.isoNumber - 1])
            let words = [day.rawValue, String(day.rawValue.prefix(3)), day.displayName.zh, "周" + zh, zh]
                + (day == .sunday ? ["周天", "星期天", "天"] : [])
            if words.contains(where: { WordNormalizer.key($0) == key }) { return day }
        }
        throw .unrecognized(.weekday, choices: LocalizedText(zh: "1–7 或 周一 … 周日", en: "1–7 or Monday … Sunday"))
    }
}
