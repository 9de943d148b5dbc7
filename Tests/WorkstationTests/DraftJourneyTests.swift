import Counseling
import Foundation
import Store
import Terminal
import XCTest
@testable import Workstation

/// A case note being written when the workstation locks is kept as a draft
/// (the session stores it encrypted) and reopened after the next unlock;
/// blanking and locking work with any box open.
final class DraftJourneyTests: XCTestCase {
    typealias F = WorkstationFixture
    static let text = "学生谈到周末和父母争吵后整夜没睡，担心下周考试。"

    /// A counselor with the queue's first file open, writing a new note.
    private func writing(_ text: String = DraftJourneyTests.text) throws -> AppState {
        var s = try F.state("counselor", [.counselor])
        let first = try XCTUnwrap(s.queue.first)
        _ = Update.update(&s, .fileOpened(try F.store().openFile(first.student.id, by: StaffID("counselor"), at: F.now)))
        _ = F.press(&s, .character("e"))
        guard case .note = s.modal else { throw XCTSkip("no note editor") }
        _ = F.press(&s, .paste(text))
        return s
    }

    func testTheIdleLockKeepsTheNoteAsADraftAndForgetsItsText() throws {
        var s = try writing()
        let student = try XCTUnwrap(s.file?.student.id)
        let effects = Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(5 * 60 + 1)))
        XCTAssertEqual(effects, [.keepDraft(CaseNoteDraft(student: student, editing: nil, text: Self.text, savedAt: F.now)), .lock])
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
        XCTAssertEqual(locked.count, 2)
        guard case .keepDraft(let draft) = locked.first else { return XCTFail("\(locked)") }
        XCTAssertEqual(draft.text, Self.text)
        XCTAssertEqual(locked.last, .lock)
    }

    func testNothingTypedKeepsNoDraftAndDiscardingRemovesIt() throws {
        var s = try writing("")
        XCTAssertEqual(F.press(&s, .function(12)), [.lock])
        s = try writing()
        _ = F.press(&s, .escape)
        XCTAssertEqual(F.press(&s, .character("y")), [.removeDraft])
        XCTAssertNil(s.modal)
    }

    func testAfterUnlockTheDraftsFileOpensWithTheEditorOnTheText() throws {
        var s = try F.state("counselor", [.counselor])
        let student = try XCTUnwrap(s.queue.last?.student)
        let file = try F.store().openFile(student.id, by: StaffID("counselor"), at: F.now)
        let earlier = try XCTUnwrap(file.caseNotes.first, "the demo file has a note")
        var snapshot = try Snapshot.load(from: try F.store(), roles: [.counselor], now: F.now)
        snapshot.noteDraft = CaseNoteDraft(student: student.id, editing: earlier.id, text: earlier.text + "（补充）", savedAt: F.now)
        XCTAssertEqual(Update.update(&s, .loaded(snapshot)), [.openFile(student.id)])
        XCTAssertNil(s.modal, "not before the file is there")
        _ = Update.update(&s, .fileOpened(file))
        guard case .note(let n) = s.modal else { return XCTFail("no editor: \(String(describing: s.modal))") }
        XCTAssertEqual(n.text.text, earlier.text + "（补充）")
        XCTAssertEqual(n.editing?.id, earlier.id, "an edit stays an edit, keeping the earlier text as a revision")
        XCTAssertTrue(s.message.contains("11-20 16:30"), s.message)
        XCTAssertNil(s.noteDraft)
        guard case .saveNote(let note, false) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(note.id, earlier.id)
        XCTAssertEqual(note.text, earlier.text + "（补充）")
    }

    func testADutyTeacherNeverGetsADraftLoaded() throws {
        let store = try F.store()
        XCTAssertNil(try Snapshot.load(from: store, roles: [.duty], now: F.now, account: StaffID("duty")).noteDraft)
    }
}
