/// How a school day went against the opening rules.
public enum DayStatus: String, Codable, Sendable, CaseIterable, DisplayNamed {
    /// Open, with enough time outside lessons and (universities) enough hours.
    case met
    /// Open, but not (long enough) outside lesson time, when students can come.
    case openOnlyDuringLessons
    /// Open, but shorter than the daily minimum (universities: 6 hours).
    case belowDailyMinimum
    /// Duty was planned but nobody checked in all day.
    case unstaffed
    /// Nobody checked in and no duty was planned.
    case closed

    public var displayName: LocalizedText {
        switch self {
        case .met: LocalizedText(zh: "达标", en: "met")
        case .openOnlyDuringLessons: LocalizedText(zh: "仅上课时间开放", en: "open only during lessons")
        case .belowDailyMinimum: LocalizedText(zh: "开放时长不足", en: "below daily minimum")
        case .unstaffed: LocalizedText(zh: "无人值班", en: "unstaffed")
        case .closed: LocalizedText(zh: "未开放", en: "closed")
        }
    }
}

/// One school day of the report.
public struct DayCompliance: Hashable, Codable, Sendable {
    public var day: Day
    public var isMakeUpWorkday: Bool
    public var status: DayStatus
    public var openSeconds: Int
    public var outsideLessonSeconds: Int
    /// Today: the status so far, not final and not yet a violation.
    public var inProgress: Bool
    /// Who was in the room that day, each once, in id order.
    public var staff: [StaffID]
}

/// One Monday-to-Sunday week of the report.
public struct WeekCompliance: Hashable, Codable, Sendable {
    public var monday: Day
    /// School days of the whole week by the calendar, whether evaluated or not.
    public var schoolDays: Int
    /// School days of the week that fall in the report and are not in the future.
    public var evaluatedDays: Int
    /// Open time on the week's school days.
    public var openSeconds: Int
    public var requiredSeconds: Int?
    /// Every school day of the week is in the report and over.
    public var isComplete: Bool
    /// Minutes of the unit the rule counts in: the timetable's class hour
    /// (学时, 40 or 45 minutes), or 60 for the university's hours a workday.
    public var classHourMinutes: Int
    /// Some of the week's school days are past but outside the report's
    /// period (`--from`/`--to`): the week is partial, not in progress.
    public var cutByPeriod: Bool = false

    /// Nil while the week is not complete or nothing is required.
    public var met: Bool? {
        guard isComplete, let requiredSeconds else { return nil }
        return openSeconds >= requiredSeconds
    }

    /// What the rule counts in, for a column header: class hours, or hours.
    public var unit: LocalizedText { ClassHours.unit(classHourMinutes) }

    /// The week's result as every report writes it.
    public var result: LocalizedText {
        switch met {
        case .some(true): LocalizedText(zh: "达标", en: "met")
        case .some(false): LocalizedText(zh: "未达标", en: "NOT MET")
        case .none where cutByPeriod: LocalizedText(zh: "不完整周", en: "partial week")
        case .none: LocalizedText(zh: "进行中", en: "in progress")
        }
    }

    /// Open time in class hours (学时), as the rule counts it.
    public var classHours: Double { Double(openSeconds) / Double(classHourMinutes * 60) }
}

/// A planned shift, and whether anybody was in the room during it.
public struct ShiftOutcome: Hashable, Codable, Sendable {
    public enum Coverage: String, Codable, Sendable, DisplayNamed {
        case covered, partlyCovered, gap

        public var displayName: LocalizedText {
            switch self {
            case .covered: LocalizedText(zh: "已到岗", en: "covered")
            case .partlyCovered: LocalizedText(zh: "部分到岗", en: "partly covered")
            case .gap: LocalizedText(zh: "空岗", en: "gap")
            }
        }
    }

    public var shift: PlannedShift
    public var coveredSeconds: Int
    /// The parts of the shift nobody was in the room, in time order.
    public var uncovered: [TimeSpan]
    /// Everyone present during the shift; a colleague standing in counts.
    public var presentStaff: [StaffID]

    public var coverage: Coverage {
        if coveredSeconds == 0 { return .gap }
        return coveredSeconds >= shift.span.seconds ? .covered : .partlyCovered
    }
}

/// A broken opening rule, with its date and the reason in words.
public struct ComplianceViolation: Hashable, Codable, Sendable {
    public enum Kind: Hashable, Codable, Sendable {
        /// Closed or unstaffed on a school day.
        case notOpen(DayStatus)
        case tooLittleOutsideLessons(outsideMinutes: Int, requiredMinutes: Int)
        case dayBelowMinimum(openMinutes: Int, requiredMinutes: Int)
        /// `day` is the Monday of the week.
        case weekBelowMinimum(openMinutes: Int, requiredMinutes: Int, classHourMinutes: Int)
        /// A planned shift nobody checked into.
        case unstaffedShift(PlannedShiftID, person: StaffID, span: TimeSpan)
        case missingCheckOut(DutyCheckInID, person: StaffID)
    }

    public var day: Day
    public var kind: Kind

    public init(day: Day, kind: Kind) {
        self.day = day
        self.kind = kind
    }

