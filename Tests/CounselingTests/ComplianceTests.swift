import Counseling
import XCTest

/// Hand-computed weeks of the autumn term 2026 with 45-minute class hours,
/// so 10 class hours are 450 minutes. Lunch (11:50–14:00) and after school
/// (from 16:35) are outside lessons.
final class ComplianceTests: XCTestCase {
    let calendar = autumn2026()

    func evaluate(_ first: Day, _ last: Day, policy: OpeningPolicy = .primarySecondary,
                  shifts: [PlannedShift] = [], checkIns: [DutyCheckIn], now: LocalDateTime) -> ComplianceReport {
        Compliance.evaluate(from: first, through: last, calendar: calendar, policy: policy,
                            shifts: shifts, checkIns: checkIns, now: now)
    }

    /// Lunch 12:00–13:30 and after school 16:40–17:40 (or to `lastOut`) on each day: 150 minutes.
    func lunchAndAfterSchool(_ days: [Day], lastOut: TimeOfDay = time(17, 40)) -> [DutyCheckIn] {
        days.flatMap { d in [
            checkIn("lunch-\(d)", dutyTeacher, span(d, 12, 0, 13, 30)),
            DutyCheckIn(id: DutyCheckInID("after-\(d)"), person: secondDutyTeacher,
                        checkIn: at(d, 16, 40), checkOut: LocalDateTime(d, d == days.last ? lastOut : time(17, 40))),
        ] }
    }

    let nationalDayWeek = [day(2026, 10, 8), day(2026, 10, 9), day(2026, 10, 10)]

    func testWeekOfExactlyTenClassHoursWithHolidayAndMakeUpSaturdayMeetsTheMinimum() throws {
        let report = evaluate(day(2026, 10, 5), day(2026, 10, 11), checkIns: lunchAndAfterSchool(nationalDayWeek),
                              now: at(day(2026, 10, 12), 8, 0))
        XCTAssertEqual(report.days.map(\.day), nationalDayWeek)
        XCTAssertEqual(report.days.map(\.status), [.met, .met, .met])
        XCTAssertEqual(report.days.map(\.isMakeUpWorkday), [false, false, true])
        let week = try XCTUnwrap(report.weeks.first)
        XCTAssertEqual(report.weeks.count, 1)
        XCTAssertEqual(week.monday, day(2026, 10, 5))
        XCTAssertEqual(week.schoolDays, 3)
        XCTAssertEqual(week.openSeconds, 450 * 60)
        XCTAssertEqual(week.requiredSeconds, 450 * 60)
        XCTAssertEqual(week.classHours, 10.0)
        XCTAssertTrue(week.isComplete)
        XCTAssertEqual(week.met, true)
        XCTAssertEqual(report.violations, [])
    }

    func testWeekOneMinuteShortOfTenClassHoursIsAViolation() throws {
        let report = evaluate(day(2026, 10, 5), day(2026, 10, 11),
                              checkIns: lunchAndAfterSchool(nationalDayWeek, lastOut: time(17, 39)),
                              now: at(day(2026, 10, 12), 8, 0))
        XCTAssertEqual(report.weeks.first?.openSeconds, 449 * 60)
        XCTAssertEqual(report.weeks.first?.met, false)
        XCTAssertEqual(report.violations, [ComplianceViolation(
            day: day(2026, 10, 5), kind: .weekBelowMinimum(openMinutes: 449, requiredMinutes: 450, classHourMinutes: 45))])
        XCTAssertEqual(report.violations.first?.reason.zh, "本周开放 449 分钟（9.9 学时），应不少于 450 分钟（10.0 学时）")
        XCTAssertEqual(report.violations.first?.reason.en,
                       "Open 449 min this week (9.9 class hours); at least 450 min (10.0 class hours) required")
    }

    func testMakeUpSundayIsASchoolDayTheRoomMustOpen() {
        let weekdays = (14...18).map { day(2026, 9, $0) }
        let report = evaluate(day(2026, 9, 14), day(2026, 9, 20),
                              checkIns: weekdays.map { checkIn("c-\($0)", dutyTeacher, span($0, 12, 0, 13, 30)) },
                              now: at(day(2026, 9, 21), 8, 0))
        XCTAssertEqual(report.days.count, 6)
        XCTAssertEqual(report.days.last?.day, day(2026, 9, 20))
        XCTAssertEqual(report.days.last?.status, .closed)
        XCTAssertEqual(report.weeks.first?.schoolDays, 6)
        XCTAssertEqual(report.weeks.first?.met, true, "450 minutes meet the week even with six school days")
        XCTAssertEqual(report.violations, [ComplianceViolation(day: day(2026, 9, 20), kind: .notOpen(.closed))])
        XCTAssertEqual(report.violations.first?.reason.en, "The room did not open on a school day")
    }

