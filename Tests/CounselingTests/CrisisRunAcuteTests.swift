import Counseling
import XCTest

/// When a crisis run stops being acute, and how a hand-over is taken.
final class CrisisRunAcuteTests: XCTestCase {
    let started = at(day(2026, 9, 15), 12, 20)

    func newRun() -> CrisisRun {
        CrisisRun(id: CrisisRunID("cr-1"), student: StudentID("student-1"), startedBy: dutyTeacher,
                  startedAt: started, checklist: .standard)
    }

    func testTheRunIsAcuteUntilEveryStepButTheFollowUpIsRecorded() throws {
        var run = newRun()
        XCTAssertEqual(run.acuteSteps.map(\.id).last, "write-record", "the follow-up step is not acute")
        for (i, step) in run.acuteSteps.enumerated() {
            XCTAssertTrue(run.isAcute, "still acute before \(step.id)")
            try run.record(step.id, .done, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 21 + i))
        }
        XCTAssertFalse(run.isAcute, "steps 1–8 done end the acute run")
        XCTAssertFalse(run.isComplete, "the follow-up step is still open, on the file")
        XCTAssertFalse(run.awaitsCounselor)
    }

    func testAHandOverEndsTheAcuteRunAndWaitsUntilOneCounselorTakesIt() throws {
        var run = newRun()
        try run.record("keep-safe", .done, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 21))
        try run.handOver(to: counselor, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 25), note: "学生在辅导室")
        XCTAssertFalse(run.isAcute)
        XCTAssertTrue(run.awaitsCounselor)
        XCTAssertThrowsError(try run.take(by: secondCounselor, at: at(day(2026, 9, 15), 12, 24))) {
            XCTAssertEqual($0 as? CrisisRunError, .beforeStart, "not before the hand-over")
        }
        try run.take(by: secondCounselor, at: at(day(2026, 9, 15), 12, 27))
        XCTAssertEqual(run.handover?.takenBy, secondCounselor, "any counselor may take it, not only the one named")
        XCTAssertEqual(run.handover?.to, counselor)
        XCTAssertFalse(run.awaitsCounselor)
        XCTAssertThrowsError(try run.take(by: counselor, at: at(day(2026, 9, 15), 12, 28))) {
            XCTAssertEqual($0 as? CrisisRunError, .alreadyTaken(by: secondCounselor))
        }
    }

    func testARunNotHandedOverCannotBeTaken() {
        var run = newRun()
        XCTAssertThrowsError(try run.take(by: counselor, at: at(day(2026, 9, 15), 12, 30))) {
            XCTAssertEqual($0 as? CrisisRunError, .notHandedOver)
        }
    }

    func testACheckOutIsOnTheDayOfItsCheckIn() throws {
        let shift = DutyCheckIn(id: DutyCheckInID("c1"), person: dutyTeacher, checkIn: at(day(2026, 11, 24), 16, 40))
        XCTAssertEqual(try shift.checkedOut(at: at(day(2026, 11, 24), 17, 30)).checkOut, at(day(2026, 11, 24), 17, 30))
        XCTAssertThrowsError(try shift.checkedOut(at: at(day(2026, 11, 25), 12, 0))) {
            XCTAssertEqual($0 as? DutyProblem, .openFromEarlierDay(day(2026, 11, 24)), "never all night")
        }
        XCTAssertThrowsError(try shift.checkedOut(at: at(day(2026, 11, 24), 16, 0))) {
            XCTAssertEqual($0 as? DutyProblem, .checkOutBeforeCheckIn)
        }
        let closed = try shift.checkedOut(at: at(day(2026, 11, 24), 18, 0))
        XCTAssertThrowsError(try closed.checkedOut(at: at(day(2026, 11, 24), 18, 5))) {
            XCTAssertEqual($0 as? DutyProblem, .alreadyCheckedOut)
        }
        XCTAssertNil(shift.presence(asOf: at(day(2026, 11, 25), 12, 0)), "left open: counts nothing the next day")
        XCTAssertTrue(shift.isMissingCheckOut(asOf: at(day(2026, 11, 25), 12, 0)))
    }
}
