import Counseling
import XCTest

/// The rules of an edited duty roster and of weekly patterns, against the
/// autumn term 2026 (Mid-Autumn 25–27 September, National Day 1–7 October,
/// make-up school days Sunday 20 September and Saturday 10 October).
final class DutyRosterTests: XCTestCase {
    let calendar = autumn2026()
    let now = at(day(2026, 9, 14), 8, 0)

    func testAShiftOnASchoolDayAheadFits() {
        XCTAssertNil(DutyRoster.problem(adding: shift("a", dutyTeacher, span(day(2026, 9, 15), 12, 0, 13, 30)), to: [],
                                        calendar: calendar, now: now))
        XCTAssertNil(DutyRoster.problem(adding: shift("m", dutyTeacher, span(day(2026, 9, 20), 12, 0, 13, 30)), to: [],
                                        calendar: calendar, now: now), "a make-up Sunday is a school day")
    }

    func testAShiftOnAHolidayOrWeekendIsRefusedNamingTheDay() throws {
        let midAutumn = shift("h", dutyTeacher, span(day(2026, 9, 25), 12, 0, 13, 30))
        let problem = try XCTUnwrap(DutyRoster.problem(adding: midAutumn, to: [], calendar: calendar, now: now) as? RosterError)
        XCTAssertEqual(problem, .notASchoolDay(day(2026, 9, 25), .holiday(LocalizedText(zh: "中秋节", en: "Mid-Autumn Festival"))))
        XCTAssertEqual(problem.message.zh, "2026-09-25（中秋节）不是上课日，不排值班：请选上课日（调休上课日也可以）。")
        XCTAssertEqual(problem.message.en,
                       "2026-09-25 (Mid-Autumn Festival) is not a school day, so no duty is planned: choose a school day (a make-up school day works too).")
        let saturday = shift("w", dutyTeacher, span(day(2026, 9, 19), 12, 0, 13, 30))
        XCTAssertEqual(DutyRoster.problem(adding: saturday, to: [], calendar: calendar, now: now) as? RosterError,
                       .notASchoolDay(day(2026, 9, 19), .weekend))
    }

    func testAnOverlapWithTheSamePersonIsRefusedAnotherPersonIsFine() {
        let tuesday = day(2026, 9, 15)
        let lunch = shift("lunch", dutyTeacher, span(tuesday, 12, 0, 13, 30))
        let late = shift("late", dutyTeacher, span(tuesday, 13, 0, 14, 0))
        XCTAssertEqual(DutyRoster.problem(adding: late, to: [lunch], calendar: calendar, now: now) as? RosterError,
                       .overlapsShift(lunch.span))
        XCTAssertNil(DutyRoster.problem(adding: shift("x", secondDutyTeacher, late.span), to: [lunch], calendar: calendar, now: now))
        XCTAssertNil(DutyRoster.problem(adding: shift("next", dutyTeacher, span(tuesday, 13, 30, 14, 0)), to: [lunch],
                                        calendar: calendar, now: now), "back to back is no overlap")
        XCTAssertNil(DutyRoster.problem(adding: late, to: [shift("late", dutyTeacher, lunch.span)], calendar: calendar, now: now),
                     "a moved shift does not clash with its own earlier version")
    }

    func testAShiftInThePastIsRefusedAndOneThatBegunCannotChange() {
        let monday = shift("m", dutyTeacher, span(day(2026, 9, 14), 7, 0, 7, 30))
        XCTAssertEqual(DutyRoster.problem(adding: monday, to: [], calendar: calendar, now: now) as? ValidationError, .inPast(.date))
        XCTAssertEqual(DutyRoster.problem(changing: monday, now: now), .alreadyBegun(monday.span))
        XCTAssertNil(DutyRoster.problem(changing: shift("l", dutyTeacher, span(day(2026, 9, 14), 12, 0, 13, 0)), now: now))
    }

    /// Thursdays from 14 September to 15 October: 17 and 24 September, 1
    /// October is National Day, then 8 and 15 October.
    func testAWeeklyPatternPlansItsWeekdaysSchoolDaysOnly() {
        let pattern = WeeklyDutyPattern(weekday: .thursday, start: time(12, 0), end: time(13, 30), person: dutyTeacher,
                                        first: day(2026, 9, 14), last: day(2026, 10, 15))
        XCTAssertEqual(pattern.validate(today: now.day), [])
        XCTAssertEqual(pattern.days(in: calendar, now: now),
                       [day(2026, 9, 17), day(2026, 9, 24), day(2026, 10, 8), day(2026, 10, 15)])
        var n = 0
        let shifts = pattern.shifts(on: [day(2026, 9, 17)], newID: { n += 1; return PlannedShiftID("p\(n)") })
        XCTAssertEqual(shifts, [shift("p1", dutyTeacher, span(day(2026, 9, 17), 12, 0, 13, 30))])
    }

    func testAWeeklyPatternLeavesOutTodaysShiftOnceItBegan() {
        let pattern = WeeklyDutyPattern(weekday: .monday, start: time(12, 0), end: time(13, 30), person: dutyTeacher,
                                        first: day(2026, 9, 14), last: day(2026, 9, 21))
        XCTAssertEqual(pattern.days(in: calendar, now: now), [day(2026, 9, 14), day(2026, 9, 21)])
        XCTAssertEqual(pattern.days(in: calendar, now: at(day(2026, 9, 14), 12, 30)), [day(2026, 9, 21)])
    }

    func testAPatternWithItsDatesOrTimesBackwardsIsRefused() {
        let backwards = WeeklyDutyPattern(weekday: .monday, start: time(13, 30), end: time(12, 0), person: dutyTeacher,
                                          first: day(2026, 9, 1), last: day(2026, 8, 1))
        XCTAssertEqual(backwards.validate(today: now.day), [.endNotAfterStart(.time), .endNotAfterStart(.date), .inPast(.date)])
    }

    func testAWeekdayIsReadAsTeachersTypeIt() throws {
        for text in ["1", "周一", "星期一", "一", "Mon", "monday", " Monday "] {
            XCTAssertEqual(try WeeklyDutyPattern.weekday(text), .monday, text)
        }
        XCTAssertEqual(try WeeklyDutyPattern.weekday("周日"), .sunday)
        XCTAssertEqual(try WeeklyDutyPattern.weekday("星期天"), .sunday)
        XCTAssertEqual(try WeeklyDutyPattern.weekday("5"), .friday)
        XCTAssertThrowsError(try WeeklyDutyPattern.weekday("8")) {
            XCTAssertEqual(($0 as? ValidationError)?.message.zh, "星期无法识别，可填写：1–7 或 周一 … 周日")
        }
        XCTAssertThrowsError(try WeeklyDutyPattern.weekday("")) { XCTAssertEqual($0 as? ValidationError, .empty(.weekday)) }
    }
}