    func testPlannedShiftNobodyCheckedIntoIsAGap() {
        let tuesday = day(2026, 9, 15)
        let lunchShift = shift("s-lunch", dutyTeacher, span(tuesday, 12, 0, 13, 0))
        let afterShift = shift("s-after", secondDutyTeacher, span(tuesday, 16, 40, 17, 40))
        let report = evaluate(tuesday, tuesday, shifts: [lunchShift, afterShift],
                              checkIns: [checkIn("c-1", secondDutyTeacher, span(tuesday, 16, 40, 17, 40))],
                              now: at(day(2026, 9, 16), 8, 0))
        XCTAssertEqual(report.days.map(\.status), [.met])
        XCTAssertEqual(report.shifts.map(\.coverage), [.gap, .covered])
        XCTAssertEqual(report.violations, [ComplianceViolation(
            day: tuesday, kind: .unstaffedShift(lunchShift.id, person: dutyTeacher, span: lunchShift.span))])
        XCTAssertEqual(report.violations.first?.reason.zh, "12:00–13:00 的值班无人签到（空岗）")
        XCTAssertEqual(report.weeks.first?.isComplete, false, "only one day of the week is in the report")
    }

    func testDayWithPlannedDutyAndNoCheckInIsUnstaffed() {
        let wednesday = day(2026, 9, 16)
        let planned = shift("s-1", dutyTeacher, span(wednesday, 12, 0, 13, 0))
        let report = evaluate(wednesday, wednesday, shifts: [planned], checkIns: [], now: at(day(2026, 9, 17), 8, 0))
        XCTAssertEqual(report.days.map(\.status), [.unstaffed])
        XCTAssertEqual(report.violations.map(\.kind), [
            .notOpen(.unstaffed), .unstaffedShift(planned.id, person: dutyTeacher, span: planned.span),
        ])
        XCTAssertEqual(report.violations.first?.reason.zh, "排了值班但全天无人签到，辅导室未开放")
    }

    func testColleagueStandingInCoversAPlannedShift() {
        let tuesday = day(2026, 9, 15)
        let planned = shift("s-1", dutyTeacher, span(tuesday, 12, 0, 13, 0))
        let report = evaluate(tuesday, tuesday, shifts: [planned],
                              checkIns: [checkIn("c-1", secondDutyTeacher, span(tuesday, 11, 55, 13, 5))],
                              now: at(day(2026, 9, 16), 8, 0))
        XCTAssertEqual(report.shifts.first?.coverage, .covered)
        XCTAssertEqual(report.shifts.first?.presentStaff, [secondDutyTeacher])
        XCTAssertEqual(report.violations, [])
    }

    func testLateArrivalLeavesAShiftPartlyCovered() {
        let tuesday = day(2026, 9, 15)
        let planned = shift("s-1", dutyTeacher, span(tuesday, 12, 0, 13, 0))
        let report = evaluate(tuesday, tuesday, shifts: [planned],
                              checkIns: [checkIn("c-1", dutyTeacher, span(tuesday, 12, 20, 13, 0))],
                              now: at(day(2026, 9, 16), 8, 0))
        XCTAssertEqual(report.shifts.first?.coverage, .partlyCovered)
        XCTAssertEqual(report.shifts.first?.coveredSeconds, 40 * 60)
        XCTAssertEqual(report.shifts.first?.uncovered, [span(tuesday, 12, 0, 12, 20)])
        XCTAssertEqual(report.violations, [])
    }

    func testRoomOpenOnlyDuringALessonBreaksTheOutsideLessonRule() {
        let thursday = day(2026, 9, 17)
        let report = evaluate(thursday, thursday,
                              checkIns: [checkIn("c-1", dutyTeacher, span(thursday, 10, 10, 10, 55))],
                              now: at(day(2026, 9, 18), 8, 0))
        XCTAssertEqual(report.days.first?.status, .openOnlyDuringLessons)
        XCTAssertEqual(report.days.first?.openSeconds, 45 * 60)
        XCTAssertEqual(report.days.first?.outsideLessonSeconds, 0)
        XCTAssertEqual(report.violations.map(\.kind), [.tooLittleOutsideLessons(outsideMinutes: 0, requiredMinutes: 20)])
        XCTAssertEqual(report.violations.first?.reason.zh, "课余时间仅开放 0 分钟，应不少于 20 分钟")
    }

