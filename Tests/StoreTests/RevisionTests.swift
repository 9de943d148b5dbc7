import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// An edit names the version it started from; when someone saved in
/// between, it is refused with who and when, and what they saved stays.
final class RevisionTests: XCTestCase {
    private let pupil = StudentID("s1")
    private let t1 = Fixture.at(Fixture.day(2026, 11, 2), 9)
    private let t2 = Fixture.at(Fixture.day(2026, 11, 2), 10, 15)
    private let t3 = Fixture.at(Fixture.day(2026, 11, 2), 10, 20)

    /// A store whose staff list gives the two counselors their names.
    private func store() throws -> Store {
        let store = try Fixture.store(at: t1)
        try store.set(.staff, [Staff(id: Fixture.counselor, name: "李老师", roles: [.counselor]),
                               Staff(id: Fixture.counselor2, name: "王老师", roles: [.counselor])],
                      by: Fixture.admin, at: t1)
        return store
    }

    func testAPlanSavedOnAnOlderVersionIsRefusedNamingWhoSavedTheCurrentOne() throws {
        let store = try store()
        let v1 = Fixture.plan("p1", pupil, at: t1)
        try store.execute(.savePlan(v1, basedOn: nil), as: .counselor, at: t1)
        // Both counselors have the plan open; the first saves.
        var v2 = v1
        v2.goals = ["恢复作息", "回到班级上课"]
        try store.execute(.savePlan(v2, basedOn: v1), as: .counselor, at: t2)
        // The second saves what they typed over the version they saw.
        var theirs = v1
        theirs.measures = ["每天午间谈话"]
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.savePlan(theirs, basedOn: v1), as: .counselor2, at: t3)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .plan, by: "李老师", at: t2))
            XCTAssertEqual(($0 as? StoreError)?.message.en,
                           "李老师 changed this record on 2026-11-02 at 10:15; your change was not saved. What you typed is still in the form: compare it with the new version and save again.")
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.record(SupportPlan.self, id: v1.id), v2)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).plans, [v2])
        let history = try store.revisions(of: SupportPlan.self, id: v1.id)
        XCTAssertEqual(history.map(\.value), [v1])
        XCTAssertEqual(history.map(\.replacedBy), [Fixture.counselor])
        XCTAssertEqual(history.map(\.replacedAt), [t2])
        // Based on the version now stored, their edit goes in.
        try store.execute(.savePlan(theirs, basedOn: v2), as: .counselor2, at: t3)
        XCTAssertEqual(try store.record(SupportPlan.self, id: v1.id), theirs)
        XCTAssertEqual(try store.revisions(of: SupportPlan.self, id: v1.id).map(\.value), [v1, v2])
    }

    func testANewPlanIsRefusedWhenTheStudentAlreadyHasOne() throws {
        let store = try store()
        let first = Fixture.plan("p1", pupil, at: t1)
        try store.execute(.savePlan(first, basedOn: nil), as: .counselor, at: t1)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.savePlan(Fixture.plan("p2", pupil, owner: Fixture.counselor2, at: t2), basedOn: nil),
                                               as: .counselor2, at: t2)) {
            // Never edited, the plan has no replaced version: its owner made it, then.
            XCTAssertEqual($0 as? StoreError, .stale(kind: .plan, by: "李老师", at: t1))
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).plans.map(\.id), [first.id])
        // A new plan that follows the current one is a plan of its own.
        let next = Fixture.plan("p2", pupil, owner: Fixture.counselor2, at: t2)
        try store.execute(.savePlan(next, basedOn: first), as: .counselor2, at: t2)
        let file = try store.reloadFile(pupil, as: .counselor)
        XCTAssertEqual(file.plans.map(\.id), [first.id, next.id])
        XCTAssertEqual(file.currentPlan, next)
        XCTAssertEqual(try store.auditActions().suffix(2), ["plan.add", "plan.add"])
    }

    func testANoteEditedOnAnOldVersionIsRefused() throws {
        let store = try store()
        let v1 = CaseNote(id: CaseNoteID("n1"), student: pupil, author: Fixture.counselor, at: t1, text: "第一稿")
        try store.execute(.writeNote(v1), as: .counselor, at: t1)
        var v2 = v1
        v2.text = "第二稿"
        try store.execute(.editNote(v2, basedOn: v1), as: .counselor, at: t2)
        // The same author, from another screen that still showed the first version.
        var v3 = v1
        v3.text = "另一处改的第二稿"
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.editNote(v3, basedOn: v1), as: .counselor, at: t3)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .note, by: "李老师", at: t2))
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.record(CaseNote.self, id: v1.id)?.text, "第二稿")
        XCTAssertEqual(try store.revisions(of: CaseNote.self, id: v1.id).map(\.value), [v1])
    }

    func testALevelChangeFromALevelNoLongerCurrentIsRefused() throws {
        let store = try store()
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .general, at: t2),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: pupil, due: t2.day.adding(days: 14))),
                          as: .counselor, at: t2)
        // The colleague's form still showed level none.
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.changeLevel(try Fixture.levelChange("l2", pupil, from: .none, to: .severe,
                                                                                    by: Fixture.counselor2, at: t3),
                                                            followUp: FollowUp(id: FollowUpID("f2"), student: pupil,
                                                                               due: t3.day.adding(days: 7))),
                                               as: .counselor2, at: t3)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .level, by: "李老师", at: t2))
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, .general)
        XCTAssertEqual(try store.listedLevel(pupil), .general)
        XCTAssertEqual(try store.records(LevelChange.self, of: pupil).map(\.id), [LevelChangeID("l1")])
        XCTAssertEqual(try store.records(FollowUp.self, of: pupil).map(\.id), [FollowUpID("f1")])
    }

    func testAFollowUpCompletedFromAnOldVersionIsRefused() throws {
        let store = try store()
        let open = FollowUp(id: FollowUpID("f1"), student: pupil, due: t2.day)
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .general, at: t1), followUp: open),
                          as: .counselor, at: t1)
        try store.execute(.completeFollowUp(open.completed(at: t2, by: Fixture.counselor, note: "电话回访"), basedOn: open),
                          as: .counselor, at: t2)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.completeFollowUp(open.completed(at: t3, by: Fixture.counselor2, note: "面谈"),
                                                                 basedOn: open),
                                               as: .counselor2, at: t3)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .followup, by: "李老师", at: t2))
        }
        XCTAssertEqual(try store.snapshot(), before)
        let stored = try store.record(FollowUp.self, id: open.id)
        XCTAssertEqual(stored?.doneBy, Fixture.counselor)
        XCTAssertEqual(stored?.note, "电话回访")
        XCTAssertEqual(stored?.done, t2)
    }

    /// Two workstations, each with its own `Store` and connection pool on
    /// one encrypted file: the second's save on the version both loaded is
    /// refused, and what the first saved stays.
    func testTwoStoresOnOneFileDoNotSaveOverEachOther() throws {
        let (first, vault, pool, dir) = try Fixture.encryptedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let secondPool = try vault.makePool()
        let second = try Store(vault: vault, writer: secondPool, timeZone: Fixture.zone)
        let me = Account(vault)
        XCTAssertEqual(me, Account(id: Fixture.counselor, roles: [.counselor, .admin]))
        try first.execute(.importStudents([Fixture.student(1)]), as: me, at: t1)
        try first.execute(.savePlan(Fixture.plan("p1", pupil, at: t1), basedOn: nil), as: me, at: t1)

        let loadedByFirst = try XCTUnwrap(try first.reloadFile(pupil, as: me).currentPlan)
        let loadedBySecond = try XCTUnwrap(try second.reloadFile(pupil, as: .counselor2).currentPlan)
        XCTAssertEqual(loadedByFirst, loadedBySecond)

        var firsts = loadedByFirst
        firsts.goals = ["恢复作息", "每周两次运动"]
        try first.execute(.savePlan(firsts, basedOn: loadedByFirst), as: me, at: t2)
        var seconds = loadedBySecond
        seconds.responsibleLeader = "赵书记"
        XCTAssertThrowsError(try second.execute(.savePlan(seconds, basedOn: loadedBySecond), as: .counselor2, at: t3)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .plan, by: "counselor", at: t2))
        }
        XCTAssertEqual(try second.record(SupportPlan.self, id: SupportPlanID("p1")), firsts)
        XCTAssertEqual(try first.record(SupportPlan.self, id: SupportPlanID("p1")), firsts)
        let history = try second.revisions(of: SupportPlan.self, id: SupportPlanID("p1"))
        XCTAssertEqual(history.count, 1)
        XCTAssertEqual(history.first?.value, loadedByFirst)
        XCTAssertEqual(history.first?.replacedBy, Fixture.counselor)
        XCTAssertEqual(try first.auditActions(), ["student.import", "plan.add", "plan.edit"])
        XCTAssertEqual(try second.verifyAuditChain(), .intact(entries: 3))
        try secondPool.close()
        try pool.close()
        vault.lock()
    }
}
