import Counseling
import Foundation
import XCTest

final class TimeValuesTests: XCTestCase {
    func testMakeUpDaysOf2026FallOnTheWeekdaysOfTheStateCouncilNotice() {
        XCTAssertEqual(day(2026, 9, 20).weekday, .sunday)
        XCTAssertEqual(day(2026, 10, 10).weekday, .saturday)
        XCTAssertEqual(day(2026, 9, 1).weekday, .tuesday)
        XCTAssertEqual(day(1970, 1, 1).weekday, .thursday)
        XCTAssertEqual(day(1969, 12, 31).weekday, .wednesday)
    }

    func testDayArithmeticCrossesMonthYearAndLeapDay() {
        XCTAssertEqual(day(2028, 2, 28).adding(days: 1), day(2028, 2, 29))
        XCTAssertEqual(day(2026, 2, 28).adding(days: 1), day(2026, 3, 1))
        XCTAssertEqual(day(2026, 12, 31).adding(days: 1), day(2027, 1, 1))
        XCTAssertEqual(day(2026, 9, 1).days(to: day(2027, 1, 22)), 143)
        XCTAssertEqual(Day(daysSinceEpoch: day(2026, 10, 10).daysSinceEpoch), day(2026, 10, 10))
        XCTAssertNil(Day(year: 2026, month: 2, day: 29))
        XCTAssertNil(Day(year: 2026, month: 13, day: 1))
    }

    func testTheRosterShowsTheWeekAheadFromSaturday() {
        XCTAssertEqual(day(2026, 12, 4).rosterWeek, day(2026, 11, 30), "Friday: this week")
        XCTAssertEqual(day(2026, 12, 5).rosterWeek, day(2026, 12, 7), "Saturday: the week ahead")
        XCTAssertEqual(day(2026, 12, 6).rosterWeek, day(2026, 12, 7), "Sunday: the week ahead")
        XCTAssertEqual(day(2026, 12, 7).rosterWeek, day(2026, 12, 7))
    }

    func testStartOfWeekIsMonday() {
        XCTAssertEqual(day(2026, 9, 20).startOfWeek, day(2026, 9, 14))
        XCTAssertEqual(day(2026, 9, 14).startOfWeek, day(2026, 9, 14))
        XCTAssertEqual(day(2026, 10, 10).startOfWeek, day(2026, 10, 5))
    }

    func testDayParsesTheFormsSchoolSpreadsheetsUse() throws {
        for text in ["2026-09-20", "2026/9/20", "2026.9.20", "2026年9月20日", "20260920", " ２０２６－０９－２０ "] {
            XCTAssertEqual(try Day.parse(text, field: .date), day(2026, 9, 20), text)
        }
        XCTAssertThrowsError(try Day.parse("2026-02-30", field: .date)) {
            XCTAssertEqual($0 as? ValidationError, .invalidDate(.date))
        }
        XCTAssertThrowsError(try Day.parse("20-9-2026", field: .date))
        XCTAssertThrowsError(try Day.parse("", field: .dueDate)) {
            XCTAssertEqual($0 as? ValidationError, .empty(.dueDate))
        }
    }

    func testTimeOfDayParsesColonsAndChineseUnits() throws {
        XCTAssertEqual(try TimeOfDay.parse("8:00", field: .start), time(8, 0))
        XCTAssertEqual(try TimeOfDay.parse("１２：１０", field: .start), time(12, 10))
        XCTAssertEqual(try TimeOfDay.parse("8点30分", field: .start), time(8, 30))
        XCTAssertEqual(try TimeOfDay.parse("8点", field: .start), time(8, 0))
        XCTAssertEqual(try TimeOfDay.parse("1740", field: .end), time(17, 40))
        XCTAssertEqual(try TimeOfDay.parse("08:00:30", field: .end), TimeOfDay(hour: 8, minute: 0, second: 30))
        XCTAssertEqual(try TimeOfDay.parse("下午4:30", field: .start), time(16, 30))
        XCTAssertEqual(try TimeOfDay.parse("上午12:05", field: .start), time(0, 5))
        XCTAssertEqual(try TimeOfDay.parse("中午12点10分", field: .start), time(12, 10))
        XCTAssertEqual(try TimeOfDay.parse("中午1:20", field: .start), time(13, 20))
        XCTAssertEqual(try TimeOfDay.parse("4:30 PM", field: .start), time(16, 30))
        XCTAssertEqual(try TimeOfDay.parse("8:15am", field: .start), time(8, 15))
        XCTAssertEqual(try TimeOfDay.parse("12:10 p.m.", field: .start), time(12, 10))
        XCTAssertThrowsError(try TimeOfDay.parse("下午16:30", field: .start), "a 24-hour time with a 12-hour mark is a typo")
        XCTAssertThrowsError(try TimeOfDay.parse("pm", field: .start))
        XCTAssertThrowsError(try TimeOfDay.parse("25:00", field: .end)) {
            XCTAssertEqual($0 as? ValidationError, .invalidTime(.end))
        }
        XCTAssertThrowsError(try TimeOfDay.parse("8:60", field: .end))
    }

    func testValuesEncodeAsSortableText() throws {
        let moment = LocalDateTime(day(2026, 9, 1), TimeOfDay(hour: 7, minute: 5, second: 9)!)
        XCTAssertEqual(try roundTrip(moment).json, #""2026-09-01T07:05:09""#)
        XCTAssertEqual(try roundTrip(moment).decoded, moment)
        XCTAssertEqual(try roundTrip(day(2026, 9, 1)).json, #""2026-09-01""#)
        XCTAssertEqual(try roundTrip(time(8, 55)).json, #""08:55""#)
        XCTAssertEqual(try roundTrip(StudentID("s-1")).json, #""s-1""#)
        XCTAssertThrowsError(try JSONDecoder().decode(Day.self, from: Data(#""2026-13-01""#.utf8)))
    }

    func testLocalDateTimeConvertsFromAndToDateInTheSchoolsTimeZone() {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        // 2026-09-20 00:30 UTC is 08:30 in Beijing.
        let instant = Date(timeIntervalSince1970: TimeInterval(day(2026, 9, 20).daysSinceEpoch * 86_400 + 1_800))
        let local = LocalDateTime(instant, in: shanghai)
        XCTAssertEqual(local, at(day(2026, 9, 20), 8, 30))
        XCTAssertEqual(local.date(in: shanghai), instant)
    }

    func testTwentyFourHundredEndsTheDay() {
        let moment = LocalDateTime(day(2026, 9, 1), .endOfDay)
        XCTAssertEqual(moment, at(day(2026, 9, 2), 0, 0))
        XCTAssertEqual(span(day(2026, 9, 1), 22, 0, 24, 0).seconds, 7200)
    }

    func testUnionOfOverlappingSpansCountsSharedTimeOnce() {
        let d = day(2026, 9, 15)
        let spans = [span(d, 12, 0, 13, 0), span(d, 12, 30, 13, 30), span(d, 16, 0, 16, 30), span(d, 13, 30, 14, 0)]
        XCTAssertEqual(TimeSpan.union(spans), [span(d, 12, 0, 14, 0), span(d, 16, 0, 16, 30)])
        XCTAssertEqual(TimeSpan.union(spans).reduce(0) { $0 + $1.seconds }, 150 * 60)
        XCTAssertEqual(span(d, 12, 0, 14, 0).subtracting([span(d, 12, 30, 13, 0), span(d, 13, 30, 15, 0)]),
                       [span(d, 12, 0, 12, 30), span(d, 13, 0, 13, 30)])
    }
}
