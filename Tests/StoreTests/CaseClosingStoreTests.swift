import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// Closing a key-attention case: the request, refused until the file
/// qualifies, and the second person's decision, in one transaction with the
/// level change it brings.
final class CaseClosingStoreTests: XCTestCase {
    private let start = Fixture.termStart
    private let requested = Fixture.at(Fixture.day(2026, 11, 2), 16)
    private let decided = Fixture.at(Fixture.day(2026, 11, 3), 9)
    private let pupil = StudentID("s1")

    private func request(_ id: String = "c1", student: StudentID? = nil) -> CaseClosing {
        CaseClosing(id: CaseClosingID(id), student: student ?? pupil, author: Fixture.counselor, requestedAt: requested,
                    reason: "连续六周情绪稳定", newLevel: .general)
    }

    /// Makes `student` a key-attention case at `level` with a reviewed plan
    /// and its follow-up (due 2026-10-27) done when `followUpDone`.
    private func keyAttentionCase(_ store: Store, _ student: StudentID, level: WarningLevel = .severe,
                                  followUpDone: Bool = true) throws {
        let n = student.rawValue
        let followUp = FollowUp(id: FollowUpID("f-\(n)"), student: student, due: Fixture.day(2026, 10, 27))
        try store.execute(.changeLevel(try Fixture.levelChange("l-\(n)", student, from: .none, to: level, at: start),
                                       followUp: followUp), as: .counselor, at: start)
        try store.execute(.savePlan(Fixture.plan("p-\(n)", student, at: start, reviewed: true), basedOn: nil),
                          as: .counselor, at: start)
        if followUpDone {
            try store.execute(.completeFollowUp(followUp.completed(at: start, by: Fixture.counselor, note: "情绪稳定"),
                                                basedOn: followUp),
                              as: .counselor, at: Fixture.at(Fixture.day(2026, 10, 27), 12))
        }
    }

    /// A level-3 student with a reviewed plan, a follow-up done and a
    /// closing request waiting for approval.
    private func storeWithRequest() throws -> (Store, CaseClosing) {
        let store = try Fixture.store(at: start)
        try keyAttentionCase(store, pupil)
        let request = request()
        try store.execute(.requestClosing(request), as: .counselor, at: requested)
        return (store, request)
    }

