import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// Issue 16, point 1 (every key acts on the student the focused pane
/// names; the search box offers only what works there) and point 7 (duty
/// discipline: check in before a visit, check out and quit only when asked).
final class FocusAndDutyTests: XCTestCase {
    typealias F = WorkstationFixture

    private func snapshot(_ roles: Set<Role>, _ account: String, _ edit: (inout Snapshot) -> Void = { _ in }) throws -> Snapshot {
        var snap = try Snapshot.load(from: try F.store(as: account, roles), roles: roles, now: F.now)
        edit(&snap)
        return snap
    }

    private func checkIn(_ person: String) -> DutyCheckIn {
        DutyCheckIn(id: DutyCheckInID("in-\(person)"), person: StaffID(person), checkIn: LocalDateTime(F.now.day, TimeOfDay(hour: 12, minute: 0)!))
    }

    // MARK: - point 1

    func testFromTheSearchBoxEveryOfferedKeyActsOnTheStudentFoundAndTheBriefGoesIntoTheForm() throws {
        var s = try F.state("duty", [.duty])
        let target = s.students[17]
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, target.number)
        XCTAssertEqual(s.selectedStudent?.id, target.id)
        // Letters are text here: the footer offers Esc, Enter and function keys only.
        let hints = Command.hints(s)
        XCTAssertEqual(hints.prefix(2).map(\.key), ["Esc", "Enter"])
        for hint in hints.dropFirst(2) { XCTAssertTrue(hint.key.hasPrefix("F"), "\(hint) offered in the search box") }
        XCTAssertTrue(hints.contains { $0.key == "F2" } && hints.contains { $0.key == "F5" } && hints.contains { $0.key == "F7" }, "\(hints)")
        // Every key offered does something from the search box.
        for hint in hints.dropFirst(2) {
            var m = s
            let n = Int(hint.key.dropFirst())!
            let effects = F.press(&m, .function(n))
            XCTAssertTrue(!effects.isEmpty || m.modal != nil || m.phase != .main || m.pane != s.pane || m.maximized,
                          "\(hint.key) did nothing from the search box")
            if m.phase != .unlock { XCTAssertEqual(m.filter.text, target.number, "\(hint.key) left the search text alone") }
        }
        // F2: the visit form for the student found (after the duty question), and what is typed goes there.
        _ = F.press(&s, .function(2))
        guard case .confirmCheckIn(let asked) = s.modal, case .visit(target.id?) = asked.purpose else { return XCTFail("\(String(describing: s.modal))") }
        _ = F.press(&s, .character("n"), .tab)
        _ = F.type(&s, "5")
        _ = F.press(&s, .tab, .paste("说最近经常想死，晚上睡不着。"))
        guard case .form(let form) = s.modal, case .visit(target.id?) = form.purpose else { return XCTFail("no visit form") }
        XCTAssertEqual(form.form.fields[2].editor.text, "说最近经常想死，晚上睡不着。")
        XCTAssertEqual(s.filter.text, target.number, "nothing typed lands in the search box")
        guard case .execute(.logVisit(let visit)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(visit.student, target.id)
    }

