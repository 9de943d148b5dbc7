import Counseling
import Foundation
@testable import Store
import Vault
import Workstation
import XCTest

/// Issue 16, points 1 and 7, in the real `xindesk` in tmux: a key typed
/// after a search acts on the student found and what follows goes into the
/// form; after `T` every key is about the student taken over; the duty
/// teacher is asked to check in before a visit and to check out on quitting.
final class FocusAndDutyJourneyTests: DemoJourneyCase {
    private let zone = TimeZone(identifier: "Asia/Shanghai")!

    private func open(as account: String) throws {
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 120, height: 40,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        for _ in 0..<(["counselor", "duty", "head"].firstIndex(of: account) ?? 0) { try tmux.press("Down") }
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of \(account)") { $0.contains(DemoDatabase.title(account)) }
    }

    /// Logging a visit while nobody is checked in asks first: `key` answers.
    static func answerDutyQuestion(_ tmux: Tmux, with key: String) throws {
        let screen = try tmux.waitFor("the duty question or the visit form") { $0.contains("Nobody is checked in") || $0.contains("New visit ·") }
        if screen.contains("Nobody is checked in") { try tmux.press(key) }
    }

    func testSlashInitialsThenF2OpensTheVisitFormForTheStudentFoundAndTheBriefLandsInIt() throws {
        let target = try reading { store, _ in
            try XCTUnwrap(try store.studentList().first { $0.leaving == nil && $0.matches(StudentSummary.Query("zs", levelsAndFlags: false)) })
        }
        try open(as: "duty")
        try tmux.press("/")
        try tmux.type("zs")
        let found = try tmux.waitFor("the search") { $0.contains("Find: zs") && $0.contains(target.name) }
        // Only what works in the search box is offered.
        XCTAssertTrue(found.contains("Esc cancel search") && found.contains("F2 new visit"), found)
        XCTAssertFalse(found.contains("F2/n") || found.contains("b book"), found)
        try tmux.press("F2")
        let asked = try tmux.waitFor("the duty question or the form") { $0.contains("Nobody is checked in") || $0.contains("New visit ·") }
        let wasAsked = asked.contains("Nobody is checked in")
        if wasAsked {
            // 专人值班: check in, then the visit form.
            try tmux.press("y")
            try tmux.waitFor("the check-in") { $0.contains("on duty since") && $0.contains("New visit ·") }
        }
        try tmux.waitFor("the visit form for the student found") { $0.contains("New visit · \(target.name)") }
        try tmux.press("Tab")
        try tmux.type("5")
        try tmux.press("Tab")
        try tmux.type("说最近经常想死，晚上睡不着。")
        let typed = try tmux.waitFor("the brief in the form") { $0.contains("说最近经常想死") }
        XCTAssertFalse(typed.contains("Find: zs说"), typed)
        try tmux.press("F2")
        try tmux.waitFor("the visit saved") { $0.contains("escalated to") }
        // Quitting while checked in asks first; y checks out, then quits.
        // (A check-out must come after the check-in: this journey is faster
        // than a second, a teacher never is.)
        usleep(1_100_000)
        try tmux.press("q")
        try tmux.waitFor("the check-out question") { $0.contains("check out before quitting") }
        try tmux.press("y")
        try tmux.waitUntilDead("the workstation")

        try reading { store, _ in
            let visits = try store.records(Visit.self, of: target.id).filter { $0.brief == "说最近经常想死，晚上睡不着。" }
            XCTAssertEqual(visits.count, 1)
            XCTAssertEqual(visits.first?.loggedBy, StaffID("duty"))
            let today = LocalDateTime(Date(), in: zone).day
            let mine = try store.records(DutyCheckIn.self, from: LocalDateTime(today, .midnight), to: LocalDateTime(today.adding(days: 1), .midnight))
                .filter { $0.person == StaffID("duty") }
            if wasAsked { XCTAssertEqual(mine.count, 1, "checked in at the question") }
            XCTAssertTrue(mine.allSatisfy { $0.checkOut != nil }, "checked out at the quit question: \(mine)")
        }
    }

    func testAfterTakingOverF4AndEActOnTheStudentTakenOver() throws {
        // A duty teacher's self-harm visit about a student outside the queue, waiting for a counselor.
        let queued = try reading { store, _ in Set(try store.keyAttentionQueue(today: LocalDateTime(Date(), in: zone).day).map(\.student.id)) }
        let student = try reading("duty") { store, vault in
            let student = try XCTUnwrap(try store.studentList().dropFirst(30).first { $0.leaving == nil && !queued.contains($0.id) })
            let now = LocalDateTime(Date(), in: zone)
            try store.execute(.logVisit(Visit(id: VisitID("visit-e2e-focus"), student: student.id, loggedBy: StaffID("duty"), channel: .walkIn,
                                              start: now, reasons: [.selfHarmThoughts], brief: "", followUpNeeded: true,
                                              escalatedTo: .everyCounselor)), as: Account(vault), at: now)
            return student
        }
        try open(as: "counselor")
        try tmux.waitFor("the escalation") { $0.contains("⚠ escalated (T)") && $0.contains(student.name) }
        try tmux.press("T")
        try tmux.waitFor("the file taken over, named in its title") { $0.contains("You took over") && $0.contains("2 File · \(student.name)") }
        try tmux.press("F4")
        try tmux.waitFor("the level form for the student taken over") { $0.contains("Change level · \(student.name)") }
        // The form starts on the new level, empty: the counselor chooses it, then gives the reason.
        try tmux.type("2")
        try tmux.press("Tab")
        try tmux.type("接手后评估：有自伤想法")
        try tmux.press("F2")
        try tmux.waitFor("the level saved") { $0.contains("Level changed") }
        try tmux.press("e")
        try tmux.waitFor("the note editor for the student taken over") { $0.contains("Case note · \(student.name)") }
        try tmux.type("接手后的第一条记录")
        try tmux.press("F2")
        try tmux.waitFor("the note saved") { $0.contains("Case note saved") }
        try tmux.press("q")
        try tmux.waitUntilDead("the workstation")

        try reading { store, _ in
            let file = try store.openFile(student.id, as: Account(id: StaffID("counselor"), roles: [.counselor]), at: LocalDateTime(Date(), in: zone))
            XCTAssertEqual(file.levelChanges.map(\.reason), ["接手后评估：有自伤想法"])
            XCTAssertEqual(file.caseNotes.map(\.text), ["接手后的第一条记录"])
        }
    }
}
