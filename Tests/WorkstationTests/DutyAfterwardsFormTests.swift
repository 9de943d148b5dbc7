import Counseling
import Foundation
import GRDB
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// The head's forms on the compliance view against a real store: what
/// they send, and what happens when another head saved first.
final class DutyAfterwardsFormTests: XCTestCase {
    typealias F = WorkstationFixture

    private func demo() throws -> (Store, Store) {
        let store = try Store(writer: DatabaseQueue(), timeZone: F.zone, keys: .ephemeral())
        try store.saveDemo(DemoSchool.generate(students: 300, seed: 11, now: F.now, calendar: try HolidayFile.bundledCalendar()),
                           by: DemoSchool.counselorID, at: F.now)
        let head = try Store(writer: store.writer, timeZone: F.zone, accounts: store.accounts,
                             keys: store.keys.limited(to: [.oversight], account: "head"))
        return (store, head)
    }

    private func headState(_ head: Store) throws -> AppState {
        var s = AppState(language: .zhHans, accounts: ["counselor", "duty", "head"], now: F.now, wall: F.wall)
        _ = Update.update(&s, .unlocked(account: "head", roles: [.head]))
        _ = Update.update(&s, .loaded(try Snapshot.load(from: head, roles: [.head], now: F.now)))
        _ = F.press(&s, .character("2"))
        return s
    }

    func testAnExplanationRefusedBecauseAnotherHeadSavedFirstIsRebasedOnTheirsAndSavesOverItOnceSeen() throws {
        let (_, head) = try demo()
        var s = try headState(head)
        let violation = try XCTUnwrap(s.selectedViolation)
        _ = F.press(&s, .character("a"))
        let mine = F.press(&s, .paste("运动会"), .function(2))
        // Meanwhile another head's workstation explained the same violation.
        let theirs = ViolationNote(about: violation, text: "全校停课", by: StaffID("head"), at: F.now)
        try head.execute(.explainViolation(theirs, basedOn: nil), as: F.account("head"), at: F.now)
        guard case .execute(let command) = mine.last else { return XCTFail("\(mine)") }
        XCTAssertThrowsError(try head.execute(command, as: F.account("head"), at: F.now)) { error in
            let refusal = (error as? StoreError)?.message.text(.zhHans) ?? ""
            XCTAssertTrue(refusal.contains("赵建国 在 11月20日 16:30 已修改了这条记录"), refusal)
            _ = Update.update(&s, .refused(refusal, try! Snapshot.load(from: head, roles: [.head], now: F.now), nil))
        }
        guard case .form(let form) = s.modal, case .explainViolation(_, let base) = form.purpose else { return XCTFail("the form closed") }
        XCTAssertEqual(base?.text, "全校停课", "now based on theirs")
        XCTAssertEqual(form.form.fields[0].editor.text, "运动会", "what was typed stays")
        XCTAssertNotNil(form.problem)
        let again = F.press(&s, .function(2))
        guard case .execute(let second) = again.last else { return XCTFail("\(again)") }
        try head.execute(second, as: F.account("head"), at: F.now)
        XCTAssertEqual(try head.revisions(of: ViolationNote.self, id: ViolationNoteID(violation.key)).map(\.value.text), ["全校停课"])
    }

    func testTheCorrectionFormNeedsAReasonAndANumberItListed() throws {
        let (_, head) = try demo()
        var s = try headState(head)
        _ = F.press(&s, .character("i"))
        guard case .form(let opened) = s.modal, case .correctCheckIn(let candidates) = opened.purpose else { return XCTFail("no form") }
        XCTAssertEqual(candidates.count, 1)
        // No reason: the form says so and sends nothing.
        XCTAssertEqual(F.press(&s, .function(2)), [])
        guard case .form(let f) = s.modal else { return XCTFail("the form closed") }
        XCTAssertEqual(f.form.fields[3].error, DutyProblem.reasonRequired.message.zh)
        // A number it did not list.
        // Tab stops at the last field: back up to the first with ↑.
        _ = F.press(&s, .tab, .paste("登记有误"), .tab)
        guard case .form(let last) = s.modal else { return XCTFail("the form closed") }
        XCTAssertEqual(last.form.focus, 3, "no wrapping round into the first field")
        _ = F.press(&s, .up, .up, .up, .backspace, .paste("2"))
        XCTAssertEqual(F.press(&s, .function(2)), [])
        guard case .form(let g) = s.modal else { return XCTFail("the form closed") }
        XCTAssertNotNil(g.form.fields[0].error)
        // Nothing changed but the reason: the store says there is nothing to correct.
        _ = F.press(&s, .backspace, .paste("1"))
        let effects = F.press(&s, .function(2))
        guard case .execute(.correctCheckIn(let asked, let reason, let base)) = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual([asked.checkIn, asked.checkOut], [base.checkIn, base.checkOut])
        XCTAssertEqual(reason, "登记有误")
        XCTAssertThrowsError(try head.execute(.correctCheckIn(asked, reason: reason, basedOn: base), as: F.account("head"), at: F.now)) {
            XCTAssertEqual($0 as? DutyProblem, .nothingChanged)
        }
    }
}
