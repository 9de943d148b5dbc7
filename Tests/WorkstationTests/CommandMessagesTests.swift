import Counseling
import Store
import XCTest
@testable import Workstation

/// What a duty teacher is told after an escalated visit is saved.
final class CommandMessagesTests: XCTestCase {
    private let visit = Visit(id: VisitID("v1"), student: nil, loggedBy: StaffID("zhao"), channel: .walkIn,
                              start: WorkstationFixture.now, reasons: [.selfHarmThoughts], brief: "")

    private func told(_ routedTo: StaffID?, staff: [Staff], _ L: Language = .en) -> String {
        var outcome = CommandOutcome()
        outcome.routedTo = routedTo
        return CommandMessages.saved(.logVisit(visit), outcome, staff: staff, L)
    }

    func testTheCounselorWhoHasItIsNamed() {
        let staff = [Staff(id: StaffID("li"), name: "李老师", roles: [.counselor]), Staff(id: StaffID("zhao"), name: "赵老师", roles: [.duty])]
        XCTAssertTrue(told(StaffID("li"), staff: staff).contains("escalated to counselor 李老师"))
        XCTAssertTrue(told(.everyCounselor, staff: staff).contains("escalated to every counselor"))
        XCTAssertTrue(told(StaffID("li"), staff: staff, .zhHans).contains("已转交心理教师 李老师"))
    }

    func testASchoolWithoutACounselorAccountIsToldNobodyReceivesIt() {
        let staff = [Staff(id: StaffID("zhao"), name: "赵老师", roles: [.duty]), Staff(id: StaffID("wang"), name: "王主任", roles: [.head, .admin])]
        let message = told(.everyCounselor, staff: staff)
        XCTAssertTrue(message.contains("no counselor account"), message)
        XCTAssertTrue(message.contains("do not leave the student alone"), message)
        XCTAssertTrue(told(.everyCounselor, staff: staff, .zhHans).contains("没有心理教师账号"))
    }

    func testAVisitThatWasNotEscalatedIsJustSaved() {
        XCTAssertEqual(told(nil, staff: []), S.visitSaved.en)
    }
}
