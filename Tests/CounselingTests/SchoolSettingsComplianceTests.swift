import Counseling
import XCTest

/// Each setting of the school file changes what the compliance view
/// computes, by hand: the week of Monday 2026-11-09 has five school days;
/// the example timetable's lunch (11:50–14:00) is outside lessons.
final class SchoolSettingsComplianceTests: XCTestCase {
    let monday = day(2026, 11, 9)
    var week: [Day] { (0..<5).map { monday.adding(days: $0) } }
    var nextMonday: LocalDateTime { at(monday.adding(days: 7), 8, 0) }

    func evaluate(_ calendar: SchoolCalendar, policy: OpeningPolicy = .primarySecondary, _ checkIns: [DutyCheckIn],
                  from first: Day? = nil, through last: Day? = nil, now: LocalDateTime? = nil) -> ComplianceReport {
        Compliance.evaluate(from: first ?? monday, through: last ?? monday.adding(days: 6), calendar: calendar, policy: policy,
                            shifts: [], checkIns: checkIns, now: now ?? nextMonday)
    }

    /// 12:00 to 12:00 + `minutes` on each day.
    func lunch(_ days: [Day], minutes: Int) -> [DutyCheckIn] {
        days.map { d in checkIn("lunch-\(d)", dutyTeacher, TimeSpan(start: at(d, 12, 0), end: at(d, 12, 0).adding(minutes: minutes))) }
    }

    func testFortyMinuteLessonsMakeTenClassHoursFourHundredMinutes() throws {
        let primary = Timetable(classHourMinutes: 40, starts: [time(8, 0), time(8, 50), time(9, 50), time(10, 40),
                                                               time(14, 0), time(14, 50), time(15, 40)], stage: .primary)
        let report = evaluate(autumn2026(timetable: primary), lunch(week, minutes: 80))
        let w = try XCTUnwrap(report.weeks.first)
        XCTAssertEqual(w.openSeconds, 400 * 60)
        XCTAssertEqual(w.requiredSeconds, 400 * 60, "10 class hours of 40 minutes")
        XCTAssertEqual(w.classHours, 10.0)
        XCTAssertEqual(w.met, true)
        XCTAssertEqual(report.violations, [])
        // The same 400 minutes against 45-minute lessons fall short.
        let secondary = evaluate(autumn2026(), lunch(week, minutes: 80))
        XCTAssertEqual(secondary.weeks.first?.requiredSeconds, 450 * 60)
        XCTAssertEqual(secondary.violations.map(\.kind), [.weekBelowMinimum(openMinutes: 400, requiredMinutes: 450, classHourMinutes: 45)])
    }

    func testAShortWeekNeedsTheFullMinimumOrAShareByItsSchoolDays() throws {
        // National Day week: school days Thursday 8, Friday 9 and the make-up Saturday 10 October.
        let days = [day(2026, 10, 8), day(2026, 10, 9), day(2026, 10, 10)]
        func report(share: Bool) -> ComplianceReport {
            var policy = OpeningPolicy.primarySecondary
            policy.prorateShortWeeks = share
            return Compliance.evaluate(from: day(2026, 10, 5), through: day(2026, 10, 11), calendar: autumn2026(), policy: policy,
                                       shifts: [], checkIns: lunch(days, minutes: 90), now: at(day(2026, 10, 12), 8, 0))
        }
        let shared = report(share: true)
        XCTAssertEqual(shared.weeks.first?.requiredSeconds, 270 * 60, "450 minutes × 3 / 5")
        XCTAssertEqual(shared.weeks.first?.met, true)
        let full = report(share: false)
        XCTAssertEqual(full.weeks.first?.requiredSeconds, 450 * 60)
        XCTAssertEqual(full.violations.map(\.kind), [.weekBelowMinimum(openMinutes: 270, requiredMinutes: 450, classHourMinutes: 45)])
    }

    func testAnExtraHolidayIsNoSchoolDay() throws {
        let open = lunch(week.filter { $0 != day(2026, 11, 11) }, minutes: 90)
        XCTAssertEqual(evaluate(autumn2026(), open).violations.map(\.day), [day(2026, 11, 9), day(2026, 11, 11)],
                       "without it: the week falls short (dated Monday) and Wednesday is closed")
        var calendar = autumn2026()
        calendar.holidays.append(SchoolCalendar.Holiday(name: LocalizedText(zh: "校庆日", en: "school anniversary"),
                                                        first: day(2026, 11, 11), last: day(2026, 11, 11)))
        let report = evaluate(calendar, open)
        XCTAssertEqual(report.days.map(\.day), week.filter { $0 != day(2026, 11, 11) })
        XCTAssertEqual(report.weeks.first?.schoolDays, 4)
        XCTAssertEqual(report.weeks.first?.openSeconds, 360 * 60)
        XCTAssertEqual(report.violations.map(\.kind), [.weekBelowMinimum(openMinutes: 360, requiredMinutes: 450, classHourMinutes: 45)])
    }

