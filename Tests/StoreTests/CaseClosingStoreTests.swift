import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// The second person's decision on a case closing, in one transaction with
/// the level change it brings.
final class CaseClosingStoreTests: XCTestCase {
    private let requested = Fixture.at(Fixture.day(2026, 11, 2), 16)
    private let decided = Fixture.at(Fixture.day(2026, 11, 3), 9)
    private let head = StaffID("head")
    private let pupil = StudentID("s1")

    /// A level-3 student with a reviewed plan, a follow-up done and a
    /// closing request waiting for approval.
    private func storeWithRequest(followUpDone: Bool = true) throws -> (Store, CaseClosing) {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        let start = Fixture.at(Fixture.day(2026, 9, 1), 10)
        try store.saveStudents([Fixture.student(1)], by: Fixture.counselor, at: start)
        try store.changeLevel(try LevelChange.make(id: LevelChangeID("l1"), student: pupil, from: .none, to: .severe,
                                                   by: Fixture.counselor, at: start, reason: "评估后列入"),
                              by: Fixture.counselor, at: start)
        try store.add(SupportPlan(id: SupportPlanID("p1"), student: pupil, goals: ["恢复作息"], measures: ["每周面谈"],
                                  owner: Fixture.counselor, responsibleLeader: "刘副校长", reviewDate: Fixture.day(2026, 10, 30),
                                  createdAt: start,
                                  reviews: [SupportPlan.Review(at: Fixture.at(Fixture.day(2026, 10, 30), 16), by: Fixture.counselor,
                                                               note: "风险解除")]),
                      by: Fixture.counselor, at: start, action: "plan.add")
        try store.add(FollowUp(id: FollowUpID("f1"), student: pupil, due: Fixture.day(2026, 10, 27),
                               done: followUpDone ? Fixture.at(Fixture.day(2026, 10, 27), 12) : nil,
                               doneBy: followUpDone ? Fixture.counselor : nil, note: followUpDone ? "情绪稳定" : ""),
                      by: Fixture.counselor, at: start, action: "followup.add")
        let request = CaseClosing(id: CaseClosingID("c1"), student: pupil, author: Fixture.counselor, requestedAt: requested,
                                  reason: "连续六周情绪稳定", newLevel: .general)
        try store.add(request, by: Fixture.counselor, at: requested, action: "closing.request")
        return (store, request)
    }

    private func actions(_ store: Store) throws -> [String] {
        try store.writer.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY id") }
    }

    func testApprovalLowersTheLevelAndIsAudited() throws {
        let (store, request) = try storeWithRequest()
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [request.id])
        try store.decideClosing(try request.approved(by: head, at: decided), by: head, at: decided)
        let file = try store.openFile(pupil, by: head, at: decided)
        XCTAssertEqual(file.level, .general)
        XCTAssertEqual(file.levelChanges.last?.source, .caseClosing(request.id))
        XCTAssertEqual(file.levelChanges.last?.by, head)
        XCTAssertEqual(file.closings.first?.approver, head)
        XCTAssertEqual(try store.openRecords(CaseClosing.self), [], "no longer waiting")
        XCTAssertTrue(try actions(store).contains("closing.approve"))
        XCTAssertEqual(try store.keyAttentionQueue(today: decided.day).count, 0)
    }

    func testDeclineKeepsTheLevelAndASecondDecisionIsRefused() throws {
        let (store, request) = try storeWithRequest()
        try store.decideClosing(try request.declined(by: head, at: decided, reason: "复诊结论未出"), by: head, at: decided)
        XCTAssertEqual(try store.openFile(pupil, by: head, at: decided).level, .severe)
        XCTAssertEqual(try store.record(CaseClosing.self, id: request.id)?.declineReason, "复诊结论未出")
        XCTAssertTrue(try actions(store).contains("closing.decline"))
        XCTAssertThrowsError(try store.decideClosing(try request.approved(by: head, at: decided), by: head, at: decided)) {
            XCTAssertEqual($0 as? CaseClosingProblem, .alreadyDecided)
        }
        XCTAssertEqual(try store.openFile(pupil, by: head, at: decided).level, .severe)
    }

    func testTheAuthorCannotDecideAndAnEditedRequestIsRefused() throws {
        let (store, request) = try storeWithRequest()
        var own = request
        own.approver = Fixture.counselor
        own.approvedAt = decided
        XCTAssertThrowsError(try store.decideClosing(own, by: Fixture.counselor, at: decided)) {
            XCTAssertEqual($0 as? CaseClosingProblem, .approverIsAuthor)
        }
        var edited = try request.approved(by: head, at: decided)
        edited.newLevel = .none
        XCTAssertThrowsError(try store.decideClosing(edited, by: head, at: decided))
        XCTAssertThrowsError(try store.decideClosing(try request.approved(by: head, at: decided), by: StaffID("someone"), at: decided),
                             "the decision names the one who makes it")
        XCTAssertEqual(try store.openFile(pupil, by: head, at: decided).level, .severe)
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [request.id], "still waiting")
    }

    func testApprovalOfACaseThatNoLongerQualifiesChangesNothing() throws {
        let (store, request) = try storeWithRequest(followUpDone: false)
        XCTAssertThrowsError(try store.decideClosing(try request.approved(by: head, at: decided), by: head, at: decided)) {
            XCTAssertEqual(($0 as? CaseClosingRejection)?.problems, [.lastFollowUpNotDone])
        }
        XCTAssertEqual(try store.openFile(pupil, by: head, at: decided).level, .severe)
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [request.id], "the approval was rolled back")
        XCTAssertFalse(try actions(store).contains("closing.approve"))
    }
}