    func testApprovalLowersTheLevelAndIsAudited() throws {
        let (store, request) = try storeWithRequest()
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [request.id])
        try store.execute(.decideClosing(try request.approved(by: Fixture.head, at: decided)), as: .head, at: decided)
        let file = try store.reloadFile(pupil, as: .counselor)
        XCTAssertEqual(file.level, .general)
        XCTAssertEqual(try store.listedLevel(pupil), .general, "the list's level column moved with it")
        XCTAssertEqual(file.levelChanges.last?.source, .caseClosing(request.id))
        XCTAssertEqual(file.levelChanges.last?.by, Fixture.head)
        XCTAssertEqual(file.levelChanges.last?.from, .severe)
        XCTAssertEqual(file.closings.first?.approver, Fixture.head)
        XCTAssertEqual(file.closings.first?.approvedAt, decided)
        XCTAssertEqual(try store.openRecords(CaseClosing.self), [], "no longer waiting")
        XCTAssertEqual(try store.auditActions().suffix(1), ["closing.approve"])
        XCTAssertEqual(try store.auditEntries().last.flatMap { store.auditDetail($0) }, "level 2 → 1")
        XCTAssertEqual(try store.keyAttentionQueue(today: decided.day).count, 0)
    }

    /// A head of guidance holds the oversight key, not the clinical one: the
    /// approval is made on the request as the head's session reads it (its
    /// reason sealed), the level and the last follow-up are checked again,
    /// and the level change carries the counselor's reason unread.
    func testAHeadApprovesWithoutTheClinicalKey() throws {
        let (store, request) = try storeWithRequest()
        let head = try store.headSession()
        let pending = try XCTUnwrap(try head.openRecords(CaseClosing.self).first)
        XCTAssertEqual(SealedText.visibility(pending.reason), .withheld)
        try head.execute(.decideClosing(try pending.approved(by: Fixture.head, at: decided)), as: .head, at: decided)

        let change = try XCTUnwrap(try store.records(LevelChange.self, of: pupil).last)
        XCTAssertEqual([change.from, change.to], [.severe, .general])
        XCTAssertEqual(change.by, Fixture.head)
        XCTAssertEqual(change.reason, request.reason, "a counselor reads the reason the change carries")
        XCTAssertEqual(try head.records(LevelChange.self, of: pupil).last.map { SealedText.visibility($0.reason) }, .withheld)
        XCTAssertEqual(try head.levelCounts()[.general], 1)
        XCTAssertEqual(try store.verifyAuthorship(), [])
    }

    func testAHeadsApprovalIsRefusedWhenTheLastFollowUpIsOpenAgain() throws {
        let (store, _) = try storeWithRequest()
        try store.execute(.changeLevel(try Fixture.levelChange("l-up", pupil, from: .severe, to: .major, at: requested),
                                       followUp: FollowUp(id: FollowUpID("f-next"), student: pupil, due: decided.day.adding(days: 7))),
                          as: .counselor, at: requested)
        let head = try store.headSession()
        let pending = try XCTUnwrap(try head.openRecords(CaseClosing.self).first)
        let before = try head.snapshot()
        XCTAssertThrowsError(try head.execute(.decideClosing(try pending.approved(by: Fixture.head, at: decided)), as: .head, at: decided)) {
            XCTAssertEqual(($0 as? CaseClosingRejection)?.problems, [.lastFollowUpNotDone])
        }
        XCTAssertEqual(try head.snapshot(), before)
    }

    func testDeclineKeepsTheLevelAndASecondDecisionIsRefused() throws {
        let (store, request) = try storeWithRequest()
        try store.execute(.decideClosing(try request.declined(by: Fixture.head, at: decided, reason: "复诊结论未出")),
                          as: .head, at: decided)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, .severe)
        XCTAssertEqual(try store.record(CaseClosing.self, id: request.id)?.declineReason, "复诊结论未出")
        XCTAssertEqual(try store.record(CaseClosing.self, id: request.id)?.declinedBy, Fixture.head)
        XCTAssertEqual(try store.auditActions().last, "closing.decline")
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.decideClosing(try request.approved(by: Fixture.head, at: decided)),
                                               as: .head, at: decided)) {
            XCTAssertEqual($0 as? CaseClosingProblem, .alreadyDecided)
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, .severe)
    }

    /// The decision is the deciding account's own, on the request as it was
    /// stored: what the caller's copy says beyond approve or decline (who,
    /// a changed new level) is not taken.
    func testTheAuthorCannotDecideAndTheDecisionIsOnTheStoredRequestByTheAccount() throws {
        let (store, request) = try storeWithRequest()
        var own = request
        own.approver = Fixture.counselor
        own.approvedAt = decided
        XCTAssertThrowsError(try store.execute(.decideClosing(own), as: .counselor, at: decided)) {
            XCTAssertEqual($0 as? CaseClosingProblem, .approverIsAuthor)
        }
        XCTAssertThrowsError(try store.execute(.decideClosing(try request.approved(by: Fixture.head, at: decided)),
                                               as: .duty, at: decided)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.approveCaseClosing))
        }
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, .severe)
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [request.id], "still waiting")

        // A copy that says another approver and another new level: the
        // account deciding is the approver, the stored new level applies.
        var edited = try request.approved(by: Fixture.head, at: decided)
        edited.newLevel = .none
        try store.execute(.decideClosing(edited), as: .counselor2, at: decided)
        let file = try store.reloadFile(pupil, as: .counselor)
        XCTAssertEqual(file.closings.first?.approver, Fixture.counselor2)
        XCTAssertEqual(file.closings.first?.newLevel, .general)
        XCTAssertEqual(file.level, .general)
        XCTAssertEqual(file.levelChanges.last?.by, Fixture.counselor2)
    }

    /// Between the request and the approval a crisis opened a new
    /// follow-up: the approval is checked against the file as it is then,
    /// and the decision it would have written is rolled back with it.
    func testApprovalOfACaseThatNoLongerQualifiesChangesNothing() throws {
        let (store, request) = try storeWithRequest()
        let crisisAt = Fixture.at(Fixture.day(2026, 11, 2), 18)
        let twoSteps = CrisisChecklist(steps: [CrisisChecklist.Step(id: "keep-safe", title: LocalizedText(zh: "确保安全", en: "Keep safe")),
                                               CrisisChecklist.Step(id: "follow-up", title: LocalizedText(zh: "追踪", en: "Follow up"))],
                                       hotlines: [])
        try store.execute(.startCrisisRun(CrisisRun(id: CrisisRunID("r1"), student: pupil, startedBy: Fixture.duty,
                                                    startedAt: crisisAt, checklist: twoSteps)), as: .duty, at: crisisAt)
        try store.execute(.recordCrisisStep(CrisisRunID("r1"), step: "keep-safe", outcome: .done, note: ""), as: .duty, at: crisisAt)
        XCTAssertEqual(try store.records(FollowUp.self, of: pupil).filter { !$0.isDone }.map(\.due), [Fixture.day(2026, 11, 3)])

        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.decideClosing(try request.approved(by: Fixture.head, at: decided)),
                                               as: .head, at: decided)) {
            XCTAssertEqual(($0 as? CaseClosingRejection)?.problems, [.lastFollowUpNotDone])
        }
        XCTAssertEqual(try store.snapshot(), before, "the decision was rolled back with the level change")
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, .severe)
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [request.id], "still waiting")
        XCTAssertFalse(try store.auditActions().contains("closing.approve"))
    }

    /// The approval, the closing's new version and the level change are
    /// written together: one closing revision, one level record, one audit entry.
    func testApprovalWritesTheDecisionAndTheLevelChangeTogether() throws {
        let (store, request) = try storeWithRequest()
        let levelsBefore = try store.records(LevelChange.self, of: pupil).count
        let auditBefore = try store.auditEntries().count
        try store.execute(.decideClosing(try request.approved(by: Fixture.head, at: decided)), as: .head, at: decided)
        let levels = try store.records(LevelChange.self, of: pupil)
        XCTAssertEqual(levels.count, levelsBefore + 1)
        XCTAssertEqual(levels.last?.id, LevelChangeID("level-c1"))
        XCTAssertEqual(levels.last?.at, decided)
        XCTAssertEqual(levels.last?.to, .general)
        XCTAssertEqual(try store.revisions(of: CaseClosing.self, id: request.id).map(\.value), [request],
                       "the request as made is kept")
        XCTAssertEqual(try store.auditEntries().count, auditBefore + 1)
    }

    /// A request is refused while the last follow-up is open (a request
    /// must qualify except for the second person's decision), and made
    /// once the follow-up is recorded done; a second one waits for none.
    func testARequestWaitsForTheLastFollowUpAndOnlyOneIsPending() throws {
        let store = try Fixture.store(at: start)
        try keyAttentionCase(store, pupil, followUpDone: false)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.requestClosing(request()), as: .counselor, at: requested)) {
            XCTAssertEqual(($0 as? CaseClosingRejection)?.problems, [.lastFollowUpNotDone])
        }
        XCTAssertEqual(try store.snapshot(), before)

        let open = try XCTUnwrap(try store.records(FollowUp.self, of: pupil).first)
        try store.execute(.completeFollowUp(open.completed(at: requested, by: Fixture.counselor, note: "情绪稳定"), basedOn: open),
                          as: .counselor, at: requested)
        try store.execute(.requestClosing(request()), as: .counselor, at: requested)
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [CaseClosingID("c1")])
        XCTAssertEqual(try store.auditActions().last, "closing.request")

        XCTAssertThrowsError(try store.execute(.requestClosing(request("c2")), as: .counselor, at: requested)) {
            XCTAssertEqual($0 as? CaseClosingProblem, .alreadyRequested)
        }
        XCTAssertThrowsError(try store.execute(.requestClosing(request("c3")), as: .counselor2, at: requested),
                             "a request is made in one's own name") {
            XCTAssertEqual($0 as? StoreError, .notYours)
        }
        XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [CaseClosingID("c1")])
    }

    /// BUG: `decideClosing` reads the file of the student the caller's copy
    /// names, not the stored request's: the level change it writes for the
    /// request's student starts from another student's level, and the
    /// audit entry names the other student. A copy that names another
    /// student must be refused, or the stored request's student used.
    func testTheApprovalIsCheckedAgainstTheStoredRequestsStudent() throws {
        let (store, request) = try storeWithRequest()
        let other = StudentID("s2")
        try store.execute(.importStudents([Fixture.student(2, name: "李四")]), as: .admin, at: start)
        try keyAttentionCase(store, other, level: .major)
        let otherBefore = try store.reloadFile(other, as: .counselor)

        var mislabelled = try request.approved(by: Fixture.head, at: decided)
        mislabelled.student = other
        do {
            try store.execute(.decideClosing(mislabelled), as: .head, at: decided)
        } catch {
            // Refusing a copy that names another student is right too.
        }
        let file = try store.reloadFile(pupil, as: .counselor)
        if file.level == .general {
            XCTAssertEqual(file.levelChanges.last?.from, .severe, "the change starts from this student's own level")
            XCTAssertEqual(try store.auditEntries().last?.subject, store.auditSubject(.closingApprove, pupil))
        } else {
            XCTAssertEqual(file.level, .severe)
            XCTAssertEqual(try store.openRecords(CaseClosing.self).map(\.id), [request.id])
        }
        let otherAfter = try store.reloadFile(other, as: .counselor)
        XCTAssertEqual(otherAfter.levelChanges, otherBefore.levelChanges)
        XCTAssertEqual(otherAfter.level, .major)
    }
}
