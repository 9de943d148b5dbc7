import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// Duty check-ins at the store: one's own, made now, one open a day; a
/// check-out on the day of its check-in only, so a shift left open
/// overnight stays a missing check-out and does not stop today's.
final class DutyCheckInStoreTests: XCTestCase {
    private let yesterday = Fixture.day(2026, 11, 2), today = Fixture.day(2026, 11, 3)

    private func checkIn(_ id: String, _ person: StaffID, at moment: LocalDateTime) -> StoreCommand {
        .checkIn(DutyCheckIn(id: DutyCheckInID(id), person: person, checkIn: moment))
    }

    func testYesterdaysOpenCheckInIsNotCheckedOutTodayAndDoesNotStopTodays() throws {
        let store = try Fixture.store(students: [])
        try store.execute(checkIn("c1", Fixture.duty, at: Fixture.at(yesterday, 12)), as: .duty, at: Fixture.at(yesterday, 12))
        let nextMorning = Fixture.at(today, 8)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.checkOut(DutyCheckInID("c1")), as: .duty, at: nextMorning)) {
            XCTAssertEqual($0 as? DutyProblem, .openFromEarlierDay(yesterday))
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertNil(try store.record(DutyCheckIn.self, id: DutyCheckInID("c1"))?.checkOut)
        XCTAssertEqual(try store.isOpen(DutyCheckIn.self, DutyCheckInID("c1")), true, "it stays a missing check-out")

        try store.execute(checkIn("c2", Fixture.duty, at: nextMorning), as: .duty, at: nextMorning)
        XCTAssertEqual(try store.openRecords(DutyCheckIn.self).map(\.id), [DutyCheckInID("c1"), DutyCheckInID("c2")])
        try store.execute(.checkOut(DutyCheckInID("c2")), as: .duty, at: Fixture.at(today, 12))
        XCTAssertEqual(try store.record(DutyCheckIn.self, id: DutyCheckInID("c2"))?.checkOut, Fixture.at(today, 12))
        XCTAssertEqual(try store.openRecords(DutyCheckIn.self).map(\.id), [DutyCheckInID("c1")])
        XCTAssertEqual(try store.auditActions(), ["duty.checkin", "duty.checkin", "duty.checkout"])
        // Yesterday's open check-in counts no time (nobody knows when they
        // left); today's counts its four hours.
        let report = try store.compliance(from: yesterday, through: today, now: Fixture.at(today, 20))
        XCTAssertEqual(report.days.map(\.openSeconds), [0, 4 * 3600])
    }

    func testASecondCheckInTheSameDayIsRefusedWhileTheFirstIsOpen() throws {
        let store = try Fixture.store(students: [])
        let morning = Fixture.at(today, 8)
        try store.execute(checkIn("c1", Fixture.counselor, at: morning), as: .counselor, at: morning)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(checkIn("c2", Fixture.counselor, at: Fixture.at(today, 9)), as: .counselor,
                                               at: Fixture.at(today, 9))) {
            XCTAssertEqual($0 as? DutyProblem, .alreadyCheckedIn)
        }
        XCTAssertEqual(try store.snapshot(), before)
        // Out at noon, back in the afternoon: a second shift the same day.
        try store.execute(.checkOut(DutyCheckInID("c1")), as: .counselor, at: Fixture.at(today, 12))
        try store.execute(checkIn("c3", Fixture.counselor, at: Fixture.at(today, 14)), as: .counselor, at: Fixture.at(today, 14))
        XCTAssertEqual(try store.openRecords(DutyCheckIn.self).map(\.id), [DutyCheckInID("c3")])
        XCTAssertThrowsError(try store.execute(.checkOut(DutyCheckInID("c1")), as: .counselor, at: Fixture.at(today, 15))) {
            XCTAssertEqual($0 as? DutyProblem, .alreadyCheckedOut)
        }
    }

    func testNobodyChecksInOrOutSomeoneElse() throws {
        let store = try Fixture.store(students: [])
        let morning = Fixture.at(today, 8)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(checkIn("c1", Fixture.counselor, at: morning), as: .duty, at: morning)) {
            XCTAssertEqual($0 as? DutyProblem, .notYours)
        }
        XCTAssertEqual(try store.snapshot(), before)
        try store.execute(checkIn("c1", Fixture.counselor, at: morning), as: .counselor, at: morning)
        let checkedIn = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.checkOut(DutyCheckInID("c1")), as: .duty, at: Fixture.at(today, 9))) {
            XCTAssertEqual($0 as? DutyProblem, .notYours)
        }
        XCTAssertThrowsError(try store.execute(.checkOut(DutyCheckInID("c1")), as: .counselor2, at: Fixture.at(today, 9))) {
            XCTAssertEqual($0 as? DutyProblem, .notYours)
        }
        XCTAssertThrowsError(try store.execute(checkIn("c2", Fixture.head, at: morning), as: .head, at: morning)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.checkInOut))
        }
        XCTAssertEqual(try store.snapshot(), checkedIn)
        XCTAssertNil(try store.record(DutyCheckIn.self, id: DutyCheckInID("c1"))?.checkOut)
    }

    /// A check-in is made now: not for later, not for another day, and not
    /// already checked out.
    func testACheckInIsMadeNow() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(today, 10)
        let before = try store.snapshot()
        for moment in [Fixture.at(today, 11), Fixture.at(yesterday, 10)] {
            XCTAssertThrowsError(try store.execute(checkIn("c1", Fixture.duty, at: moment), as: .duty, at: now)) {
                XCTAssertEqual($0 as? DutyProblem, .notNow)
            }
        }
        XCTAssertThrowsError(try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("c1"), person: Fixture.duty,
                                                                    checkIn: Fixture.at(today, 8), checkOut: now)),
                                               as: .duty, at: now)) {
            XCTAssertEqual($0 as? DutyProblem, .notNow)
        }
        XCTAssertEqual(try store.snapshot(), before)
        // Ten minutes ago (the form was open a while) is still today's.
        try store.execute(checkIn("c1", Fixture.duty, at: Fixture.at(today, 9, 50)), as: .duty, at: now)
        XCTAssertEqual(try store.record(DutyCheckIn.self, id: DutyCheckInID("c1"))?.checkIn, Fixture.at(today, 9, 50))
    }
}
