import Counseling
import Foundation
import Store
import Terminal
import XCTest
@testable import Workstation

/// What is typed when the workstation locks is kept as a draft (the session
/// stores it encrypted) and reopened after the next unlock; blanking and
/// locking work with any box open.
final class DraftJourneyTests: XCTestCase {
    typealias F = WorkstationFixture
    static let text = "学生谈到周末和父母争吵后整夜没睡，担心下周考试。"

    /// A counselor with the queue's first file open, writing a new note.
    private func writing(_ text: String = DraftJourneyTests.text) throws -> AppState {
        var s = try F.state("counselor", [.counselor])
        let first = try XCTUnwrap(s.queue.first)
        _ = Update.update(&s, .fileOpened(try F.openFile(first.student.id)))
        _ = F.press(&s, .character("e"))
        guard case .note = s.modal else { throw XCTSkip("no note editor") }
        _ = F.press(&s, .paste(text))
        return s
    }

    private func idle(_ s: inout AppState) -> [Effect] {
        Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(5 * 60 + 1)))
    }

    func testTheIdleLockKeepsTheNoteAsADraftAndForgetsItsText() throws {
        var s = try writing()
        let student = try XCTUnwrap(s.file?.student.id)
        XCTAssertEqual(idle(&s), [.keepDraft(.note(NoteDraft(student: student, editing: nil, text: Self.text, savedAt: F.now))), .lock])
        XCTAssertEqual(s.phase, .unlock)
        XCTAssertNil(s.modal)
        XCTAssertFalse(F.screen(s).contains("整夜没睡"))
    }

    func testTheLockKeyWorksInsideTheEditorAndBlankingKeepsIt() throws {
        var s = try writing()
        _ = F.press(&s, .function(9))
        XCTAssertEqual(s.phase, .blank)
        XCTAssertFalse(F.screen(s).contains("整夜没睡"), "blanked at once, editor and all")
        _ = F.press(&s, .character("x"))
        XCTAssertEqual(s.phase, .main)
        guard case .note(let n) = s.modal else { return XCTFail("the editor is gone") }
        XCTAssertEqual(n.text.text, Self.text, "the key that ends blanking types nothing")
        let locked = F.press(&s, .function(12))
        guard case .keepDraft(.note(let draft)) = locked.first else { return XCTFail("\(locked)") }
        XCTAssertEqual(draft.text, Self.text)
        XCTAssertEqual(locked.last, .lock)
    }

    func testNothingTypedKeepsNoDraft() throws {
        var s = try writing("")
        XCTAssertEqual(F.press(&s, .function(12)), [.lock])
        s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("n"), .character("n"))
        XCTAssertEqual(idle(&s), [.lock], "a form as it opened holds nothing typed")
    }

    func testAfterUnlockTheDraftsFileOpensWithTheEditorOnTheText() throws {
        var s = try F.state("counselor", [.counselor])
        let student = try XCTUnwrap(s.queue.last?.student)
        let file = try F.openFile(student.id)
        let earlier = try XCTUnwrap(file.caseNotes.first, "the demo file has a note")
        var snapshot = try Snapshot.load(from: try F.store(), roles: [.counselor], now: F.now)
        snapshot.draft = .note(NoteDraft(student: student.id, editing: earlier.id, text: earlier.text + "（补充）", savedAt: F.now))
        XCTAssertEqual(Update.update(&s, .loaded(snapshot)), [.openFile(student.id)])
        XCTAssertNil(s.modal, "not before the file is there")
        _ = Update.update(&s, .fileOpened(file))
        guard case .note(let n) = s.modal else { return XCTFail("no editor: \(String(describing: s.modal))") }
        XCTAssertEqual(n.text.text, earlier.text + "（补充）")
        XCTAssertEqual(n.editing?.id, earlier.id, "an edit stays an edit, keeping the earlier text as a revision")
        XCTAssertTrue(s.message.contains("11-20 16:30"), s.message)
        guard case .execute(.editNote(let note, let base)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(base, earlier, "based on the note as the file shows it")
        XCTAssertEqual(note.id, earlier.id)
        XCTAssertEqual(note.text, earlier.text + "（补充）")
        // Saved: the kept copy goes with the box.
        XCTAssertEqual(Update.update(&s, .saved("ok", snapshot, nil)).last, .execute(.removeDraft))
        XCTAssertEqual(Update.update(&s, .saved("ok", snapshot, nil)).filter { $0 == .execute(.removeDraft) }, [], "only once")
    }

    func testADutyTeachersHalfTypedVisitComesBackAfterTheIdleLock() throws {
        var s = try F.state("duty", [.duty])
        let student = s.students[4]
        s.list.selected = 4
        _ = F.press(&s, .character("n"), .character("n"), .tab)
        _ = F.type(&s, "2 4")
        _ = F.press(&s, .tab, .paste("和同桌吵架后情绪低落，聊了二十分钟"))
        guard case .keepDraft(let draft) = idle(&s).first, case .form(let form) = draft else { return XCTFail("no draft kept") }
        XCTAssertEqual(form.purpose, .visit(student: student.id))

        // Unlocked again: the form is back at once (no file needed), as typed.
        var back = try F.state("duty", [.duty])
        var snapshot = try Snapshot.load(from: try F.store(), roles: [.duty], now: F.now)
        snapshot.draft = draft
        XCTAssertEqual(Update.update(&back, .loaded(snapshot)), [])
        guard case .form(let reopened) = back.modal else { return XCTFail("no form") }
        XCTAssertTrue(reopened.title.contains(student.name))
        XCTAssertEqual(reopened.form.fields.map(\.editor.text), ["1", "2 4", "和同桌吵架后情绪低落，聊了二十分钟"])
        XCTAssertTrue(reopened.isChanged, "Esc still asks before throwing it away")
        guard case .execute(.logVisit(let visit)) = F.press(&back, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(visit.student, student.id)
        XCTAssertEqual(visit.reasons, [.relationships, .emotions])
        XCTAssertEqual(visit.brief, "和同桌吵架后情绪低落，聊了二十分钟")
    }

    func testAFormOnAFileWaitsForTheFileAndDiscardingItRemovesTheDraft() throws {
        var s = try F.state("counselor", [.counselor])
        let student = try XCTUnwrap(s.queue.first?.student)
        let file = try F.openFile(student.id)
        _ = Update.update(&s, .fileOpened(file))
        _ = F.press(&s, .character("r"))
        guard case .form(var referral) = s.modal else { return XCTFail("no referral form") }
        referral.form.fields[0].editor = LineEditor("区妇幼保健院心理科", limit: 100)
        s.modal = .form(referral)
        let locked = F.press(&s, .function(12))
        guard case .keepDraft(let draft) = locked.first else { return XCTFail("no draft kept: \(locked) \(String(describing: s.modal))") }

        var back = try F.state("counselor", [.counselor])
        var snapshot = try Snapshot.load(from: try F.store(), roles: [.counselor], now: F.now)
        snapshot.draft = draft
        XCTAssertEqual(Update.update(&back, .loaded(snapshot)), [.openFile(student.id)])
        _ = Update.update(&back, .fileOpened(file))
        guard case .form(let reopened) = back.modal else { return XCTFail("no form") }
        XCTAssertEqual(reopened.form.fields[0].editor.text, "区妇幼保健院心理科")
        _ = F.press(&back, .escape)
        XCTAssertEqual(F.press(&back, .character("y")), [.execute(.removeDraft)])
    }

    func testQuittingFromAReopenedDraftRemovesItBeforeLeaving() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("n"), .character("n"), .tab)
        _ = F.type(&s, "1")
        guard case .keepDraft(let draft) = idle(&s).first else { return XCTFail("no draft kept") }
        var back = try F.state("duty", [.duty])
        var snapshot = try Snapshot.load(from: try F.store(), roles: [.duty], now: F.now)
        snapshot.draft = draft
        _ = Update.update(&back, .loaded(snapshot))
        _ = F.press(&back, .function(10))
        XCTAssertEqual(F.press(&back, .character("y")), [.execute(.removeDraft), .quit])
    }
}
