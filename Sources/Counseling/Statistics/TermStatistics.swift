/// One figure and what it counts.
public struct StatisticsFigure: Hashable, Sendable {
    public var key: StatisticsKey
    public var value: Figure

    public init(_ key: StatisticsKey, _ value: Figure) {
        self.key = key
        self.value = value
    }
}

/// The term's or the year's work in figures (学期/学年工作统计), for the head
/// of guidance and the education bureau: counts only, never a name, a
/// number or a word anyone wrote. In document order, each section's
/// figures together.
public struct TermStatistics: Hashable, Sendable {
    public var first: Day
    public var last: Day
    /// Whether counts about students of 1 to 4 are shown as "<5".
    public var smallCountsSuppressed: Bool
    public var figures: [StatisticsFigure]

    public init(first: Day, last: Day, smallCountsSuppressed: Bool = false, figures: [StatisticsFigure]) {
        self.first = first
        self.last = last
        self.smallCountsSuppressed = smallCountsSuppressed
        self.figures = figures
    }

    public subscript(key: StatisticsKey) -> Figure? { figures.first { $0.key == key }?.value }

    /// The figures of one section, in order.
    public func figures(in section: StatisticsKey.Section) -> [StatisticsFigure] { figures.filter { $0.key.section == section } }

    /// The figures a document meant to leave the school shows: counts about
    /// students of 1 to 4 as "<5" (0 stays 0), so that no small group of
    /// students can be told apart; the room's own figures as they are.
    public var suppressingSmallCounts: TermStatistics {
        var copy = self
        copy.smallCountsSuppressed = true
        copy.figures = figures.map { figure in
            guard figure.key.isAboutStudents, case .count(let n) = figure.value, (1...4).contains(n) else { return figure }
            return StatisticsFigure(figure.key, .fewerThanFive)
        }
        return copy
    }

    /// Counts the figures of `input`.
    public init(_ input: TermStatisticsInput) {
        first = input.first
        last = input.last
        smallCountsSuppressed = false
        var out: [StatisticsFigure] = []
        func add(_ key: StatisticsKey, _ n: Int) { out.append(StatisticsFigure(key, .count(n))) }
        func add<V>(_ readable: Readable<V>, _ keys: [StatisticsKey], _ count: (V) -> [Int]) {
            switch readable {
            case .read(let value): for (key, n) in zip(keys, count(value)) { add(key, n) }
            case .needs(let required): for key in keys { out.append(StatisticsFigure(key, .needs(required))) }
            }
        }
        Self.compliance(input.compliance, add)
        Self.visits(input, add)
        if let groups = input.groupSessions {
            add(groups, [.groupSessions, .groupAttendances]) { [$0.sessions, $0.attendances] }
            switch groups {
            case .read(let counts): add(counts.students, [.groupStudents]) { [$0] }
            case .needs(let required): out.append(StatisticsFigure(.groupStudents, .needs(required)))
            }
        }
        let appointments = input.appointments.filter { input.contains($0.slot.start) }
        add(.appointments, appointments.count)
        for status in Appointment.Status.allCases { add(.appointmentsByStatus(status), appointments.filter { $0.status == status }.count) }
        add(input.campaigns, [.campaigns, .screeningEligible, .screened, .screeningInvalid, .screeningFlagged, .screeningConfirmed]) {
            Self.screening($0, input)
        }
        let levelKeys = Self.keyLevels.map(StatisticsKey.levelAtStart) + Self.keyLevels.map(StatisticsKey.levelAtEnd)
            + [.levelChanges, .levelsRaised, .levelsLowered]
        add(input.levels, levelKeys) { Self.levels($0, input) }
        add(input.referrals, [.referrals, .referralsGreenChannel, .referralsWithFeedback, .referralsDeclined]) { all in
            let mine = all.filter { input.contains($0.referredOn) }
            return [mine.count, mine.filter(\.greenChannel).count,
                    mine.filter { $0.feedbackOn.map { $0 <= input.last } ?? false }.count,
                    mine.filter { $0.status == .declined }.count]
        }
        add(input.guardianContacts, [.guardianContacts, .guardianNotifications, .routineContacts]) { all in
            let mine = all.filter { input.contains($0.at) }
            return [mine.count, mine.filter(\.isCompletedNotification).count, mine.filter { $0.purpose == .routine }.count]
        }
        add(input.closings, [.closingsRequested, .closingsApproved, .closingsDeclined]) { all in
            [all.filter { input.contains($0.requestedAt) }.count,
             all.filter { $0.approvedAt.map(input.contains) ?? false }.count,
             all.filter { $0.declinedAt.map(input.contains) ?? false }.count]
        }
        figures = out
    }

