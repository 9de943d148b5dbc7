import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// Changes that belong together are written together or not at all: a
/// level, its record and its next follow-up; a confirmed screening
/// proposal and its level. (A closing's approval and its level change:
/// `CaseClosingStoreTests`.)
final class AtomicityTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 11, 2), 10)
    private let pupil = StudentID("s1"), other = StudentID("s2")

    private func store() throws -> Store {
        try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")], at: Fixture.termStart)
    }

    private func change(_ id: String = "l1") throws -> LevelChange {
        try Fixture.levelChange(id, pupil, from: .none, to: .severe, at: now)
    }

    private func assertNothingWritten(_ store: Store, _ before: [String: [String]], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try store.snapshot(), before, file: file, line: line)
        XCTAssertEqual(try store.listedLevel(pupil), WarningLevel.none, file: file, line: line)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, WarningLevel.none, file: file, line: line)
        XCTAssertEqual(try store.records(LevelChange.self, of: pupil), [], file: file, line: line)
        XCTAssertFalse(try store.auditEntries().contains { $0.action == "level.change" && $0.subject == "student:s1" },
                       file: file, line: line)
    }

    func testALevelChangeWithAFollowUpDueInThePastWritesNothing() throws {
        let store = try store()
        let before = try store.snapshot()
        let late = FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day.adding(days: -1))
        XCTAssertThrowsError(try store.execute(.changeLevel(try change(), followUp: late), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.inPast(.dueDate)]))
        }
        try assertNothingWritten(store, before)
        // Due today is still to do.
        try store.execute(.changeLevel(try change(), followUp: FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day)),
                          as: .counselor, at: now)
        XCTAssertEqual(try store.listedLevel(pupil), .severe)
    }

    func testALevelChangeWithAnotherStudentsOrADoneFollowUpWritesNothing() throws {
        let store = try store()
        let before = try store.snapshot()
        let theirs = FollowUp(id: FollowUpID("f1"), student: other, due: now.day.adding(days: 7))
        let done = FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day.adding(days: 7), done: now, doneBy: Fixture.counselor)
        for followUp in [theirs, done] {
            XCTAssertThrowsError(try store.execute(.changeLevel(try change(), followUp: followUp), as: .counselor, at: now)) {
                XCTAssertEqual($0 as? StoreError, .notYours, "\(followUp)")
            }
            try assertNothingWritten(store, before)
        }
        XCTAssertEqual(try store.records(FollowUp.self, of: other), [])
    }

    /// The level is written before the follow-up: a follow-up that cannot
    /// be stored (its id is taken) takes the level back with it.
    func testALevelChangeWhoseFollowUpCannotBeStoredIsRolledBack() throws {
        let store = try store()
        let existing = FollowUp(id: FollowUpID("f1"), student: other, due: now.day.adding(days: 3))
        try store.execute(.changeLevel(try Fixture.levelChange("l0", other, from: .none, to: .general, at: now), followUp: existing),
                          as: .counselor, at: now)
        let before = try store.snapshot()
        let clash = FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day.adding(days: 7))
        XCTAssertThrowsError(try store.execute(.changeLevel(try change(), followUp: clash), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? StoreError, .duplicate(kind: .followup, id: "f1"))
        }
        try assertNothingWritten(store, before)
        XCTAssertEqual(try store.record(FollowUp.self, id: FollowUpID("f1")), existing)
    }

    func testALevelChangeWritesTheLevelItsRecordAndItsFollowUpTogether() throws {
        let store = try store()
        let auditBefore = try store.auditEntries().count
        let followUp = FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day.adding(days: 7))
        let outcome = try store.execute(.changeLevel(try change(), followUp: followUp), as: .counselor2, at: now)
        XCTAssertEqual(outcome.student, pupil)
        XCTAssertEqual(try store.listedLevel(pupil), .severe)
        let file = try store.reloadFile(pupil, as: .counselor)
        XCTAssertEqual(file.level, .severe)
        let stored = try XCTUnwrap(file.levelChanges.first)
        XCTAssertEqual([stored.by], [Fixture.counselor2], "made in the acting account's name")
        XCTAssertEqual(stored.at, now)
        XCTAssertEqual(stored.source, .assessment)
        XCTAssertEqual(file.followUps, [followUp])
        XCTAssertEqual(try store.auditEntries().dropFirst(auditBefore).map(\.action), ["level.change", "followup.add"])
    }

    /// A confirmed proposal and its level change are one write: with the
    /// level changed meanwhile, neither the decision nor the level is stored.
    func testAConfirmedProposalAndItsLevelAreWrittenTogether() throws {
        let store = try store()
        let proposal = ScreeningProposal(id: ScreeningProposalID("sp1"), student: pupil, result: ScreeningResultID("sr1"),
                                         suggestedLevel: .major, raisedOn: now.day)
        try store.seed([proposal])
        let levelChange = try Fixture.levelChange("l-sp1", pupil, from: .none, to: .major, at: now)
        let (confirmed, _) = try proposal.confirm(level: .major, currentLevel: .none, by: Fixture.counselor, at: now,
                                                  reason: "访谈后确认", levelChangeID: levelChange.id)
        // A colleague raised the level after the proposal was opened.
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .general, at: now),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day.adding(days: 7))),
                          as: .counselor2, at: now)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.decideProposal(confirmed, levelChange: levelChange, basedOn: proposal),
                                               as: .counselor, at: now)) {
            guard case .stale(kind: .level, _, _)? = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.record(ScreeningProposal.self, id: proposal.id)?.status, .pending)

        let later = Fixture.at(now.day, 11)
        let fromGeneral = try Fixture.levelChange("l-sp1", pupil, from: .general, to: .major, at: later)
        try store.execute(.decideProposal(confirmed, levelChange: fromGeneral, basedOn: proposal), as: .counselor, at: later)
        XCTAssertEqual(try store.record(ScreeningProposal.self, id: proposal.id)?.status, .confirmed)
        let last = try XCTUnwrap(try store.records(LevelChange.self, of: pupil).last)
        XCTAssertEqual(last.id, LevelChangeID("l-sp1"))
        XCTAssertEqual(last.source, .screening(proposal.id))
        XCTAssertEqual(last.from, .general)
        XCTAssertEqual(try store.listedLevel(pupil), .major)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, .major)
    }
}
