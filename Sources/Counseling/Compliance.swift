/// Computes opening-hour compliance from what actually happened — duty
/// check-ins and check-outs — against the school calendar, never from the
/// roster alone (DOMAIN.md). The roster is used only to tell an unstaffed
/// day from a closed one and to find shifts nobody took up.
public enum Compliance {
    /// The report for the school days `first...last`, as known at `now`:
    /// later days are left out, today is shown as in progress.
    public static func evaluate(from first: Day, through last: Day, calendar: SchoolCalendar,
                                policy: OpeningPolicy, shifts: [PlannedShift], checkIns: [DutyCheckIn],
                                now: LocalDateTime) -> ComplianceReport {
        let presences = checkIns.compactMap { checkIn in
            checkIn.presence(asOf: now).map { (person: checkIn.person, span: $0) }
        }
        let evaluatedDays = calendar.schoolDays(from: first, through: min(last, now.day))
        let dayShifts = Dictionary(grouping: shifts, by: \.day)

        let days = evaluatedDays.map { day in
            evaluateDay(day, calendar: calendar, policy: policy, presences: presences,
                        planned: !(dayShifts[day] ?? []).isEmpty, today: now.day)
        }
        let weeks = evaluateWeeks(days, first: first, last: last, now: now, calendar: calendar, policy: policy)
        // A shift left on the roster for a day students are not at school
        // (a public holiday such as Mid-Autumn, a weekend, outside term)
        // asks nothing of anyone: it is never a gap.
        let shiftOutcomes = shifts
            .filter { first <= $0.day && $0.day <= last && $0.span.end <= now }
            .filter { calendar.isSchoolDay($0.day) }
            .sorted { ($0.span.start, $0.id) < ($1.span.start, $1.id) }
            .map { outcome(of: $0, presences: presences) }

        var violations: [ComplianceViolation] = []
        for day in days where !day.inProgress {
            if let kind = violation(of: day, policy: policy) {
                violations.append(ComplianceViolation(day: day.day, kind: kind))
            }
        }
        for shift in shiftOutcomes where shift.coverage == .gap {
            violations.append(ComplianceViolation(day: shift.shift.day, kind: .unstaffedShift(
                shift.shift.id, person: shift.shift.person, span: shift.shift.span)))
        }
        for week in weeks where week.met == false {
            violations.append(ComplianceViolation(day: week.monday, kind: .weekBelowMinimum(
                openMinutes: week.openSeconds / 60, requiredMinutes: (week.requiredSeconds ?? 0) / 60,
                classHourMinutes: week.classHourMinutes)))
        }
        for checkIn in checkIns where checkIn.isMissingCheckOut(asOf: now)
            && first <= checkIn.checkIn.day && checkIn.checkIn.day <= last {
            violations.append(ComplianceViolation(day: checkIn.checkIn.day,
                                                  kind: .missingCheckOut(checkIn.id, person: checkIn.person)))
        }
        // Stable order: by date, then in the order the kinds were added above.
        violations = violations.enumerated()
            .sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
            .map(\.element)

        return ComplianceReport(
            first: first, last: last, asOf: now, policy: policy, days: days, weeks: weeks,
            shifts: shiftOutcomes, violations: violations,
            weekly: weeks.map { week in
                summary(.week(monday: week.monday), first: week.monday, last: week.monday.adding(days: 6),
                        days: days, weeks: [week], violations: violations)
            },
            monthly: monthlySummaries(days: days, weeks: weeks, violations: violations, calendar: calendar),
            termly: termSummaries(days: days, weeks: weeks, violations: violations, calendar: calendar),
            checkIns: checkIns.filter { first <= $0.checkIn.day && $0.checkIn.day <= min(last, now.day) }
                .sorted { ($0.checkIn, $0.id) < ($1.checkIn, $1.id) })
    }

    static func evaluateDay(_ day: Day, calendar: SchoolCalendar, policy: OpeningPolicy,
                            presences: [(person: StaffID, span: TimeSpan)], planned: Bool,
                            today: Day) -> DayCompliance {
        let wholeDay = TimeSpan(on: day, from: .midnight, to: .endOfDay)
        let present = presences.compactMap { presence in
            presence.span.intersection(wholeDay).map { (person: presence.person, span: $0) }
        }
        let open = TimeSpan.union(present.map(\.span))
        let openSeconds = open.reduce(0) { $0 + $1.seconds }
        // `open` is disjoint and so are the lessons, so the overlaps add up exactly.
        let lessons = calendar.lessons(on: day)
        let duringLessons = open.reduce(0) { sum, span in
            sum + lessons.compactMap { span.intersection($0)?.seconds }.reduce(0, +)
        }
        let outside = openSeconds - duringLessons

        let status: DayStatus
        if openSeconds == 0 {
            status = planned ? .unstaffed : .closed
        } else if let minutes = policy.minimumOutsideLessonMinutesPerDay, outside < minutes * 60 {
            status = .openOnlyDuringLessons
        } else if let minutes = policy.minimumMinutesPerSchoolDay, openSeconds < minutes * 60 {
            status = .belowDailyMinimum
        } else {
            status = .met
        }
        return DayCompliance(day: day, isMakeUpWorkday: calendar.kind(of: day) == .makeUpWorkday,
                             status: status, openSeconds: openSeconds, outsideLessonSeconds: outside,
                             inProgress: day == today, staff: Array(Set(present.map(\.person))).sorted())
    }