    /// The levels counted at the start and the end: 一级 to 三级关注.
    static let keyLevels: [WarningLevel] = [.general, .severe, .major]

    private static func compliance(_ report: ComplianceReport, _ add: (StatisticsKey, Int) -> Void) {
        add(.weeksMet, report.weeks.filter { $0.met == true }.count)
        add(.weeksNotMet, report.weeks.filter { $0.met == false }.count)
        add(.weeksIncomplete, report.weeks.filter { $0.met == nil }.count)
        let final = report.days.filter { !$0.inProgress }
        add(.schoolDays, final.count)
        add(.daysMet, final.filter { $0.status == .met }.count)
        for kind in StatisticsKey.Violation.allCases {
            add(.violations(kind), report.violations.filter { StatisticsKey.Violation($0.kind) == kind }.count)
        }
        for week in report.weeks {
            add(.weekOpenMinutes(week.monday), week.openSeconds / 60)
            if let required = week.requiredSeconds { add(.weekRequiredMinutes(week.monday), required / 60) }
        }
    }

    private static func visits(_ input: TermStatisticsInput, _ add: (StatisticsKey, Int) -> Void) {
        let visits = input.visits.filter { input.contains($0.start) }
        let students = Dictionary(input.students.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        add(.visits, visits.count)
        add(.visitStudents, Set(visits.compactMap(\.student)).count)
        for channel in Visit.Channel.allCases { add(.visitsByChannel(channel), visits.filter { $0.channel == channel }.count) }
        let known = visits.compactMap { $0.student.flatMap { students[$0] } }
        // Every grade of the roster, so a grade nobody came from shows 0.
        let grades = Set(input.students.map { GradeKey(stage: $0.stage, grade: $0.grade) }).sorted()
        for g in grades { add(.visitsByGrade(g.stage, g.grade), known.filter { $0.stage == g.stage && $0.grade == g.grade }.count) }
        add(.visitsWithoutGrade, visits.count - known.count)
        for gender in Gender.allCases { add(.visitsByGender(gender), known.filter { $0.gender == gender }.count) }
        add(.visitsWithoutGender, visits.count - known.count)
        // A visit may have several reasons: each is counted.
        for reason in Visit.Reason.allCases { add(.visitsByReason(reason), visits.filter { $0.reasons.contains(reason) }.count) }
    }

    private struct GradeKey: Hashable, Comparable {
        var stage: SchoolStage
        var grade: Int
        static func < (a: Self, b: Self) -> Bool {
            (SchoolStage.allCases.firstIndex(of: a.stage)!, a.grade) < (SchoolStage.allCases.firstIndex(of: b.stage)!, b.grade)
        }
    }

    /// Campaigns begun in the period; the students to screen are those of
    /// the campaign's grades on the lists on its last day.
    private static func screening(_ campaigns: [ScreeningCampaign], _ input: TermStatisticsInput) -> [Int] {
        let mine = campaigns.filter { input.contains($0.firstDay) }
        let eligible = mine.map { c in input.students.filter { c.grades.contains($0.grade) && $0.isEnrolled(on: c.lastDay) }.count }
        let total = ScreeningCampaign.ClassTally.total(mine.flatMap(\.tallies), as: ClassRef(stage: .junior, grade: 0, className: ""))
        return [mine.count, eligible.reduce(0, +), total.screened, total.invalid, total.flagged, total.confirmed]
    }

    /// Students on the lists at each level at the start of the period and at
    /// its end (or now, while it lasts); then the changes made in it.
    private static func levels(_ history: TermStatisticsInput.LevelHistory, _ input: TermStatisticsInput) -> [Int] {
        let byStudent = Dictionary(grouping: history.changes, by: \.student).mapValues { $0.sorted { ($0.at, $0.id.rawValue) < ($1.at, $1.id.rawValue) } }
        func level(_ student: StudentID, at moment: LocalDateTime) -> WarningLevel {
            guard let changes = byStudent[student] else { return history.current[student] ?? .none }
            return changes.last { $0.at < moment }?.to ?? changes[0].from
        }
        func counts(at moment: LocalDateTime, on day: Day) -> [Int] {
            let levels = input.students.filter { $0.isEnrolled(on: day) }.map { level($0.id, at: moment) }
            return keyLevels.map { l in levels.filter { $0 == l }.count }
        }
        let changes = history.changes.filter { input.contains($0.at) }
        return counts(at: input.start, on: input.first) + counts(at: input.end, on: min(input.last, input.asOf.day))
            + [changes.count, changes.filter { $0.to > $0.from }.count, changes.filter { $0.to < $0.from }.count]
    }
}
