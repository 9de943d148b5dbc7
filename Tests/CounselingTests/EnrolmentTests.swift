import XCTest
@testable import Counseling

/// A student's leavings and returns: the domain's rules, and where they
/// appear in the file.
final class EnrolmentTests: XCTestCase {
    private let pupil = student("20250701", "张三")
    private let now = at(day(2026, 11, 2), 10, 0)

    private func event(_ change: EnrolmentEvent.Change, on: Day, reason: String = "家长申请") -> EnrolmentEvent {
        EnrolmentEvent(change: change, on: on, reason: reason, by: counselor, at: now)
    }

    func testALeaveOfAbsenceThenAReturnPutsTheStudentBackWithTheHistoryKept() throws {
        let left = try pupil.recording(event(.left(.leaveOfAbsence), on: day(2026, 10, 8)))
        XCTAssertFalse(left.isEnrolled)
        XCTAssertEqual(left.leaving?.change, .left(.leaveOfAbsence))
        let back = try left.recording(event(.returned, on: day(2026, 11, 2), reason: ""))
        XCTAssertTrue(back.isEnrolled)
        XCTAssertEqual(back.enrolment.map(\.change), [.left(.leaveOfAbsence), .returned])
        let entries = Chronology.entries(for: StudentFile(student: back)).filter { $0.kind == .enrolment }
        XCTAssertEqual(entries.map(\.at.day), [day(2026, 10, 8), day(2026, 11, 2)])
        XCTAssertEqual(entries.map(\.actor), [counselor, counselor])
    }

    func testTheRulesOfLeavingAndReturning() {
        XCTAssertThrowsError(try pupil.recording(event(.left(.graduated), on: day(2026, 11, 3)))) {
            XCTAssertEqual($0 as? EnrolmentProblem, .dayInFuture)
        }
        XCTAssertThrowsError(try pupil.recording(event(.left(.graduated), on: day(2026, 11, 2), reason: ""))) {
            XCTAssertEqual($0 as? ValidationError, .empty(.reason))
        }
        XCTAssertThrowsError(try pupil.recording(event(.returned, on: day(2026, 11, 2)))) {
            XCTAssertEqual($0 as? EnrolmentProblem, .notOnLeave(nil))
        }
        XCTAssertEqual(try LeavingKind.parse("休学"), .leaveOfAbsence)
        XCTAssertEqual(try LeavingKind.parse("转学"), .transferredOut)
        XCTAssertEqual(try LeavingKind.parse("graduated"), .graduated)
    }

    func testAStudentWhoNeverLeftIsStoredAsBefore() throws {
        let json = String(decoding: try JSONEncoder().encode(pupil), as: UTF8.self)
        XCTAssertFalse(json.contains("enrolment"), json)
        XCTAssertEqual(try JSONDecoder().decode(Student.self, from: Data(json.utf8)), pupil)
    }

    func testPeerSupporterStagesAndShortfalls() {
        XCTAssertFalse(PeerSupporters.needed(in: .primary))
        XCTAssertTrue([SchoolStage.junior, .senior, .vocational, .university].allSatisfy(PeerSupporters.needed(in:)))
        let ref = ClassRef(of: pupil)
        XCTAssertEqual(PeerSupporters.shortfall([pupil], in: ref), .missing(1))
        XCTAssertNil(PeerSupporters.shortfall([], in: ClassRef(stage: .primary, grade: 5, className: "五年级(1)班")))
    }

    func testClassesSortByGradeThenAsPeopleCount() {
        let refs = ["初一(10)班", "初一(2)班", "初一(1)班"].map { ClassRef(stage: .junior, grade: 7, className: $0) }
            + [ClassRef(stage: .junior, grade: 8, className: "初二(1)班")]
        XCTAssertEqual(refs.shuffled().sorted().map(\.className), ["初一(1)班", "初一(2)班", "初一(10)班", "初二(1)班"])
    }
}
