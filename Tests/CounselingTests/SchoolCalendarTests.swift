import Counseling
import XCTest

final class SchoolCalendarTests: XCTestCase {
    let calendar = autumn2026()

    func testWeekWithMakeUpSundayCountsSixSchoolDays() {
        XCTAssertEqual(calendar.schoolDays(inWeekOf: day(2026, 9, 16)),
                       [day(2026, 9, 14), day(2026, 9, 15), day(2026, 9, 16), day(2026, 9, 17),
                        day(2026, 9, 18), day(2026, 9, 20)])
    }

    func testWeekWithNationalDayAndMakeUpSaturdayCountsThreeSchoolDays() {
        XCTAssertEqual(calendar.schoolDays(inWeekOf: day(2026, 10, 5)),
                       [day(2026, 10, 8), day(2026, 10, 9), day(2026, 10, 10)])
    }

    func testMidAutumnFridayIsNoSchoolDay() {
        XCTAssertEqual(calendar.schoolDays(inWeekOf: day(2026, 9, 21)).count, 4)
        XCTAssertEqual(calendar.kind(of: day(2026, 9, 25)),
                       .holiday(LocalizedText(zh: "中秋节", en: "Mid-Autumn Festival")))
    }

    func testDayKindsAcrossTheCalendar() {
        XCTAssertEqual(calendar.kind(of: day(2026, 9, 20)), .makeUpWorkday)
        XCTAssertEqual(calendar.kind(of: day(2026, 9, 19)), .weekend)
        XCTAssertEqual(calendar.kind(of: day(2026, 9, 21)), .schoolDay)
        XCTAssertEqual(calendar.kind(of: day(2026, 8, 31)), .outsideTerm)
        XCTAssertEqual(calendar.kind(of: day(2027, 1, 25)), .outsideTerm)
        XCTAssertFalse(calendar.isSchoolDay(day(2026, 10, 1)))
        XCTAssertTrue(calendar.isSchoolDay(day(2026, 10, 10)))
    }

    func testTermHasTwentyOneTeachingWeeks() {
        let weeks = calendar.teachingWeeks(of: calendar.terms[0])
        XCTAssertEqual(weeks.count, 21)
        XCTAssertEqual(weeks.first, day(2026, 8, 31))
        XCTAssertEqual(weeks.last, day(2027, 1, 18))
    }

    func testLessonsFollowTheClassHourLengthSetting() {
        let secondary = Timetable.juniorHighExample.lessons(on: day(2026, 9, 14))
        XCTAssertEqual(secondary.count, 7)
        XCTAssertEqual(secondary[2], span(day(2026, 9, 14), 10, 10, 10, 55))
        let primary = Timetable(classHourMinutes: 40, starts: [time(8, 0), time(8, 50)])
        XCTAssertEqual(primary.lessons(on: day(2026, 9, 14)),
                       [span(day(2026, 9, 14), 8, 0, 8, 40), span(day(2026, 9, 14), 8, 50, 9, 30)])
        XCTAssertEqual(primary.validate(), [])
    }

    func testTimetableWithOverlappingPeriodsOrOddClassHourIsRejected() {
        let overlapping = Timetable(classHourMinutes: 45, starts: [time(8, 0), time(8, 40)])
        XCTAssertEqual(overlapping.validate(), [.overlapping(.lessonPeriod)])
        let odd = Timetable(classHourMinutes: 90, starts: [time(8, 0)])
        XCTAssertEqual(odd.validate(), [.outOfRange(.classHourLength, lowest: 30, highest: 60)])
    }

    func testOverlappingTermsAreRejected() {
        var edited = calendar
        edited.terms.append(SchoolCalendar.Term(name: "2027年春季学期", first: day(2027, 1, 20), last: day(2027, 7, 2)))
        XCTAssertEqual(edited.validate(), [.overlapping(.term)])
        XCTAssertEqual(calendar.validate(), [])
    }

    func testCalendarRoundTripsThroughCodable() throws {
        XCTAssertEqual(try roundTrip(calendar).decoded, calendar)
    }
}