    static func violation(of day: DayCompliance, policy: OpeningPolicy) -> ComplianceViolation.Kind? {
        switch day.status {
        case .met:
            return nil
        case .closed, .unstaffed:
            return policy.openEverySchoolDay ? .notOpen(day.status) : nil
        case .openOnlyDuringLessons:
            return .tooLittleOutsideLessons(outsideMinutes: day.outsideLessonSeconds / 60,
                                            requiredMinutes: policy.minimumOutsideLessonMinutesPerDay ?? 0)
        case .belowDailyMinimum:
            return .dayBelowMinimum(openMinutes: day.openSeconds / 60,
                                    requiredMinutes: policy.minimumMinutesPerSchoolDay ?? 0)
        }
    }

    static func evaluateWeeks(_ days: [DayCompliance], first: Day, last: Day, now: LocalDateTime,
                              calendar: SchoolCalendar, policy: OpeningPolicy) -> [WeekCompliance] {
        let classHour = calendar.timetable.classHourMinutes
        // A rule of hours a workday (the university's) is reported in hours,
        // not in the timetable's class hours.
        let unit = policy.minimumClassHoursPerWeek == nil ? 60 : classHour
        return Dictionary(grouping: days, by: \.day.startOfWeek).map { monday, weekDays in
            let schoolDays = calendar.schoolDays(inWeekOf: monday)
            let complete = schoolDays.allSatisfy { first <= $0 && $0 <= last && $0 < now.day }
            return WeekCompliance(
                monday: monday, schoolDays: schoolDays.count, evaluatedDays: weekDays.count,
                openSeconds: weekDays.reduce(0) { $0 + policy.countedSeconds($1) },
                requiredSeconds: policy.requiredSeconds(forWeekWith: schoolDays.count, classHourMinutes: classHour),
                isComplete: complete, classHourMinutes: unit,
                cutByPeriod: schoolDays.contains { ($0 < first || $0 > last) && $0 < now.day })
        }
        .sorted { $0.monday < $1.monday }
    }

    static func outcome(of shift: PlannedShift, presences: [(person: StaffID, span: TimeSpan)]) -> ShiftOutcome {
        let during = presences.filter { $0.span.overlaps(shift.span) }
        let uncovered = shift.span.subtracting(during.map(\.span))
        return ShiftOutcome(shift: shift, coveredSeconds: shift.span.seconds - uncovered.reduce(0) { $0 + $1.seconds },
                            uncovered: uncovered, presentStaff: Array(Set(during.map(\.person))).sorted())
    }

    static func summary(_ scope: ComplianceSummary.Scope, first: Day, last: Day, days: [DayCompliance],
                        weeks: [WeekCompliance], violations: [ComplianceViolation]) -> ComplianceSummary {
        let inScope = days.filter { first <= $0.day && $0.day <= last }
        let final = inScope.filter { !$0.inProgress }
        func count(_ status: DayStatus) -> Int { final.filter { $0.status == status }.count }
        return ComplianceSummary(
            scope: scope, first: first, last: last, schoolDays: final.count,
            daysMet: count(.met), daysOpenOnlyDuringLessons: count(.openOnlyDuringLessons),
            daysBelowDailyMinimum: count(.belowDailyMinimum), daysUnstaffed: count(.unstaffed),
            daysClosed: count(.closed), openSeconds: inScope.reduce(0) { $0 + $1.openSeconds },
            weeks: weeks, violations: violations.filter { violation in
                // A week's violation is dated on its Monday, which may lie in the
                // month before; it is counted with the week, wherever that went.
                if case .weekBelowMinimum = violation.kind { return false }
                return first <= violation.day && violation.day <= last
            }.count + weeks.filter { $0.met == false }.count)
    }

    /// The first school day of a week, by the calendar: it decides which
    /// month and term the week is counted in.
    static func firstSchoolDay(of week: WeekCompliance, calendar: SchoolCalendar) -> Day {
        calendar.schoolDays(inWeekOf: week.monday).first ?? week.monday
    }

    static func monthlySummaries(days: [DayCompliance], weeks: [WeekCompliance],
                                 violations: [ComplianceViolation], calendar: SchoolCalendar) -> [ComplianceSummary] {
        let months = Set(days.map(\.day.firstOfMonth)).sorted()
        return months.map { firstOfMonth in
            let last = firstOfMonth.adding(days: Day.daysIn(month: firstOfMonth.month, year: firstOfMonth.year) - 1)
            let monthWeeks = weeks.filter { firstSchoolDay(of: $0, calendar: calendar).firstOfMonth == firstOfMonth }
            return summary(.month(year: firstOfMonth.year, month: firstOfMonth.month), first: firstOfMonth,
                           last: last, days: days, weeks: monthWeeks, violations: violations)
        }
    }

    static func termSummaries(days: [DayCompliance], weeks: [WeekCompliance],
                              violations: [ComplianceViolation], calendar: SchoolCalendar) -> [ComplianceSummary] {
        calendar.terms.sorted { $0.first < $1.first }
            .filter { term in days.contains { term.contains($0.day) } }
            .map { term in
                let termWeeks = weeks.filter { term.contains(firstSchoolDay(of: $0, calendar: calendar)) }
                return summary(.term(name: term.name), first: term.first, last: term.last,
                               days: days, weeks: termWeeks, violations: violations)
            }
    }
}
