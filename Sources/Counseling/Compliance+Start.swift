extension Compliance {
    /// The report from the later of `requested` and the school's first
    /// recorded day (`ComplianceStart`), with the days of it the calendar
    /// does not cover (`CalendarGap`).
    public static func evaluate(from requested: Day, through last: Day, calendar: SchoolCalendar, policy: OpeningPolicy,
                                shifts: [PlannedShift], checkIns: [DutyCheckIn], firstRecorded: Day?,
                                now: LocalDateTime) -> ComplianceReport {
        let start = ComplianceStart.resolve(requested: requested, firstRecorded: firstRecorded, today: now.day)
        var report = evaluate(from: start.day, through: last, calendar: calendar, policy: policy,
                              shifts: shifts, checkIns: checkIns, now: now)
        report.start = start
        report.calendarGaps = calendar.gaps(from: start.day, through: min(last, now.day))
        return report
    }
}
