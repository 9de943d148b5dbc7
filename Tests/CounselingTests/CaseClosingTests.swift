import Counseling
import XCTest

final class CaseClosingTests: XCTestCase {
    let pupil = StudentID("student-1")
    let requested = at(day(2026, 11, 2), 16, 0)

    var reviewedPlan: SupportPlan {
        SupportPlan(id: SupportPlanID("p-1"), student: pupil, goals: ["恢复正常作息"], measures: ["每周面谈"],
                    owner: counselor, responsibleLeader: "刘副校长", reviewDate: day(2026, 10, 30),
                    createdAt: at(day(2026, 9, 15), 16, 0),
                    reviews: [SupportPlan.Review(at: at(day(2026, 10, 30), 16, 0), by: counselor, note: "风险解除")])
    }

    var followUps: [FollowUp] {
        [
            FollowUp(id: FollowUpID("f-1"), student: pupil, due: day(2026, 10, 13)),
            FollowUp(id: FollowUpID("f-2"), student: pupil, due: day(2026, 10, 27),
                     done: at(day(2026, 10, 27), 12, 10), doneBy: counselor, note: "情绪稳定"),
        ]
    }

    func closing(reason: String = "连续六周情绪稳定，医院复诊结论正常", newLevel: WarningLevel = .general,
                 approver: StaffID? = head) -> CaseClosing {
        CaseClosing(id: CaseClosingID("c-1"), student: pupil, author: counselor, requestedAt: requested,
                    reason: reason, newLevel: newLevel, approver: approver,
                    approvedAt: approver == nil ? nil : at(day(2026, 11, 3), 9, 0))
    }

    func testApprovedClosingReturnsTheStudentToGeneral() throws {
        let record = closing()
        XCTAssertTrue(record.isApproved)
        XCTAssertEqual(record.problems(currentLevel: .severe, plan: reviewedPlan, followUps: followUps), [])
        let change = try record.levelChange(id: LevelChangeID("l-9"), currentLevel: .severe,
                                            plan: reviewedPlan, followUps: followUps)
        XCTAssertEqual(change.from, .severe)
        XCTAssertEqual(change.to, .general)
        XCTAssertEqual(change.by, head)
        XCTAssertEqual(change.source, .caseClosing(record.id))
        XCTAssertEqual(change.reason, record.reason)
    }

    func testClosingNeedsAReason() {
        XCTAssertEqual(closing(reason: " ").problems(currentLevel: .severe, plan: reviewedPlan, followUps: followUps),
                       [.reasonMissing])
    }

    func testApproverMustBeSomeoneOtherThanTheAuthor() {
        let problems = closing(approver: counselor).problems(currentLevel: .severe, plan: reviewedPlan,
                                                             followUps: followUps)
        XCTAssertEqual(problems, [.approverIsAuthor])
        XCTAssertEqual(problems.first?.message.zh, "审批人不能是销号申请人本人")
    }

    func testUnapprovedClosingCannotTakeEffect() {
        XCTAssertFalse(closing(approver: nil).isApproved)
        XCTAssertEqual(closing(approver: nil).problems(currentLevel: .severe, plan: reviewedPlan, followUps: followUps),
                       [.noApprover, .notApproved])
    }

    func testPlanMustHaveBeenReviewed() {
        var plan = reviewedPlan
        plan.reviews = []
        XCTAssertEqual(closing().problems(currentLevel: .major, plan: plan, followUps: followUps), [.planNotReviewed])
        XCTAssertEqual(closing().problems(currentLevel: .major, plan: nil, followUps: followUps), [.noSupportPlan])
    }

    func testLastFollowUpMustBeDone() {
        let pending = followUps + [FollowUp(id: FollowUpID("f-3"), student: pupil, due: day(2026, 11, 10))]
        XCTAssertEqual(closing().problems(currentLevel: .severe, plan: reviewedPlan, followUps: pending),
                       [.lastFollowUpNotDone])
        XCTAssertEqual(closing().problems(currentLevel: .severe, plan: reviewedPlan, followUps: []), [.noFollowUp])
    }

