/// The opening-hour rules the head of guidance checks. They are a policy,
/// not a constant: two profiles ship, and a school edits its own copy.
public struct OpeningPolicy: Hashable, Codable, Sendable {
    public enum Profile: String, Codable, Sendable, CaseIterable, DisplayNamed {
        case primarySecondary = "primary-secondary"
        case university

        public var displayName: LocalizedText {
            switch self {
            case .primarySecondary: LocalizedText(zh: "中小学", en: "primary and secondary")
            case .university: LocalizedText(zh: "高校", en: "university")
            }
        }
    }

    /// The profile this policy started from; the values below may have been
    /// edited since.
    public var profile: Profile
    /// Students may come on every day they are at school (000).
    public var openEverySchoolDay: Bool
    /// "Some time" open outside lessons each school day (000, 001); nil when
    /// not required. How much counts as "some time" is the school's call.
    public var minimumOutsideLessonMinutesPerDay: Int?
    /// At least this many class hours open per teaching week (001: 10).
    public var minimumClassHoursPerWeek: Int?
    /// At least this long open on every workday (000: 6 hours at universities).
    public var minimumMinutesPerSchoolDay: Int?
    /// Whether a teaching week with fewer than five school days (a holiday
    /// week) needs proportionally fewer class hours. Off by default: 001
    /// asks for 10 class hours in "every teaching week", without exception.
    public var prorateShortWeeks: Bool
    /// Whether time open during lessons counts towards the weekly minimum.
    /// On by default; a region that wants the room open when students can
    /// come turns it off, and only time outside lessons counts.
    public var lessonTimeCounts: Bool

    public init(profile: Profile, openEverySchoolDay: Bool = true, minimumOutsideLessonMinutesPerDay: Int?,
                minimumClassHoursPerWeek: Int?, minimumMinutesPerSchoolDay: Int?, prorateShortWeeks: Bool = false,
                lessonTimeCounts: Bool = true) {
        self.profile = profile
        self.openEverySchoolDay = openEverySchoolDay
        self.minimumOutsideLessonMinutesPerDay = minimumOutsideLessonMinutesPerDay
        self.minimumClassHoursPerWeek = minimumClassHoursPerWeek
        self.minimumMinutesPerSchoolDay = minimumMinutesPerSchoolDay
        self.prorateShortWeeks = prorateShortWeeks
        self.lessonTimeCounts = lessonTimeCounts
    }

    private enum CodingKeys: String, CodingKey {
        case profile, openEverySchoolDay, minimumOutsideLessonMinutesPerDay, minimumClassHoursPerWeek
        case minimumMinutesPerSchoolDay, prorateShortWeeks, lessonTimeCounts
    }

    /// A policy stored before `lessonTimeCounts` existed counted lesson time.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(profile: try c.decode(Profile.self, forKey: .profile),
                  openEverySchoolDay: try c.decode(Bool.self, forKey: .openEverySchoolDay),
                  minimumOutsideLessonMinutesPerDay: try c.decodeIfPresent(Int.self, forKey: .minimumOutsideLessonMinutesPerDay),
                  minimumClassHoursPerWeek: try c.decodeIfPresent(Int.self, forKey: .minimumClassHoursPerWeek),
                  minimumMinutesPerSchoolDay: try c.decodeIfPresent(Int.self, forKey: .minimumMinutesPerSchoolDay),
                  prorateShortWeeks: try c.decode(Bool.self, forKey: .prorateShortWeeks),
                  lessonTimeCounts: try c.decodeIfPresent(Bool.self, forKey: .lessonTimeCounts) ?? true)
    }

    /// The open time of a day that counts towards the weekly minimum.
    public func countedSeconds(_ day: DayCompliance) -> Int {
        lessonTimeCounts ? day.openSeconds : day.outsideLessonSeconds
    }

    /// 000 + 001: open every school day, some time outside lessons (20
    /// minutes by default: the long break or part of lunch), a named person
    /// on duty, at least 10 class hours per teaching week.
    public static let primarySecondary = OpeningPolicy(
        profile: .primarySecondary, minimumOutsideLessonMinutesPerDay: 20,
        minimumClassHoursPerWeek: 10, minimumMinutesPerSchoolDay: nil)

    /// 000: at least 6 hours of counseling on every workday.
    public static let university = OpeningPolicy(
        profile: .university, minimumOutsideLessonMinutesPerDay: nil,
        minimumClassHoursPerWeek: nil, minimumMinutesPerSchoolDay: 6 * 60)

    public static func preset(_ profile: Profile) -> OpeningPolicy {
        switch profile {
        case .primarySecondary: primarySecondary
        case .university: university
        }
    }

    /// Seconds the room must be open in a week with `schoolDays` school days.
    public func requiredSeconds(forWeekWith schoolDays: Int, classHourMinutes: Int) -> Int? {
        guard schoolDays > 0 else { return nil }
        var required: Int?
        if let hours = minimumClassHoursPerWeek {
            var seconds = hours * classHourMinutes * 60
            if prorateShortWeeks && schoolDays < 5 {
                // Rounded up to the minute so the requirement reads as a whole number.
                seconds = (seconds * schoolDays / 5 + 59) / 60 * 60
            }
            required = seconds
        }
        if let daily = minimumMinutesPerSchoolDay {
            required = max(required ?? 0, daily * 60 * schoolDays)
        }
        return required
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let minutes = minimumOutsideLessonMinutesPerDay, !(0...600).contains(minutes) {
            problems.append(.outOfRange(.outsideLessonMinutes, lowest: 0, highest: 600))
        }
        if let hours = minimumClassHoursPerWeek, !(0...60).contains(hours) {
            problems.append(.outOfRange(.weeklyClassHours, lowest: 0, highest: 60))
        }
        if let minutes = minimumMinutesPerSchoolDay, !(0...(24 * 60)).contains(minutes) {
            problems.append(.outOfRange(.dailyOpenMinutes, lowest: 0, highest: 24 * 60))
        }
        return problems
    }
}
