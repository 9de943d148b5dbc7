/// The school's calendar (校历): terms, public holidays, make-up working days
/// (调休) and the lesson timetable. A school day is a day students are at
/// school: in a term, and either a usual school weekday that is not a
/// holiday or a make-up working day (which may be a Saturday or Sunday).
public struct SchoolCalendar: Hashable, Codable, Sendable {
    public struct Term: Hashable, Codable, Sendable {
        /// The school's own name for it, e.g. `2026年秋季学期`.
        public var name: String
        public var first: Day
        public var last: Day

        public init(name: String, first: Day, last: Day) {
            self.name = name
            self.first = first
            self.last = last
        }

        public func contains(_ day: Day) -> Bool { first <= day && day <= last }
    }

    public struct Holiday: Hashable, Codable, Sendable {
        public var name: LocalizedText
        public var first: Day
        public var last: Day

        public init(name: LocalizedText, first: Day, last: Day) {
            self.name = name
            self.first = first
            self.last = last
        }

        public func contains(_ day: Day) -> Bool { first <= day && day <= last }
    }

    public enum DayKind: Hashable, Codable, Sendable, DisplayNamed {
        case schoolDay
        /// A weekend day made a working day (调休): students are at school.
        case makeUpWorkday
        case holiday(LocalizedText)
        case weekend
        case outsideTerm

        public var displayName: LocalizedText {
            switch self {
            case .schoolDay: LocalizedText(zh: "上课日", en: "school day")
            case .makeUpWorkday: LocalizedText(zh: "调休上课日", en: "make-up school day")
            case .holiday(let name): name
            case .weekend: LocalizedText(zh: "周末", en: "weekend")
            case .outsideTerm: LocalizedText(zh: "假期（学期外）", en: "outside term")
            }
        }
    }

    public var terms: [Term]
    public var holidays: [Holiday]
    public var makeUpWorkdays: [Day]
    /// The weekdays that are school days in an ordinary week.
    public var schoolWeekdays: [Weekday]
    /// The timetable of the school's first stage: the weekly minimum counts
    /// in its class hour.
    public var timetable: Timetable
    /// The timetables of the school's other stages (a 九年一贯制 school has
    /// 40-minute primary and 45-minute junior lessons).
    public var otherTimetables: [Timetable]
    /// School days without lessons (exam days, sports day): students are at
    /// school, so the room must open, and the whole day is outside lessons.
    public var daysWithoutClasses: [Holiday]
    /// The years whose public holidays `holidays` holds: a term day of
    /// another year may be a holiday nobody entered (`CalendarCoverage`).
    public var publicHolidayYears: [Int]

    public init(terms: [Term], holidays: [Holiday] = [], makeUpWorkdays: [Day] = [],
                schoolWeekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday],
                timetable: Timetable, otherTimetables: [Timetable] = [], daysWithoutClasses: [Holiday] = [],
                publicHolidayYears: [Int] = []) {
        self.terms = terms
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        self.schoolWeekdays = schoolWeekdays
        self.timetable = timetable
        self.otherTimetables = otherTimetables
        self.daysWithoutClasses = daysWithoutClasses
        self.publicHolidayYears = publicHolidayYears
    }

    private enum CodingKeys: String, CodingKey {
        case terms, holidays, makeUpWorkdays, schoolWeekdays, timetable, otherTimetables, daysWithoutClasses
        case publicHolidayYears
    }

    /// Calendars stored before the school file have no stage timetables,
    /// days without classes or holiday years: they read as empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(terms: try c.decode([Term].self, forKey: .terms), holidays: try c.decode([Holiday].self, forKey: .holidays),
                  makeUpWorkdays: try c.decode([Day].self, forKey: .makeUpWorkdays),
                  schoolWeekdays: try c.decode([Weekday].self, forKey: .schoolWeekdays),
                  timetable: try c.decode(Timetable.self, forKey: .timetable),
                  otherTimetables: try c.decodeIfPresent([Timetable].self, forKey: .otherTimetables) ?? [],
                  daysWithoutClasses: try c.decodeIfPresent([Holiday].self, forKey: .daysWithoutClasses) ?? [],
                  publicHolidayYears: try c.decodeIfPresent([Int].self, forKey: .publicHolidayYears) ?? [])
    }

    public func term(containing day: Day) -> Term? { terms.first { $0.contains(day) } }

    public func kind(of day: Day) -> DayKind {
        guard term(containing: day) != nil else { return .outsideTerm }
        // The State Council notices never list a day as both; a make-up day
        // is checked first because it is the more specific entry.
        if makeUpWorkdays.contains(day) { return .makeUpWorkday }
        if let holiday = holidays.first(where: { $0.contains(day) }) { return .holiday(holiday.name) }
        return schoolWeekdays.contains(day.weekday) ? .schoolDay : .weekend
    }

    public func isSchoolDay(_ day: Day) -> Bool {
        switch kind(of: day) {
        case .schoolDay, .makeUpWorkday: true
        case .holiday, .weekend, .outsideTerm: false
        }
    }

    public func schoolDays(from first: Day, through last: Day) -> [Day] {
        guard first <= last else { return [] }
        return (first...last).filter(isSchoolDay)
    }

    /// School days of the Monday-to-Sunday week holding `day`.
    public func schoolDays(inWeekOf day: Day) -> [Day] {
        let monday = day.startOfWeek
        return schoolDays(from: monday, through: monday.adding(days: 6))
    }

    /// The Mondays of the teaching weeks of `term`: weeks with at least one
    /// of its school days.
    public func teachingWeeks(of term: Term) -> [Day] {
        var mondays: [Day] = []
        for day in schoolDays(from: term.first, through: term.last) where mondays.last != day.startOfWeek {
            mondays.append(day.startOfWeek)
        }
        return mondays
    }

    public func validate() -> [ValidationError] {
        var problems = timetable.validate()
        if terms.contains(where: { $0.last < $0.first }) { problems.append(.endNotAfterStart(.term)) }
        if terms.contains(where: { $0.name.trimmed.isEmpty }) { problems.append(.empty(.term)) }
        let sortedTerms = terms.sorted { $0.first < $1.first }
        if zip(sortedTerms, sortedTerms.dropFirst()).contains(where: { $0.last >= $1.first }) {
            problems.append(.overlapping(.term))
        }
        if holidays.contains(where: { $0.last < $0.first }) { problems.append(.endNotAfterStart(.holiday)) }
        if Set(makeUpWorkdays).count != makeUpWorkdays.count { problems.append(.duplicate(.date)) }
        if daysWithoutClasses.contains(where: { $0.last < $0.first }) { problems.append(.endNotAfterStart(.holiday)) }
        problems += otherTimetables.flatMap { $0.validate() }
        return problems
    }
}