    func testAMakeUpSchoolDayMustOpen() throws {
        var calendar = autumn2026()
        let saturday = day(2026, 11, 14)
        XCTAssertEqual(evaluate(calendar, lunch(week, minutes: 90)).violations, [])
        calendar.makeUpWorkdays.append(saturday)
        let report = evaluate(calendar, lunch(week, minutes: 90))
        XCTAssertEqual(report.days.last?.day, saturday)
        XCTAssertEqual(report.days.last?.isMakeUpWorkday, true)
        XCTAssertEqual(report.weeks.first?.schoolDays, 6)
        XCTAssertEqual(report.violations, [ComplianceViolation(day: saturday, kind: .notOpen(.closed))])
    }

    func testOnADayWithoutClassesTheWholeDayIsOutsideLessons() throws {
        // 10:10–11:00 is the third lesson on an ordinary day.
        let wednesday = day(2026, 11, 11), thursday = day(2026, 11, 12)
        let morning = [wednesday, thursday].map { checkIn("m-\($0)", dutyTeacher, span($0, 10, 10, 11, 0)) }
        var calendar = autumn2026()
        calendar.daysWithoutClasses = [SchoolCalendar.Holiday(name: LocalizedText(zh: "期中考试", en: "midterm exams"),
                                                              first: thursday, last: thursday)]
        let report = evaluate(calendar, morning, from: wednesday, through: thursday)
        XCTAssertEqual(report.days.map(\.outsideLessonSeconds), [5 * 60, 50 * 60],
                       "Wednesday: only the five minutes after the lesson ends at 10:55")
        XCTAssertEqual(report.days.map(\.status), [.openOnlyDuringLessons, .met])
        XCTAssertEqual(calendar.lessons(on: thursday), [])
        XCTAssertEqual(calendar.lessons(on: wednesday).count, 7)
    }

    func testWhenLessonTimeDoesNotCountOnlyTimeOutsideLessonsMakesTheWeek() throws {
        // 08:00–08:45 is the first lesson; 12:00–13:00 is lunch: 105 minutes a day, 45 of them in a lesson.
        let open = week.flatMap { d in [checkIn("a-\(d)", dutyTeacher, span(d, 8, 0, 8, 45)),
                                        checkIn("b-\(d)", dutyTeacher, span(d, 12, 0, 13, 0))] }
        XCTAssertEqual(evaluate(autumn2026(), open).weeks.first?.openSeconds, 525 * 60)
        XCTAssertEqual(evaluate(autumn2026(), open).weeks.first?.met, true)
        var policy = OpeningPolicy.primarySecondary
        policy.lessonTimeCounts = false
        let strict = evaluate(autumn2026(), policy: policy, open)
        XCTAssertEqual(strict.weeks.first?.openSeconds, 300 * 60)
        XCTAssertEqual(strict.violations.map(\.kind), [.weekBelowMinimum(openMinutes: 300, requiredMinutes: 450, classHourMinutes: 45)])
    }

    func testWithSeveralStagesABreakOfOneStageIsOutsideLessons() {
        // Primary ends at 15:40; junior has a lesson 15:50–16:35.
        let primary = Timetable(classHourMinutes: 40, starts: [time(8, 0), time(14, 0), time(15, 0)], stage: .primary)
        var calendar = autumn2026(timetable: primary)
        calendar.otherTimetables = [Timetable(classHourMinutes: 45, starts: [time(8, 0), time(14, 0), time(15, 50)], stage: .junior)]
        let wednesday = day(2026, 11, 11)
        XCTAssertEqual(calendar.lessons(on: wednesday), [span(wednesday, 8, 0, 8, 40), span(wednesday, 14, 0, 14, 40)])
        let report = evaluate(calendar, [checkIn("c", dutyTeacher, span(wednesday, 15, 45, 16, 30))], from: wednesday, through: wednesday)
        XCTAssertEqual(report.days.first?.outsideLessonSeconds, 45 * 60)
        XCTAssertEqual(report.weeks.first?.classHourMinutes, 40, "the weekly minimum counts in the first stage's class hour")
    }

    // MARK: - where a report starts, and what the calendar does not cover