    func testTenMinuteBreakIsTooLittleButTheLongBreakIsEnough() {
        let thursday = day(2026, 9, 17)
        func status(_ s: TimeSpan) -> DayStatus? {
            evaluate(thursday, thursday, checkIns: [checkIn("c-1", dutyTeacher, s)],
                     now: at(day(2026, 9, 18), 8, 0)).days.first?.status
        }
        // 10:55–11:05 is a ten-minute break.
        XCTAssertEqual(status(span(thursday, 10, 10, 11, 50)), .openOnlyDuringLessons)
        // 09:40–10:10 is the thirty-minute long break.
        XCTAssertEqual(status(span(thursday, 9, 40, 10, 55)), .met)
    }

    func testTwoTeachersOnDutyTogetherAreNotCountedTwice() {
        let friday = day(2026, 9, 18)
        let report = evaluate(friday, friday, checkIns: [
            checkIn("c-1", dutyTeacher, span(friday, 12, 0, 13, 30)),
            checkIn("c-2", counselor, span(friday, 12, 30, 14, 0)),
        ], now: at(day(2026, 9, 19), 8, 0))
        XCTAssertEqual(report.days.first?.openSeconds, 120 * 60)
        XCTAssertEqual(report.days.first?.staff, [counselor, dutyTeacher])
    }

    func testUniversityDayOfFiveHoursFiftyNineMinutesFallsShort() {
        let tuesday = day(2026, 9, 15), wednesday = day(2026, 9, 16)
        let report = evaluate(tuesday, wednesday, policy: .university, checkIns: [
            checkIn("c-1", counselor, span(tuesday, 8, 0, 13, 59)),
            checkIn("c-2", counselor, span(wednesday, 8, 0, 14, 0)),
        ], now: at(day(2026, 9, 17), 8, 0))
        XCTAssertEqual(report.days.map(\.status), [.belowDailyMinimum, .met])
        XCTAssertEqual(report.violations.map(\.kind), [.dayBelowMinimum(openMinutes: 359, requiredMinutes: 360)])
        XCTAssertEqual(report.violations.first?.reason.zh, "当天开放 5 小时 59 分钟，应不少于 6 小时")
        XCTAssertEqual(report.violations.first?.reason.en, "Open 5 h 59 min that day; at least 6 h required")
    }

    func testUniversityWeekNeedsSixHoursOnEveryWorkdayIncludingTheMakeUpSunday() {
        let workdays = calendar.schoolDays(inWeekOf: day(2026, 9, 14))
        let report = evaluate(day(2026, 9, 14), day(2026, 9, 20), policy: .university,
                              checkIns: workdays.map { checkIn("c-\($0)", counselor, span($0, 9, 0, 15, 0)) },
                              now: at(day(2026, 9, 21), 8, 0))
        XCTAssertEqual(report.weeks.first?.requiredSeconds, 6 * 360 * 60)
        XCTAssertEqual(report.weeks.first?.met, true)
        XCTAssertEqual(report.days.map(\.status), Array(repeating: .met, count: 6))
        XCTAssertEqual(report.violations, [])
    }

    /// Six workdays of 6 hours: 36 hours, stated in hours, not as 48
    /// class hours of 45 minutes.
    func testAUniversityWeekIsReportedInHours() throws {
        let workdays = calendar.schoolDays(inWeekOf: day(2026, 9, 14))
        let report = evaluate(day(2026, 9, 14), day(2026, 9, 20), policy: .university,
                              checkIns: workdays.map { checkIn("c-\($0)", counselor, span($0, 9, 0, 15, 0)) },
                              now: at(day(2026, 9, 21), 8, 0))
        let week = try XCTUnwrap(report.weeks.first)
        XCTAssertEqual(week.unit.en, "hours")
        XCTAssertEqual(week.unit.zh, "小时")
        XCTAssertEqual(ClassHours.week(week).open, "36.0")
        XCTAssertEqual(ClassHours.week(week).required, "36.0")
    }