    func testClosingMustLeaveKeyAttentionAndStartFromIt() {
        XCTAssertEqual(closing(newLevel: .severe).problems(currentLevel: .major, plan: reviewedPlan, followUps: followUps),
                       [.newLevelStillKeyAttention])
        XCTAssertEqual(closing().problems(currentLevel: .general, plan: reviewedPlan, followUps: followUps),
                       [.notKeyAttention])
    }

    func testRejectionListsEveryProblemInBothLanguages() {
        XCTAssertThrowsError(try closing(reason: "", approver: counselor)
            .levelChange(id: LevelChangeID("l-9"), currentLevel: .severe, plan: nil, followUps: [])) { error in
            let rejection = error as? CaseClosingRejection
            XCTAssertEqual(rejection?.problems, [.reasonMissing, .noSupportPlan, .noFollowUp, .approverIsAuthor])
            XCTAssertEqual(rejection?.message.zh,
                           "不能销号：销号必须填写原因；该学生没有一生一案帮扶方案；没有任何追踪记录；审批人不能是销号申请人本人")
            XCTAssertTrue(rejection?.message.en.hasPrefix("The case cannot be closed: Closing a case needs a reason; ") == true)
            XCTAssertEqual(rejection?.detail.contains("caseClosing: approverIsAuthor"), true)
        }
    }

    func testSecondPersonApprovesOnceAndTheAuthorCannot() throws {
        let request = closing(approver: nil)
        XCTAssertTrue(request.isPending)
        XCTAssertThrowsError(try request.approved(by: counselor, at: at(day(2026, 11, 3), 9, 0))) {
            XCTAssertEqual($0 as? CaseClosingProblem, .approverIsAuthor)
        }
        XCTAssertThrowsError(try request.approved(by: head, at: at(day(2026, 11, 1), 9, 0))) {
            XCTAssertEqual($0 as? CaseClosingProblem, .approvedBeforeRequested)
        }
        let approved = try request.approved(by: secondCounselor, at: at(day(2026, 11, 3), 9, 0))
        XCTAssertEqual(approved.approver, secondCounselor)
        XCTAssertFalse(approved.isPending)
        XCTAssertEqual(approved.problems(currentLevel: .severe, plan: reviewedPlan, followUps: followUps), [])
        XCTAssertThrowsError(try approved.approved(by: head, at: at(day(2026, 11, 4), 9, 0))) {
            XCTAssertEqual($0 as? CaseClosingProblem, .alreadyDecided)
        }
        XCTAssertThrowsError(try approved.declined(by: head, at: at(day(2026, 11, 4), 9, 0), reason: "再观察")) {
            XCTAssertEqual($0 as? CaseClosingProblem, .alreadyDecided)
        }
    }

    func testDecliningNeedsAReasonAndLeavesTheCaseOpen() throws {
        let request = closing(approver: nil)
        XCTAssertThrowsError(try request.declined(by: head, at: at(day(2026, 11, 3), 9, 0), reason: "  ")) {
            XCTAssertEqual($0 as? CaseClosingProblem, .declineReasonMissing)
            XCTAssertEqual(($0 as? CaseClosingProblem)?.message.zh, "不同意销号时请写明原因")
        }
        XCTAssertThrowsError(try request.declined(by: counselor, at: at(day(2026, 11, 3), 9, 0), reason: "再观察")) {
            XCTAssertEqual($0 as? CaseClosingProblem, .approverIsAuthor)
        }
        let declined = try request.declined(by: head, at: at(day(2026, 11, 3), 9, 0), reason: "复诊结论未出，再观察两周")
        XCTAssertTrue(declined.isDeclined)
        XCTAssertFalse(declined.isApproved)
        XCTAssertEqual(declined.declineReason, "复诊结论未出，再观察两周")
        XCTAssertThrowsError(try declined.levelChange(id: LevelChangeID("l-9"), currentLevel: .severe,
                                                      plan: reviewedPlan, followUps: followUps)) {
            XCTAssertEqual(($0 as? CaseClosingRejection)?.problems, [.noApprover, .alreadyDecided, .notApproved])
        }
    }
}