    func testAWeekAfterTheCalendarEndsIsNamedWithHowToFixIt() throws {
        var calendar = autumn2026()
        calendar.publicHolidayYears = [2026]
        let after = (25...29).map { day(2027, 1, $0) }
        let report = Compliance.evaluate(from: day(2027, 1, 18), through: day(2027, 1, 31), calendar: calendar,
                                         policy: .primarySecondary, shifts: [], checkIns: lunch(after, minutes: 90),
                                         firstRecorded: day(2026, 9, 1), now: at(day(2027, 2, 1), 8, 0))
        XCTAssertEqual(report.calendarGaps, [
            CalendarGap(first: day(2027, 1, 18), last: day(2027, 1, 22), reason: .publicHolidaysUnknown),
            CalendarGap(first: day(2027, 1, 23), last: day(2027, 1, 31), reason: .outsideTerms),
        ])
        // The week after the term is not silently "no school day": nothing
        // is judged there, and the report says why and what to do.
        XCTAssertEqual(report.days.map(\.day), (18...22).map { day(2027, 1, $0) })
        XCTAssertEqual(report.weeks.map(\.monday), [day(2027, 1, 18)])
        XCTAssertEqual(report.caveats.map(\.zh), [
            "校历缺少 2027 年的法定节假日，2027-01-18 – 2027-01-22 按普通上课日计算：请在 [[holiday]] 中补充节假日，并把 2027 写入 public_holiday_years。"
                + "请运行 xindesk school show > school.toml，编辑后运行 xindesk school apply school.toml",
            "校历未覆盖 2027-01-23 – 2027-01-31（不在任何已录入的学期内），这些天未计入合规：请补充学期（[[term]]）。"
                + "请运行 xindesk school show > school.toml，编辑后运行 xindesk school apply school.toml",
        ])
        XCTAssertTrue(report.caveats[1].en.hasPrefix("The calendar does not cover 2027-01-23 – 2027-01-31 (outside every term entered)"))
        XCTAssertTrue(report.caveats[1].en.hasSuffix("run xindesk school show > school.toml, edit it, then xindesk school apply school.toml"))
    }

    func testABreakBetweenTwoTermsIsKnownAndADayBeforeTheFirstIsNot() {
        var calendar = autumn2026()
        calendar.terms.append(SchoolCalendar.Term(name: "2027年春季学期", first: day(2027, 3, 1), last: day(2027, 7, 9)))
        calendar.publicHolidayYears = [2026, 2027]
        XCTAssertNil(calendar.gapReason(day(2027, 2, 10)), "the winter break")
        XCTAssertNil(calendar.gapReason(day(2026, 11, 9)))
        XCTAssertEqual(calendar.gapReason(day(2026, 8, 31)), .outsideTerms)
        XCTAssertEqual(calendar.gapReason(day(2027, 7, 12)), .outsideTerms)
    }

    func testComplianceStartsAtTheSchoolsFirstRecordedDay() throws {
        var calendar = autumn2026()
        calendar.publicHolidayYears = [2026]
        let firstWeek = (2...6).map { day(2026, 11, $0) }
        let fromTermStart = Compliance.evaluate(from: day(2026, 9, 1), through: day(2026, 11, 8), calendar: calendar,
                                                policy: .primarySecondary, shifts: [], checkIns: lunch(firstWeek, minutes: 90),
                                                now: at(day(2026, 11, 9), 8, 0))
        XCTAssertEqual(fromTermStart.violations.count, 40 + 9, "40 closed school days from 1 September and 9 weeks short")
        let report = Compliance.evaluate(from: day(2026, 9, 1), through: day(2026, 11, 8), calendar: calendar,
                                         policy: .primarySecondary, shifts: [], checkIns: lunch(firstWeek, minutes: 90),
                                         firstRecorded: day(2026, 11, 2), now: at(day(2026, 11, 9), 8, 0))
        XCTAssertEqual(report.first, day(2026, 11, 2))
        XCTAssertEqual(report.start, ComplianceStart(day: day(2026, 11, 2), reason: .firstRecord))
        XCTAssertEqual(report.days.map(\.day), firstWeek)
        XCTAssertEqual(report.weeks.first?.openSeconds, 450 * 60)
        XCTAssertEqual(report.violations, [])
        XCTAssertEqual(report.caveats.map(\.zh), ["合规自 2026-11-02 起计算：这是本校最早的值班、排班或来访记录日，此前的日子不计"])
        XCTAssertEqual(report.caveats.map(\.en), ["Compliance counts from 2026-11-02, the school's first recorded duty, shift or visit; earlier days are not judged"])
    }

    func testAStartLaterThanTheFirstRecordAndANewSchoolWithNothingRecorded() throws {
        XCTAssertEqual(ComplianceStart.resolve(requested: day(2026, 11, 2), firstRecorded: day(2026, 9, 1), today: day(2026, 11, 9)),
                       ComplianceStart(day: day(2026, 11, 2), reason: .requested))
        var calendar = autumn2026()
        calendar.publicHolidayYears = [2026]
        let report = Compliance.evaluate(from: day(2026, 9, 1), through: day(2026, 11, 9), calendar: calendar,
                                         policy: .primarySecondary, shifts: [], checkIns: [], firstRecorded: nil,
                                         now: at(day(2026, 11, 9), 8, 0))
        XCTAssertEqual(report.start?.reason, .nothingRecorded)
        XCTAssertEqual(report.days.map(\.day), [day(2026, 11, 9)])
        XCTAssertEqual(report.days.first?.inProgress, true)
        XCTAssertEqual(report.violations, [], "a new school has no violation on its first day")
        XCTAssertEqual(report.caveats.map(\.en), ["No duty, shift or visit is recorded yet; compliance counts from the first one"])
    }
}
