@testable import Counseling
import XCTest

/// One rounding for class hours everywhere: cut, never rounded across the
/// requirement; a week short of it never reads equal to it.
final class ClassHoursTests: XCTestCase {
    private func week(open: Int, required: Int?, classHour: Int = 45) -> WeekCompliance {
        WeekCompliance(monday: Day(year: 2026, month: 10, day: 5)!, schoolDays: 5, evaluatedDays: 5, openSeconds: open * 60,
                       requiredSeconds: required.map { $0 * 60 }, isComplete: true, classHourMinutes: classHour)
    }

    func testFiguresAreCutNotRoundedUp() {
        XCTAssertEqual(ClassHours.text(seconds: 449 * 60, classHourMinutes: 45), "9.9", "449 minutes is 9.98 class hours")
        XCTAssertEqual(ClassHours.text(seconds: 450 * 60, classHourMinutes: 45), "10.0")
        XCTAssertEqual(ClassHours.text(seconds: 399 * 60, classHourMinutes: 40), "9.9", "primary school: 40-minute lessons")
        XCTAssertEqual(ClassHours.text(seconds: 0, classHourMinutes: 45), "0.0")
        XCTAssertEqual(ClassHours.text(hours: 15.09), "15.0")
        XCTAssertEqual(ClassHours.text(hours: 9.999), "9.9")
    }

    func testAWeekShortOfItsRequirementNeverReadsEqualToIt() {
        let short = ClassHours.week(week(open: 449, required: 450))
        XCTAssertEqual(short.open, "9.9")
        XCTAssertEqual(short.required, "10.0")
        // 400 of 45-minute hours is 8.88…; 399 minutes is 8.86…: both cut
        // to 8.8, so the short week gets a second decimal.
        let close = ClassHours.week(week(open: 399, required: 400))
        XCTAssertEqual(close.open, "8.86")
        XCTAssertEqual(close.required, "8.88")
        let met = ClassHours.week(week(open: 400, required: 400))
        XCTAssertEqual(met.open, "8.8")
        XCTAssertEqual(met.required, "8.8")
        XCTAssertNil(ClassHours.week(week(open: 300, required: nil)).required)
    }
}