    public var reason: LocalizedText {
        switch kind {
        case .notOpen(let status) where status == .unstaffed:
            LocalizedText(zh: "排了值班但全天无人签到，辅导室未开放",
                          en: "Duty was planned but nobody checked in; the room did not open")
        case .notOpen:
            LocalizedText(zh: "学生在校日辅导室未开放", en: "The room did not open on a school day")
        case .tooLittleOutsideLessons(let outside, let required):
            LocalizedText(zh: "课余时间仅开放 \(outside) 分钟，应不少于 \(required) 分钟",
                          en: "Open only \(outside) min outside lessons; at least \(required) min required")
        case .dayBelowMinimum(let open, let required):
            LocalizedText(zh: "当天开放 \(Self.hoursText(open, .zhHans))，应不少于 \(Self.hoursText(required, .zhHans))",
                          en: "Open \(Self.hoursText(open, .en)) that day; at least \(Self.hoursText(required, .en)) required")
        case .weekBelowMinimum(let open, let required, let classHour):
            Self.weekText(open, required, classHour)
        case .unstaffedShift(_, _, let span):
            LocalizedText(zh: "\(Self.spanText(span)) 的值班无人签到（空岗）",
                          en: "Nobody checked in for the \(Self.spanText(span)) duty shift (gap)")
        case .missingCheckOut:
            LocalizedText(zh: "值班签到后未签退，当天开放时间无法计算",
                          en: "Checked in but never out; the open time of that day cannot be counted")
        }
    }

    static func hoursText(_ minutes: Int, _ language: Language) -> String {
        let h = minutes / 60, m = minutes % 60
        switch language {
        case .zhHans: return m == 0 ? "\(h) 小时" : "\(h) 小时 \(m) 分钟"
        case .en: return m == 0 ? "\(h) h" : "\(h) h \(m) min"
        }
    }

    /// A short week, in the unit the rule counts in: class hours, or (the
    /// university's rule) hours.
    static func weekText(_ open: Int, _ required: Int, _ classHour: Int) -> LocalizedText {
        let unit = ClassHours.unit(classHour)
        let o = ClassHours.text(seconds: open * 60, classHourMinutes: classHour)
        let r = ClassHours.text(seconds: required * 60, classHourMinutes: classHour)
        return LocalizedText(zh: "本周开放 \(open) 分钟（\(o) \(unit.zh)），应不少于 \(required) 分钟（\(r) \(unit.zh)）",
                             en: "Open \(open) min this week (\(o) \(unit.en)); at least \(required) min (\(r) \(unit.en)) required")
    }

    static func spanText(_ span: TimeSpan) -> String {
        let end = span.end.day == span.start.day ? span.end.time : .endOfDay
        return "\(span.start.time)–\(end)"
    }
}

/// Counts over a week, month or term, for the head of guidance's report.
public struct ComplianceSummary: Hashable, Codable, Sendable {
    public enum Scope: Hashable, Codable, Sendable, DisplayNamed {
        case week(monday: Day)
        case month(year: Int, month: Int)
        case term(name: String)

        public var displayName: LocalizedText {
            switch self {
            case .week(let monday):
                LocalizedText(zh: "\(monday) 起的一周", en: "week of \(monday)")
            case .month(let year, let month):
                LocalizedText(zh: "\(year)年\(month)月", en: "\(Self.monthNames[month - 1]) \(year)")
            case .term(let name):
                // The school's own name for its term, in the language it was entered.
                LocalizedText(zh: name, en: name)
            }
        }

        static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"]
    }

    public var scope: Scope
    public var first: Day
    public var last: Day
    /// School days with a final status (today is left out until it is over).
    public var schoolDays: Int
    public var daysMet: Int
    public var daysOpenOnlyDuringLessons: Int
    public var daysBelowDailyMinimum: Int
    public var daysUnstaffed: Int
    public var daysClosed: Int
    public var openSeconds: Int
    /// The weeks counted here: each week belongs to the month and term of
    /// its first school day, so no week is counted twice.
    public var weeks: [WeekCompliance]
    public var violations: Int

    public var completeWeeks: Int { weeks.filter(\.isComplete).count }
    public var weeksMet: Int { weeks.filter { $0.met == true }.count }
}

/// The opening-hour compliance of a span of days.
public struct ComplianceReport: Hashable, Codable, Sendable {
    public var first: Day
    public var last: Day
    public var asOf: LocalDateTime
    public var policy: OpeningPolicy
    public var days: [DayCompliance]
    public var weeks: [WeekCompliance]
    public var shifts: [ShiftOutcome]
    /// In date order.
    public var violations: [ComplianceViolation]
    public var weekly: [ComplianceSummary]
    public var monthly: [ComplianceSummary]
    public var termly: [ComplianceSummary]
    /// The check-ins counted, in time order: reports mark the ones entered
    /// afterwards or corrected (`amendedCheckIns`).
    public var checkIns: [DutyCheckIn] = []
    /// The heads' explanations of violations (the store adds them: `note(for:)`).
    public var notes: [ViolationNote] = []
    /// Where the report starts and why (`Compliance.evaluate(…firstRecorded:…)`).
    public var start: ComplianceStart? = nil
    /// Days of the report the calendar does not cover (`CalendarCoverage`).
    public var calendarGaps: [CalendarGap] = []
}

/// What the calendar and the school's records add to a report.
extension ComplianceReport {
    /// What every report prints above its figures: where it starts and
    /// which days the calendar does not cover, each with how to fix it.
    public var caveats: [LocalizedText] {
        [start?.note].compactMap { $0 } + calendarGaps.map(\.message)
    }
}
