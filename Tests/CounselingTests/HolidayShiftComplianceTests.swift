import Counseling
import XCTest

/// A shift left on the roster for a day students are not at school asks
/// nothing of anyone (issue 15): hand-computed weeks of the autumn term
/// 2026, 45-minute class hours (10 class hours = 450 minutes).
final class HolidayShiftComplianceTests: XCTestCase {
    let calendar = autumn2026()

    /// The Mid-Autumn week: school Monday 21 to Thursday 24 September; Friday
    /// 25 is the holiday, Saturday 26 and Sunday 27 too. The roster still has
    /// lunch duty every weekday and one on the Saturday; nobody came on
    /// either. Each school day is open 12:00–13:30 (90 min) and 16:40–17:40
    /// (60 min): 4 × 150 = 600 minutes ≥ 450, the week is met, and the
    /// four school-day shifts are covered. No gap, no violation.
    func testAShiftOnThePublicHolidayIsNoGap() throws {
        let schoolDays = (21...24).map { day(2026, 9, $0) }
        let rostered = (21...26).map { day(2026, 9, $0) }
        let shifts = rostered.map { shift("lunch-\($0)", dutyTeacher, span($0, 12, 0, 13, 30)) }
        let checkIns = schoolDays.flatMap { d in [
            checkIn("lunch-\(d)", dutyTeacher, span(d, 12, 0, 13, 30)),
            checkIn("after-\(d)", secondDutyTeacher, span(d, 16, 40, 17, 40)),
        ] }
        let report = Compliance.evaluate(from: day(2026, 9, 21), through: day(2026, 9, 27), calendar: calendar,
                                         policy: .primarySecondary, shifts: shifts, checkIns: checkIns,
                                         now: at(day(2026, 9, 28), 8, 0))
        XCTAssertEqual(report.days.map(\.day), schoolDays)
        XCTAssertEqual(report.days.map(\.status), [.met, .met, .met, .met])
        XCTAssertEqual(report.weeks.first?.openSeconds, 600 * 60)
        XCTAssertEqual(report.weeks.first?.met, true)
        XCTAssertEqual(report.shifts.map(\.shift.day), schoolDays, "the holiday and Saturday shifts are not judged")
        XCTAssertEqual(report.shifts.map(\.coverage), [.covered, .covered, .covered, .covered])
        XCTAssertEqual(report.violations, [])
        XCTAssertEqual(report.termly.first?.violations, 0)
    }

    /// The week before: Saturday 19 September is a weekend day, Sunday 20 a
    /// make-up school day (调休). Both have a lunch shift nobody took up: the
    /// Saturday one is nothing, the Sunday one is a gap, and the Sunday was
    /// unstaffed. (The week's Monday to Friday lie outside the period, so
    /// the week itself is not judged.)
    func testAWeekendShiftIsNoGapButAMakeUpSchoolDayShiftIs() {
        let saturday = day(2026, 9, 19), sunday = day(2026, 9, 20)
        let sundayShift = shift("sun", dutyTeacher, span(sunday, 12, 0, 13, 30))
        let report = Compliance.evaluate(from: saturday, through: sunday, calendar: calendar, policy: .primarySecondary,
                                         shifts: [shift("sat", dutyTeacher, span(saturday, 12, 0, 13, 30)), sundayShift],
                                         checkIns: [], now: at(day(2026, 9, 21), 8, 0))
        XCTAssertEqual(report.days.map(\.day), [sunday])
        XCTAssertEqual(report.days.map(\.status), [.unstaffed])
        XCTAssertEqual(report.violations, [
            ComplianceViolation(day: sunday, kind: .notOpen(.unstaffed)),
            ComplianceViolation(day: sunday, kind: .unstaffedShift(PlannedShiftID("sun"), person: dutyTeacher, span: sundayShift.span)),
        ])
    }

    /// A shift on a day outside every term (the winter break) is no gap either.
    func testAShiftOutsideTheTermIsNoGap() {
        let breakDay = day(2027, 2, 1)
        let report = Compliance.evaluate(from: breakDay, through: breakDay, calendar: calendar, policy: .primarySecondary,
                                         shifts: [shift("break", dutyTeacher, span(breakDay, 12, 0, 13, 30))],
                                         checkIns: [], now: at(day(2027, 2, 2), 8, 0))
        XCTAssertEqual(report.days, [])
        XCTAssertEqual(report.shifts, [])
        XCTAssertEqual(report.violations, [])
    }
}
