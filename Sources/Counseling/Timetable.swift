/// The lesson timetable of a school day: when each period starts, and the
/// class-hour length (学时), a setting because primary schools usually teach
/// 40-minute lessons and secondary schools 45-minute ones. Time outside the
/// periods (breaks, lunch, after school) is the non-lesson time in which the
/// room must open for a while (000).
public struct Timetable: Hashable, Codable, Sendable {
    public struct Period: Hashable, Codable, Sendable {
        /// 1 for the first lesson of the day.
        public var number: Int
        public var start: TimeOfDay

        public init(number: Int, start: TimeOfDay) {
            self.number = number
            self.start = start
        }
    }

    public var classHourMinutes: Int
    public var periods: [Period]
    /// The stage whose day this is, when the school has several (nil: the
    /// whole school's).
    public var stage: SchoolStage?

    public init(classHourMinutes: Int, periods: [Period], stage: SchoolStage? = nil) {
        self.classHourMinutes = classHourMinutes
        self.periods = periods
        self.stage = stage
    }

    /// Periods starting at the given times, numbered in order.
    public init(classHourMinutes: Int, starts: [TimeOfDay], stage: SchoolStage? = nil) {
        self.init(classHourMinutes: classHourMinutes,
                  periods: starts.enumerated().map { Period(number: $0.offset + 1, start: $0.element) }, stage: stage)
    }

    /// The example junior-high day of DOMAIN.md: 45-minute lessons at 08:00,
    /// 08:55, 10:10 (after the long break at 09:40), 11:05, 14:00, 14:55, 15:50.
    public static let juniorHighExample = Timetable(
        classHourMinutes: 45,
        starts: [(8, 0), (8, 55), (10, 10), (11, 5), (14, 0), (14, 55), (15, 50)]
            .map { TimeOfDay(hour: $0.0, minute: $0.1)! })

    public static let allowedClassHourMinutes = 30...60

    public var classHourSeconds: Int { classHourMinutes * 60 }

    /// The lessons of `day`, in time order.
    public func lessons(on day: Day) -> [TimeSpan] {
        periods.sorted { $0.start < $1.start }.map { period in
            let start = LocalDateTime(day, period.start)
            return TimeSpan(start: start, end: start.adding(minutes: classHourMinutes))
        }
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if !Self.allowedClassHourMinutes.contains(classHourMinutes) {
            problems.append(.outOfRange(.classHourLength, lowest: Self.allowedClassHourMinutes.lowerBound,
                                        highest: Self.allowedClassHourMinutes.upperBound))
        }
        if Set(periods.map(\.number)).count != periods.count { problems.append(.duplicate(.lessonPeriod)) }
        let sorted = periods.sorted { $0.start < $1.start }
        if zip(sorted, sorted.dropFirst()).contains(where: {
            $0.start.secondsSinceMidnight + classHourSeconds > $1.start.secondsSinceMidnight
        }) {
            problems.append(.overlapping(.lessonPeriod))
        }
        if let last = sorted.last, last.start.secondsSinceMidnight + classHourSeconds > TimeOfDay.secondsPerDay {
            problems.append(.notWithinOneDay(.lessonPeriod))
        }
        return problems
    }
}