    /// A report that starts on a Wednesday cuts its first week: past days
    /// outside the period make it partial, not "in progress".
    func testAWeekCutByThePeriodIsPartialNotInProgress() throws {
        let report = evaluate(day(2026, 9, 16), day(2026, 9, 20), checkIns: [], now: at(day(2026, 9, 28), 8, 0))
        let week = try XCTUnwrap(report.weeks.first)
        XCTAssertNil(week.met)
        XCTAssertTrue(week.cutByPeriod)
        XCTAssertEqual(week.result.en, "partial week")
        XCTAssertEqual(week.result.zh, "不完整周")
        let current = evaluate(day(2026, 9, 28), day(2026, 10, 4), checkIns: [], now: at(day(2026, 9, 29), 8, 0))
        XCTAssertEqual(current.weeks.first?.result.en, "in progress", "a week still running is in progress")
    }

    func testTodayIsShownInProgressAndIsNoViolationYet() {
        let now = at(day(2026, 9, 16), 10, 0)
        let report = evaluate(day(2026, 9, 14), day(2026, 9, 20), checkIns: [
            DutyCheckIn(id: DutyCheckInID("c-open"), person: dutyTeacher, checkIn: at(day(2026, 9, 16), 9, 50)),
        ], now: now)
        XCTAssertEqual(report.days.map(\.day), [day(2026, 9, 14), day(2026, 9, 15), day(2026, 9, 16)])
        XCTAssertEqual(report.days.last?.inProgress, true)
        XCTAssertEqual(report.days.last?.openSeconds, 10 * 60, "an open check-in counts up to now")
        XCTAssertEqual(report.violations.map(\.day), [day(2026, 9, 14), day(2026, 9, 15)])
        XCTAssertEqual(report.weeks.first?.met, nil)
    }

    func testCheckInNeverClosedCountsNothingAndIsReported() {
        let monday = day(2026, 9, 14)
        let forgotten = DutyCheckIn(id: DutyCheckInID("c-1"), person: dutyTeacher, checkIn: at(monday, 12, 0))
        let report = evaluate(monday, monday, checkIns: [forgotten], now: at(day(2026, 9, 15), 9, 0))
        XCTAssertEqual(report.days.first?.openSeconds, 0)
        XCTAssertEqual(report.violations.map(\.kind), [
            .notOpen(.closed), .missingCheckOut(forgotten.id, person: dutyTeacher),
        ])
    }

    func testProratedShortWeekNeedsFewerClassHours() {
        var policy = OpeningPolicy.primarySecondary
        policy.prorateShortWeeks = true
        let report = evaluate(day(2026, 10, 5), day(2026, 10, 11), policy: policy,
                              checkIns: nationalDayWeek.map { checkIn("c-\($0)", dutyTeacher, span($0, 12, 0, 13, 30)) },
                              now: at(day(2026, 10, 12), 8, 0))
        XCTAssertEqual(report.weeks.first?.requiredSeconds, 270 * 60)
        XCTAssertEqual(report.weeks.first?.met, true)
        XCTAssertEqual(OpeningPolicy.primarySecondary.requiredSeconds(forWeekWith: 3, classHourMinutes: 45), 450 * 60)
    }

    func testClosedDayIsNoViolationWhenThePolicyDoesNotAskForDailyOpening() {
        var policy = OpeningPolicy.primarySecondary
        policy.openEverySchoolDay = false
        let monday = day(2026, 9, 14)
        let report = evaluate(monday, monday, policy: policy, checkIns: [], now: at(day(2026, 9, 15), 8, 0))
        XCTAssertEqual(report.days.first?.status, .closed)
        XCTAssertEqual(report.violations, [])
    }

    func testOpeningOnADayWithoutStudentsDoesNotCount() {
        let saturday = day(2026, 9, 19)
        let report = evaluate(day(2026, 9, 14), day(2026, 9, 20),
                              checkIns: [checkIn("c-1", dutyTeacher, span(saturday, 9, 0, 17, 0))],
                              now: at(day(2026, 9, 21), 8, 0))
        XCTAssertFalse(report.days.contains { $0.day == saturday })
        XCTAssertEqual(report.weeks.first?.openSeconds, 0)
    }

