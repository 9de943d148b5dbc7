import Counseling
import XCTest

final class AppointmentTests: XCTestCase {
    let slotDay = day(2026, 9, 15)

    func booking(counselor assigned: StaffID? = counselor) -> Appointment {
        Appointment(id: AppointmentID("a-1"), student: StudentID("student-1"), requestedBy: .guardian,
                    channel: .phone, slot: span(slotDay, 16, 40, 17, 20), counselor: assigned,
                    statusChangedAt: at(day(2026, 9, 14), 9, 0))
    }

    func testNewBookingIsRequested() {
        XCTAssertEqual(booking().status, .requested)
        XCTAssertEqual(booking().validate(), [])
    }

    func testAppointmentGoesRequestedConfirmedDone() throws {
        let confirmed = try booking().moved(to: .confirmed, at: at(day(2026, 9, 14), 10, 0))
        XCTAssertEqual(confirmed.status, .confirmed)
        XCTAssertEqual(confirmed.statusChangedAt, at(day(2026, 9, 14), 10, 0))
        let done = try confirmed.moved(to: .done, at: at(slotDay, 17, 20))
        XCTAssertEqual(done.status, .done)
    }

    func testRequestedCannotJumpToDone() {
        XCTAssertThrowsError(try booking().moved(to: .done, at: at(slotDay, 17, 30))) {
            XCTAssertEqual($0 as? AppointmentError, .transitionNotAllowed(from: .requested, to: .done))
        }
    }

    func testFinalStatusesAllowNoFurtherChange() throws {
        let cancelled = try booking().moved(to: .cancelled, at: at(slotDay, 8, 0))
        for status in Appointment.Status.allCases {
            XCTAssertThrowsError(try cancelled.moved(to: status, at: at(slotDay, 9, 0)))
        }
        XCTAssertTrue(Appointment.Status.noShow.isFinal)
    }

    func testConfirmingNeedsACounselor() {
        XCTAssertThrowsError(try booking(counselor: nil).moved(to: .confirmed, at: at(slotDay, 8, 0))) {
            XCTAssertEqual($0 as? AppointmentError, .noCounselor)
            XCTAssertEqual(($0 as? AppointmentError)?.message.en, "Assign a counselor before confirming the appointment")
        }
    }

    func testNoShowOnlyOnceTheSlotHasBegun() throws {
        let confirmed = try booking().moved(to: .confirmed, at: at(slotDay, 8, 0))
        XCTAssertThrowsError(try confirmed.moved(to: .noShow, at: at(slotDay, 16, 39))) {
            XCTAssertEqual($0 as? AppointmentError, .slotNotStarted)
        }
        XCTAssertEqual(try confirmed.moved(to: .noShow, at: at(slotDay, 16, 40)).status, .noShow)
    }

    func testSameCounselorOverlappingSlotsClash() {
        var other = booking()
        other.id = AppointmentID("a-2")
        other.slot = span(slotDay, 17, 0, 17, 40)
        XCTAssertTrue(booking().clashes(with: other))
        other.counselor = secondCounselor
        XCTAssertFalse(booking().clashes(with: other))
        other.counselor = counselor
        other.slot = span(slotDay, 17, 20, 18, 0)
        XCTAssertFalse(booking().clashes(with: other), "back-to-back slots do not clash")
    }

    func testSlotMustEndAfterItStarts() {
        var record = booking()
        record.slot = span(slotDay, 17, 0, 16, 0)
        XCTAssertEqual(record.validate(), [.endNotAfterStart(.time)])
    }
}
