import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// The appointment register at the store's write boundary: a booking names
/// a counselor and a purpose, is for a time still ahead, inside the room's
/// opening hours (its duty shifts on school days) unless confirmed, and a
/// second booking at one time is saved with a warning while a third is
/// refused. The bundled calendar: Monday 14 September 2026 is a school day.
final class AppointmentBookingStoreTests: XCTestCase {
    let now = Fixture.at(Fixture.day(2026, 9, 14), 8)   // a Monday morning
    let tuesday = Fixture.day(2026, 9, 15)
    let pupil = StudentID("s1")

    /// A store with the duty teacher on Tuesday 12:00–13:30.
    func store() throws -> Store {
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四"), Fixture.student(3, name: "王五")],
                                      at: now)
        try store.execute(.addShift(PlannedShift(id: PlannedShiftID("lunch"), person: Fixture.duty,
                                                 span: TimeSpan(on: tuesday, from: TimeOfDay(hour: 12, minute: 0)!,
                                                                to: TimeOfDay(hour: 13, minute: 30)!))), as: .head, at: now)
        return store
    }

    func booking(_ id: String, _ hour: Int, _ minute: Int, student: StudentID? = nil, on day: Day? = nil,
                 counselor: StaffID? = Fixture.counselor, purpose: String = "学习压力") -> Appointment {
        let start = Fixture.at(day ?? tuesday, hour, minute)
        return Appointment(id: AppointmentID(id), student: student ?? pupil, requestedBy: .student, channel: .phone,
                           slot: TimeSpan(start: start, end: start.adding(minutes: 30)), counselor: counselor,
                           purpose: purpose, statusChangedAt: now)
    }

    func refused(_ store: Store, _ command: StoreCommand, file: StaticString = #filePath, line: UInt = #line,
                 _ check: (Error) -> Void) throws {
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(command, as: .duty, at: now), file: file, line: line, check)
        XCTAssertEqual(try store.snapshot(), before, "nothing written", file: file, line: line)
    }

    func testABookingInsideTheOpeningHoursIsSavedWithItsCounselorPurposeAndChannel() throws {
        let store = try store()
        let outcome = try store.execute(.bookAppointment(booking("a1", 12, 20)), as: .duty, at: now)
        XCTAssertNil(outcome.doubleBooked)
        let stored = try XCTUnwrap(try store.record(Appointment.self, id: AppointmentID("a1")))
        XCTAssertEqual(stored.counselor, Fixture.counselor)
        XCTAssertEqual(stored.purpose, "学习压力")
        XCTAssertEqual(stored.channel, .phone)
    }

    func testABookingInThePastIsRefusedEvenWhenConfirmed() throws {
        let store = try store()
        // 03:00 on the Friday before: a past date and a night hour.
        let past = booking("a1", 3, 0, on: Fixture.day(2026, 9, 11))
        try refused(store, .bookAppointment(past, outsideHoursConfirmed: true)) {
            XCTAssertEqual($0 as? AppointmentBookingProblem, .inPast(past.slot))
            let message = ($0 as? AppointmentBookingProblem)?.message
            XCTAssertEqual(message?.zh, "预约时间 2026-09-11 03:00–03:30 已经过去，不能预约过去的时间，请检查日期和时间")
            XCTAssertTrue(message?.en.contains("cannot be booked in the past") ?? false)
        }
        // Earlier today is past too.
        try refused(store, .bookAppointment(booking("a2", 7, 30, on: now.day))) {
            guard case .inPast? = $0 as? AppointmentBookingProblem else { return XCTFail("\($0)") }
        }
    }

    func testOutsideTheOpeningHoursIsRefusedUnlessConfirmed() throws {
        let store = try store()
        let evening = booking("a1", 19, 0)
        try refused(store, .bookAppointment(evening)) {
            XCTAssertEqual($0 as? AppointmentBookingProblem,
                           .outsideOpeningHours(evening.slot, open: [TimeSpan(on: tuesday, from: TimeOfDay(hour: 12, minute: 0)!,
                                                                                to: TimeOfDay(hour: 13, minute: 30)!)]))
            XCTAssertTrue(($0 as? AppointmentBookingProblem)?.message.zh.contains("当天开放 12:00–13:30") ?? false, "\($0)")
        }
        // Running past the end of the shift is outside too.
        try refused(store, .bookAppointment(booking("a2", 13, 15))) {
            guard case .outsideOpeningHours? = $0 as? AppointmentBookingProblem else { return XCTFail("\($0)") }
        }
        // A day nobody is on duty: the room is not open at all.
        try refused(store, .bookAppointment(booking("a3", 12, 20, on: Fixture.day(2026, 9, 16)))) {
            XCTAssertTrue(($0 as? AppointmentBookingProblem)?.message.zh.contains("没有安排值班") ?? false, "\($0)")
        }
        // Confirmed by the teacher: saved, and the audit entry says so.
        try store.execute(.bookAppointment(evening, outsideHoursConfirmed: true), as: .duty, at: now)
        XCTAssertNotNil(try store.record(Appointment.self, id: evening.id))
        XCTAssertTrue(try store.auditEntries().last?.detail.contains("outside-hours-confirmed") ?? false)
    }

    func testASecondBookingAtOneTimeIsSavedWithAWarningAndAThirdIsRefused() throws {
        let store = try store()
        let first = booking("a1", 12, 20)
        try store.execute(.bookAppointment(first), as: .duty, at: now)
        // Another student at an overlapping time, with the same counselor: saved, naming the first.
        let second = try store.execute(.bookAppointment(booking("a2", 12, 30, student: StudentID("s2"))), as: .duty, at: now)
        XCTAssertEqual(second.doubleBooked?.id, first.id)
        // A third in that slot, even with another counselor, is refused.
        try refused(store, .bookAppointment(booking("a3", 12, 35, student: StudentID("s3"), counselor: Fixture.counselor2))) {
            XCTAssertEqual($0 as? AppointmentBookingProblem, .slotFull(self.booking("a3", 12, 35).slot, booked: 2))
        }
        // Once one of the two is cancelled, the slot takes a booking again.
        let confirmed = try first.moved(to: .cancelled, at: now)
        try store.execute(.moveAppointment(confirmed, basedOn: first), as: .counselor, at: now)
        let third = try store.execute(.bookAppointment(booking("a3", 12, 35, student: StudentID("s3"), counselor: Fixture.counselor2)),
                                      as: .duty, at: now)
        XCTAssertEqual(third.doubleBooked?.id, AppointmentID("a2"))
        // Back to back is no double booking.
        XCTAssertNil(try store.execute(.bookAppointment(booking("a4", 12, 0, student: StudentID("s2"))), as: .duty, at: now).doubleBooked)
    }

    func testABookingNamesACounselorAndAPurpose() throws {
        let store = try store()
        try refused(store, .bookAppointment(booking("a1", 12, 20, counselor: nil))) {
            XCTAssertEqual($0 as? StoreError, .invalid([.empty(.counselor)]))
        }
        try refused(store, .bookAppointment(booking("a1", 12, 20, counselor: Fixture.duty))) {
            XCTAssertEqual($0 as? AppointmentBookingProblem, .notACounselor)
        }
        try refused(store, .bookAppointment(booking("a1", 12, 20, purpose: "  "))) {
            XCTAssertEqual($0 as? StoreError, .invalid([.empty(.purpose)]))
        }
    }
}
