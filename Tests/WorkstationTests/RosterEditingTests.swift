import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// The duty roster edited in the roster pane (heads and administrators):
/// the forms, what they send the store, and their snapshots in Chinese and
/// English at 80×24. The demo's week is 16–20 November 2026; it is Friday
/// 16:30, so the shifts of the week are over and nothing ahead of them is
/// shown.
final class RosterEditingTests: XCTestCase {
    typealias F = WorkstationFixture

    private func form(_ s: AppState, file: StaticString = #filePath, line: UInt = #line) -> FormModal? {
        guard case .form(let f) = s.modal else { XCTFail("no form open: \(String(describing: s.modal))", file: file, line: line); return nil }
        return f
    }

    private func set(_ s: inout AppState, _ i: Int, _ text: String) {
        guard case .form(var f) = s.modal else { return XCTFail("no form open") }
        f.form.fields[i].editor = LineEditor(text, limit: 60)
        s.modal = .form(f)
    }

    func testTheFormsAndTheSelectedShiftInBothLanguages() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            var head = try F.state("head", [.head], language: language, width: 80, height: 24)
            // ← from the first shift selects the last: Friday's 16:40, still ahead.
            _ = F.press(&head, .character("3"), .left)
            assertSnapshot(head, "roster-head-\(tag)-80x24")
            var add = head
            _ = F.press(&add, .character("a"))
            assertSnapshot(add, "shift-add-form-\(tag)-80x24")
            var pattern = head
            _ = F.press(&pattern, .character("w"))
            assertSnapshot(pattern, "weekly-pattern-form-\(tag)-80x24")
            // Moved onto a Saturday: the form says why at once.
            var move = head
            _ = F.press(&move, .character("m"))
            set(&move, 0, "2026-11-28")
            XCTAssertEqual(F.press(&move, .function(2)), [])
            assertSnapshot(move, "shift-move-weekend-\(tag)-80x24")
            var remove = head
            _ = F.press(&remove, .delete)
            assertSnapshot(remove, "remove-shift-\(tag)-80x24")
        }
    }

    func testAHeadSetsAWeeklyPatternToTheEndOfTheTerm() throws {
        var s = try F.state("head", [.head])
        _ = F.press(&s, .character("3"), .character("w"))
        let f = try XCTUnwrap(form(s))
        XCTAssertEqual(f.purpose, .weeklyPattern)
        XCTAssertEqual(f.form.fields.map(\.editor.text), ["1", "12:00", "13:30", "", "2026-11-20", "2027-01-22"])
        XCTAssertEqual(F.press(&s, .function(2)), [], "the person is needed")
        XCTAssertEqual(form(s)?.form.fields[3].error, ValidationError.empty(.person).message.en)
        set(&s, 0, "周三")
        set(&s, 3, "周明")
        let effects = F.press(&s, .function(2))
        XCTAssertEqual(effects, [.execute(.applyWeeklyPattern(WeeklyDutyPattern(
            weekday: .wednesday, start: TimeOfDay(hour: 12, minute: 0)!, end: TimeOfDay(hour: 13, minute: 30)!,
            person: StaffID("duty"), first: F.now.day, last: Day(year: 2027, month: 1, day: 22)!)))])
        // A number from the list works as well as a name; a weekday it cannot read is marked.
        set(&s, 0, "8")
        set(&s, 3, "3")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(form(s)?.form.fields[0].error, "The weekday is not recognized; use one of: 1–7 or Monday … Sunday")
        XCTAssertNil(form(s)?.form.fields[3].error)
    }

    func testAHeadMovesAndRemovesTheSelectedShift() throws {
        var s = try F.state("head", [.head])
        _ = F.press(&s, .character("3"))
        let shifts = s.weekShifts
        XCTAssertGreaterThan(shifts.count, 2)
        XCTAssertEqual(s.selectedShift, shifts[0])
        // Monday's shift is over: part of the compliance record, said at once.
        _ = F.press(&s, .character("m"))
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message, RosterError.alreadyBegun(shifts[0].span).message.en)
        _ = F.press(&s, .right, .right, .left)
        XCTAssertEqual(s.selectedShift, shifts[1])
        _ = F.press(&s, .left, .left)
        let ahead = try XCTUnwrap(shifts.last)
        XCTAssertEqual(s.selectedShift, ahead, "← from the first goes round to the last")
        XCTAssertGreaterThan(ahead.span.start, F.now)
        _ = F.press(&s, .character("m"))
        guard case .shift(let editing)? = form(s)?.purpose else { return XCTFail("no move form") }
        XCTAssertEqual(editing, ahead)
        set(&s, 0, "2026-11-24")
        set(&s, 3, "刘强")
        var moved = ahead
        moved.person = StaffID("liu")
        moved.span = TimeSpan(on: Day(year: 2026, month: 11, day: 24)!, from: ahead.span.start.time, to: ahead.span.end.time)
        XCTAssertEqual(F.press(&s, .function(2)), [.execute(.moveShift(moved, basedOn: ahead))])
        _ = F.press(&s, .escape, .character("y"), .delete)
        XCTAssertEqual(s.modal, .confirmRemoveShift(ahead))
        XCTAssertEqual(F.press(&s, .character("n")), [])
        XCTAssertNil(s.modal)
        _ = F.press(&s, .delete)
        XCTAssertEqual(F.press(&s, .character("y")), [.execute(.removeShift(ahead))])
    }

    /// A colleague moved the shift first: the form stays as typed, now
    /// based on their version, so saving again is a decision about it.
    func testAStaleMoveKeepsTheFormBasedOnTheStoredVersion() throws {
        var s = try F.state("head", [.head])
        _ = F.press(&s, .character("3"), .left, .character("m"))
        let shown = try XCTUnwrap(s.selectedShift)
        var theirs = shown
        theirs.person = StaffID("liu")
        var snapshot = try Snapshot.load(from: try F.store(as: "head", [.head]), roles: [.head], now: F.now)
        snapshot.shifts = snapshot.shifts.map { $0.id == shown.id ? theirs : $0 }
        _ = Update.update(&s, .refused("liu moved it", snapshot, nil))
        XCTAssertEqual(form(s)?.purpose, .shift(editing: theirs))
        XCTAssertEqual(form(s)?.problem, "liu moved it")
    }

    func testOnlyThoseWhoEditTheRosterGetItsKeys() throws {
        for (account, roles) in [("duty", Set<Role>([.duty])), ("counselor", [.counselor])] {
            var s = try F.state(account, roles)
            _ = F.press(&s, .character("3"), .right, .character("a"), .character("w"), .character("m"), .delete)
            XCTAssertNil(s.modal, account)
            XCTAssertNil(s.selectedShift, account)
            XCTAssertFalse(Command.hints(s).contains { $0.key == "w" }, account)
        }
        var admin = try F.state("counselor", [.counselor, .admin])
        _ = F.press(&admin, .character("3"), .character("w"))
        XCTAssertEqual(form(admin)?.purpose, .weeklyPattern)
    }
}