    func testSeptemberSummaryCountsDaysWeeksAndViolations() throws {
        let septemberDays = calendar.schoolDays(from: day(2026, 9, 1), through: day(2026, 9, 30))
        XCTAssertEqual(septemberDays.count, 22)
        let report = evaluate(day(2026, 9, 1), day(2026, 9, 30),
                              checkIns: septemberDays.map { checkIn("c-\($0)", dutyTeacher, span($0, 12, 0, 13, 30)) },
                              now: at(day(2026, 10, 12), 8, 0))
        // 90 minutes a day: weeks of 5 or 6 school days reach 450 minutes,
        // the first week (4 days), the Mid-Autumn week (4) and the week before
        // National Day (3) do not.
        XCTAssertEqual(report.weeks.map(\.monday),
                       [day(2026, 8, 31), day(2026, 9, 7), day(2026, 9, 14), day(2026, 9, 21), day(2026, 9, 28)])
        XCTAssertEqual(report.weeks.map(\.met), [false, true, true, false, false])
        XCTAssertEqual(report.weekly.count, 5)
        XCTAssertEqual(report.weekly[2].schoolDays, 6)
        XCTAssertEqual(report.weekly.map(\.violations), [1, 0, 0, 1, 1])

        let september = try XCTUnwrap(report.monthly.first)
        XCTAssertEqual(report.monthly.count, 1)
        XCTAssertEqual(september.scope, .month(year: 2026, month: 9))
        XCTAssertEqual(september.schoolDays, 22)
        XCTAssertEqual(september.daysMet, 22)
        XCTAssertEqual(september.openSeconds, 22 * 90 * 60)
        XCTAssertEqual(september.completeWeeks, 5)
        XCTAssertEqual(september.weeksMet, 2)
        XCTAssertEqual(september.violations, 3)

        let term = try XCTUnwrap(report.termly.first)
        XCTAssertEqual(term.scope, .term(name: "2026年秋季学期"))
        XCTAssertEqual(term.first, day(2026, 9, 1))
        XCTAssertEqual(term.last, day(2027, 1, 22))
        XCTAssertEqual(term.schoolDays, 22)
        XCTAssertEqual(term.weeks.count, 5)
    }

    func testWeekSpanningTwoMonthsIsCountedInTheMonthOfItsFirstSchoolDay() {
        let weekDays = calendar.schoolDays(from: day(2026, 9, 28), through: day(2026, 10, 11))
        let report = evaluate(day(2026, 9, 28), day(2026, 10, 11),
                              checkIns: weekDays.map { checkIn("c-\($0)", dutyTeacher, span($0, 12, 0, 13, 30)) },
                              now: at(day(2026, 10, 12), 8, 0))
        XCTAssertEqual(report.monthly.map(\.scope), [.month(year: 2026, month: 9), .month(year: 2026, month: 10)])
        XCTAssertEqual(report.monthly.map { $0.weeks.map(\.monday) }, [[day(2026, 9, 28)], [day(2026, 10, 5)]])
    }

    func testProfilesCarryTheNumbersOfTheSeeds() {
        let school = OpeningPolicy.preset(.primarySecondary)
        XCTAssertTrue(school.openEverySchoolDay)
        XCTAssertEqual(school.minimumClassHoursPerWeek, 10)
        XCTAssertEqual(school.minimumOutsideLessonMinutesPerDay, 20)
        XCTAssertNil(school.minimumMinutesPerSchoolDay)
        XCTAssertFalse(school.prorateShortWeeks)
        XCTAssertEqual(OpeningPolicy.preset(.university).minimumMinutesPerSchoolDay, 360)
        XCTAssertEqual(OpeningPolicy.Profile.primarySecondary.rawValue, "primary-secondary")
        XCTAssertEqual(school.requiredSeconds(forWeekWith: 5, classHourMinutes: 40), 400 * 60)
        XCTAssertNil(school.requiredSeconds(forWeekWith: 0, classHourMinutes: 45))
    }

    func testEditedPolicyOutOfRangeIsRejected() {
        var policy = OpeningPolicy.primarySecondary
        policy.minimumClassHoursPerWeek = 100
        XCTAssertEqual(policy.validate(), [.outOfRange(.weeklyClassHours, lowest: 0, highest: 60)])
        XCTAssertEqual(OpeningPolicy.university.validate(), [])
    }

    func testReportRoundTripsThroughCodable() throws {
        let report = evaluate(day(2026, 9, 14), day(2026, 9, 20), shifts: [
            shift("s-1", dutyTeacher, span(day(2026, 9, 15), 12, 0, 13, 0)),
        ], checkIns: [checkIn("c-1", dutyTeacher, span(day(2026, 9, 14), 12, 0, 13, 0))],
           now: at(day(2026, 9, 21), 8, 0))
        XCTAssertEqual(try roundTrip(report).decoded, report)
    }
}
