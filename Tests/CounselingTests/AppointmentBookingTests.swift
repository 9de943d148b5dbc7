import XCTest
@testable import Counseling

/// The booking rules as pure values: the opening spans joined, a final
/// appointment not counted, the same counselor's booking named first.
final class AppointmentBookingTests: XCTestCase {
    let day = Day(year: 2026, month: 11, day: 23)!
    let now = LocalDateTime(Day(year: 2026, month: 11, day: 20)!, TimeOfDay(hour: 16, minute: 30)!)

    func span(_ h: Int, _ m: Int, _ h2: Int, _ m2: Int) -> TimeSpan {
        TimeSpan(on: day, from: TimeOfDay(hour: h, minute: m)!, to: TimeOfDay(hour: h2, minute: m2)!)
    }

    func booking(_ id: String, _ slot: TimeSpan, counselor: String = "li") -> Appointment {
        Appointment(id: AppointmentID(id), student: StudentID("s-" + id), requestedBy: .student, channel: .inPerson, slot: slot,
                    counselor: StaffID(counselor), purpose: "学习压力", statusChangedAt: now)
    }

    func check(_ a: Appointment, booked: [Appointment] = [], open: [TimeSpan]) throws -> Appointment? {
        try AppointmentBooking.check(a, booked: booked, counselors: [StaffID("li"), StaffID("wang")], openHours: open,
                                     outsideHoursConfirmed: false, now: now)
    }

    /// Two shifts back to back keep the room open across the change of duty.
    func testASlotAcrossTwoAdjoiningShiftsIsInsideTheOpeningHours() throws {
        XCTAssertNil(try check(booking("a", span(13, 15, 13, 45)), open: [span(12, 0, 13, 30), span(13, 30, 14, 0)]))
        XCTAssertThrowsError(try check(booking("a", span(13, 15, 13, 45)), open: [span(12, 0, 13, 30), span(13, 35, 14, 0)])) {
            guard case .outsideOpeningHours? = $0 as? AppointmentBookingProblem else { return XCTFail("\($0)") }
        }
    }

    func testTheSameCounselorsBookingIsTheOneNamedAndFinalOnesDoNotCount() throws {
        let open = [span(12, 0, 14, 0)]
        let other = booking("b", span(12, 0, 12, 30), counselor: "wang")
        let mine = booking("c", span(12, 10, 12, 40))
        XCTAssertEqual(try check(booking("a", span(12, 20, 12, 50)), booked: [other], open: open)?.id, other.id)
        XCTAssertThrowsError(try check(booking("a", span(12, 20, 12, 50)), booked: [other, mine], open: open)) {
            XCTAssertEqual($0 as? AppointmentBookingProblem, .slotFull(self.span(12, 20, 12, 50), booked: 2))
        }
        let done = try mine.moved(to: .cancelled, at: now)
        XCTAssertEqual(try check(booking("a", span(12, 20, 12, 50)), booked: [other, done], open: open)?.id, other.id)
        XCTAssertEqual(try check(booking("a", span(12, 20, 12, 50)), booked: [mine], open: open)?.id, mine.id)
    }
}