    func testEscInTheSearchRestoresTheSelectionBeforeIt() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .down, .down, .down)
        let before = try XCTUnwrap(s.selectedStudent)
        let other = s.students[120]
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, other.number)
        XCTAssertEqual(s.selectedStudent?.id, other.id)
        _ = F.press(&s, .escape)
        XCTAssertFalse(s.filtering)
        XCTAssertEqual(s.filter.text, "")
        XCTAssertEqual(s.selectedStudent?.id, before.id, "Esc goes back to the student selected before /")
        // After Enter the search stays as found; Esc in the next search goes back to it.
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, other.number)
        _ = F.press(&s, .enter, .character("/"))
        _ = F.type(&s, "zzzz")
        _ = F.press(&s, .escape)
        XCTAssertEqual(s.filter.text, other.number)
        XCTAssertEqual(s.selectedStudent?.id, other.id)
    }

    func testAfterTakingOverF4AndEActOnTheStudentTakenOverAndThePaneNamesThem() throws {
        var s = try F.state("counselor", [.counselor])
        let queued = Set(s.queue.map(\.student.id))
        let student = try XCTUnwrap(s.students.first { $0.level == .none && !queued.contains($0.id) })
        let inQueue = try XCTUnwrap(s.selectedStudent)
        s.escalations = [Visit(id: VisitID("v-1"), student: student.id, loggedBy: StaffID("duty"), channel: .walkIn, start: F.now,
                               reasons: [.selfHarmThoughts], brief: "", followUpNeeded: true, escalatedTo: StaffID("counselor"))]
        XCTAssertEqual(F.press(&s, .character("T")), [.execute(.takeEscalation(VisitID("v-1")))])
        _ = Update.update(&s, .escalationTaken("taken", try snapshot([.counselor], "counselor"), try F.openFile(student.id)))
        XCTAssertEqual(s.pane, .file)
        XCTAssertEqual(s.focusedStudent, student.id)
        XCTAssertTrue(F.screen(s).contains("2 File · \(student.name)"), F.screen(s))
        _ = F.press(&s, .function(4))
        guard case .form(let level) = s.modal, case .level(student.id, _) = level.purpose else { return XCTFail("F4: \(String(describing: s.modal))") }
        _ = F.press(&s, .escape, .character("e"))
        guard case .note(let note) = s.modal else { return XCTFail("e: \(String(describing: s.modal))") }
        XCTAssertEqual(note.student, student.id)
        _ = F.press(&s, .escape, .character("b"))
        guard case .form(let booking) = s.modal, case .appointment(student.id, _) = booking.purpose else { return XCTFail("b") }
        _ = F.press(&s, .escape)

        // Back in pane 1 the queue's cursor names another student: the
        // file's keys are neither offered nor run there, F4 is about the one shown.
        _ = F.press(&s, .character("1"))
        XCTAssertEqual(s.selectedStudent?.id, inQueue.id)
        XCTAssertFalse(Command.hints(s).contains { $0.key == "F3/e" }, "\(Command.hints(s))")
        XCTAssertEqual(F.press(&s, .character("e")), [])
        XCTAssertNil(s.modal)
        _ = F.press(&s, .function(4))
        guard case .form(let shown) = s.modal, case .level(inQueue.id, _) = shown.purpose else { return XCTFail("F4 in pane 1") }
    }

    func testOpeningAFileMovesTheListToItsStudent() throws {
        var s = try F.state("counselor", [.counselor])
        let second = try XCTUnwrap(s.queue.dropFirst().first?.student.id)
        _ = Update.update(&s, .fileOpened(try F.openFile(second)))
        XCTAssertEqual(s.selectedStudent?.id, second)
        XCTAssertTrue(Command.hints(s).contains { $0.key == "F3/e" })
    }

    // MARK: - point 7

    func testAVisitWhileNobodyIsCheckedInAsksToCheckInFirst() throws {
        var s = try F.state("duty", [.duty])
        XCTAssertFalse(s.anyoneOnDuty)
        let student = try XCTUnwrap(s.selectedStudent)
        // Esc: nothing.
        XCTAssertEqual(F.press(&s, .character("n")), [])
        guard case .confirmCheckIn = s.modal else { return XCTFail("no question") }
        _ = F.press(&s, .escape)
        XCTAssertNil(s.modal)
        // n: the form without checking in.
        _ = F.press(&s, .character("n"), .character("n"))
        guard case .form(let plain) = s.modal, case .visit(student.id?) = plain.purpose else { return XCTFail("n") }
        _ = F.press(&s, .escape)
        // y: checks in, and the form opens once the check-in is saved.
        _ = F.press(&s, .character("n"))
        let effects = F.press(&s, .character("y"))
        guard case .execute(.checkIn(let open))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(open.person, StaffID("duty"))
        _ = Update.update(&s, .saved(S.checkedIn.text(.en), try snapshot([.duty], "duty") { $0.checkIns.append(open) }, nil))
        guard case .form(let after) = s.modal, case .visit(student.id?) = after.purpose else { return XCTFail("no form after the check-in") }
        XCTAssertEqual(s.message, "Checked in.")
        XCTAssertTrue(F.screen(s).contains("on duty since 16:30"))
        // Someone on duty: no question.
        s.modal = nil
        XCTAssertEqual(F.press(&s, .function(2)), [])
        guard case .form = s.modal else { return XCTFail("asked again while on duty") }

        // A refused check-in still opens the form, saying why.
        var r = try F.state("duty", [.duty])
        _ = F.press(&r, .character("n"), .character("y"))
        _ = Update.update(&r, .failed("refused"))
        guard case .form(let refused) = r.modal else { return XCTFail("the visit must still be logged") }
        XCTAssertEqual(refused.problem, "refused")
        XCTAssertNil(r.afterSave)
    }

    func testF5CheckOutAsksFirst() throws {
        var s = try F.state("duty", [.duty])
        let open = checkIn("duty")
        s.checkIns.append(open)
        XCTAssertEqual(F.press(&s, .function(5)), [])
        XCTAssertEqual(s.modal, .confirmCheckOut(open))
        XCTAssertEqual(F.press(&s, .character("n")), [])
        XCTAssertNil(s.modal)
        XCTAssertEqual(F.press(&s, .function(5), .character("y")), [.execute(.checkOut(open.id))])
        XCTAssertNil(s.modal)
        // Checking in asks nothing.
        s.checkIns = []
        guard case .execute(.checkIn)? = F.press(&s, .function(5)).first else { return XCTFail() }
    }

    func testQuittingWhileCheckedInAsksToCheckOut() throws {
        var s = try F.state("duty", [.duty])
        XCTAssertEqual(F.press(&s, .character("q")), [.quit], "off duty: quits at once")
        let open = checkIn("duty")
        s.checkIns.append(open)
        XCTAssertEqual(F.press(&s, .character("q")), [])
        XCTAssertEqual(s.modal, .confirmQuitOnDuty(open, returnTo: nil))
        XCTAssertEqual(F.press(&s, .escape), [])
        XCTAssertNil(s.modal, "Esc goes back")
        XCTAssertEqual(F.press(&s, .function(10), .character("n")), [.quit], "n quits on duty")
        s.modal = nil
        // y: the check-out first, the quit once it is saved; a refusal keeps the app open.
        XCTAssertEqual(F.press(&s, .character("q"), .character("y")), [.execute(.checkOut(open.id))])
        XCTAssertEqual(Update.update(&s, .failed("refused")), [])
        XCTAssertEqual(s.message, "refused")
        _ = F.press(&s, .character("q"), .character("y"))
        XCTAssertEqual(Update.update(&s, .saved(S.checkedOut.text(.en), try snapshot([.duty], "duty"), nil)), [.quit])
        // From a form with text: the form's question, then the duty one; Esc is back in the form.
        var f = try F.state("duty", [.duty])
        f.checkIns.append(open)
        _ = F.press(&f, .character("n"), .tab, .tab, .paste("x"), .function(10), .character("y"))
        guard case .confirmQuitOnDuty(_, .form?)? = f.modal else { return XCTFail("\(String(describing: f.modal))") }
        _ = F.press(&f, .escape)
        guard case .form(let back) = f.modal else { return XCTFail() }
        XCTAssertEqual(back.form.fields[2].editor.text, "x")
    }

    // MARK: - snapshots

    func testFocusAndDutyQuestionsInBothLanguagesAtBothSizes() throws {
        for language in [Language.zhHans, .en] {
            for (w, h) in [(80, 24), (120, 40)] {
                let tag = "\(language == .en ? "en" : "zh")-\(w)x\(h)"
                var duty = try F.state("duty", [.duty], language: language, width: w, height: h)
                var search = duty
                _ = F.press(&search, .character("/"))
                _ = F.type(&search, "zs")
                assertSnapshot(search, "search-footer-" + tag)
                var ask = duty
                _ = F.press(&ask, .function(2))
                assertSnapshot(ask, "confirm-check-in-" + tag)
                duty.checkIns.append(checkIn("duty"))
                var out = duty
                _ = F.press(&out, .function(5))
                assertSnapshot(out, "confirm-check-out-" + tag)
                _ = F.press(&duty, .character("q"))
                assertSnapshot(duty, "confirm-quit-on-duty-" + tag)

                var counselor = try F.state("counselor", [.counselor], language: language, width: w, height: h)
                let queued = Set(counselor.queue.map(\.student.id))
                let student = try XCTUnwrap(counselor.students.first { $0.level == .none && !queued.contains($0.id) })
                _ = Update.update(&counselor, .escalationTaken(language == .en ? "You took over." : "已接手。",
                                                               try snapshot([.counselor], "counselor"), try F.openFile(student.id)))
                assertSnapshot(counselor, "taken-over-file-" + tag)

                var unlock = AppState(language: language, accounts: ["counselor", "duty", "head"], now: F.now, wall: F.wall)
                unlock.width = w
                unlock.height = h
                _ = Update.update(&unlock, .unlockFailed(S.wrongPassphrase.text(language), account: "counselor", retryAt: F.wall.addingTimeInterval(4)))
                _ = Update.update(&unlock, .tick(now: F.now, wall: F.wall.addingTimeInterval(1.5)))
                XCTAssertEqual(unlock.unlockWait, 3, "the wait counts down with the clock")
                assertSnapshot(unlock, "unlock-countdown-" + tag)
            }
        }
    }
}
