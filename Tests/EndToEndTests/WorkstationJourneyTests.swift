import Counseling
import Foundation
import GRDB
import Store
import Vault
import Workstation
import XCTest

/// The three users' journeys, driving the real `xindesk` in tmux on a
/// demo database, and checking the store afterwards.
final class WorkstationJourneyTests: DemoJourneyCase {
    override class var seed: Int { 3 }

    /// Opens the workstation and unlocks as `account` (passphrase demo).
    private func open(as account: String, width: Int = 120, height: Int = 40, extra: [String: String] = [:]) throws {
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: width, height: height,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"].merging(extra) { $1 })
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        let order = ["counselor", "duty", "head"]
        for _ in 0..<(order.firstIndex(of: account) ?? 0) { try tmux.press("Down") }
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of \(account)") { $0.contains(DemoDatabase.title(account)) }
    }

    private func store(_ account: String = "counselor") throws -> (Store, UnlockedVault) {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: account, passphrase: &p)
        return (try Store(vault: vault, writer: try vault.makeQueue()), vault)
    }

    func testDutyTeacherChecksInFindsAStudentByPinyinInitialsAndLogsAVisit() throws {
        let (before, v0) = try store()
        let target = try before.studentList()[42]
        let initials = target.pinyinInitials
        v0.lock()
        try open(as: "duty")
        try tmux.press("F5")
        try tmux.waitFor("the check-in") { $0.contains("on duty since") }
        try tmux.press("/")
        try tmux.type(initials)
        try tmux.waitFor("the filtered list") { $0.contains("Find: \(initials)") && $0.contains(target.name) }
        // Move the selection to the student in the filtered list.
        var steps = 0
        while steps < 40 {
            // The selection is drawn reversed; tmux shows it through the
            // escape-aware capture (-e): find the selected row's number.
            let raw = try tmux.run(["capture-pane", "-p", "-e", "-t", tmux.session])
            if raw.split(separator: "\n").contains(where: { $0.contains("\u{1B}[7m") && $0.contains(target.number) }) { break }
            try tmux.press("Down")
            steps += 1
        }
        try tmux.press("Enter", "n")
        try tmux.waitFor("the visit form") { $0.contains("New visit · \(target.name)") }
        try tmux.press("Tab")
        try tmux.type("1,4")
        try tmux.press("Tab")
        try tmux.type("考试焦虑")
        try tmux.press("F2")
        try tmux.waitFor("the saved message") { $0.contains("Visit saved") }
        // A check-out must come after the check-in: never within the same second.
        usleep(1_100_000)
        try tmux.press("q")
        // Checked in: quitting asks whether to check out first.
        try tmux.waitFor("the check-out question") { $0.contains("check out before quitting") }
        try tmux.press("y")
        let (after, vault) = try store()
        defer { vault.lock() }
        let visits = try after.records(Visit.self, of: target.id).filter { $0.brief == "考试焦虑" }
        XCTAssertEqual(visits.count, 1)
        XCTAssertEqual(visits.first?.reasons, [.study, .emotions])
        XCTAssertEqual(visits.first?.loggedBy, StaffID("duty"))
    }

    /// Moves the selection in the key-attention queue to the first row
    /// showing `level` (highlighted rows are drawn in reverse video).
    private func selectQueueRow(_ level: String) throws {
        for _ in 0..<20 {
            let raw = try tmux.run(["capture-pane", "-p", "-e", "-t", tmux.session])
            // Reverse video, alone or with the row's colour and weight (a level-3 row is bold).
            if raw.split(separator: "\n").contains(where: { row in
                row.contains(level) && row.contains(/\u{1B}\[([0-9]+;)*7(;[0-9]+)*m/)
            }) { return }
            try tmux.press("Down")
        }
    }

    func testCounselorRaisesAStudentToLevelThreeAndTheChronologyShowsIt() throws {
        try open(as: "counselor")
        try tmux.waitFor("the key-attention queue") { $0.contains("1 Key attention") }
        // The first level-2 student in the queue.
        try selectQueueRow("watch 2")
        try tmux.press("Enter")
        try tmux.waitFor("the file") { $0.contains("Level: watch 2") }
        try tmux.press("L")
        try tmux.waitFor("the level form") { $0.contains("Change level") }
        // The cursor starts on the new level, which is empty.
        try tmux.type("3")
        try tmux.press("Tab")
        try tmux.type("出现具体自伤计划")
        try tmux.press("F2")
        try tmux.waitFor("the saved message") { $0.contains("Level changed") }
        try tmux.press("2", "z")
        let screen = try tmux.waitFor("the chronology entry") { $0.contains("watch 2 → watch 3: 出现具体自伤计划") }
        XCTAssertTrue(screen.contains("Level: watch 3"), screen)
        try tmux.press("q")
        let (store, vault) = try store()
        defer { vault.lock() }
        let changes = try store.keyAttentionFiles().flatMap(\.levelChanges).filter { $0.reason == "出现具体自伤计划" }
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(changes.first?.to, .major)
        let followUps = try store.records(FollowUp.self, of: try XCTUnwrap(changes.first).student)
        XCTAssertTrue(followUps.contains { !$0.isDone && $0.due > changes[0].at.day })
    }

    /// Issue 16: the level form once pre-filled level 2 for a level-3
    /// student, so a quick save lowered a major case. Saved with only a
    /// reason typed, the level is refused and the student stays at 3.
    func testALevelThreeStudentSavedWithoutTouchingTheLevelStaysLevelThree() throws {
        let (before, v0) = try store()
        let levels = Dictionary(uniqueKeysWithValues: try before.keyAttentionFiles().map { ($0.student.id, $0.level) })
        let changes = try before.keyAttentionFiles().flatMap(\.levelChanges).count
        v0.lock()
        XCTAssertTrue(levels.values.contains(.major), "the demo has a level-3 student")
        try open(as: "counselor")
        try tmux.waitFor("the key-attention queue") { $0.contains("1 Key attention") }
        try selectQueueRow("watch 3")
        try tmux.press("Enter")
        try tmux.waitFor("the file") { $0.contains("Level: watch 3") }
        try tmux.press("L")
        try tmux.waitFor("the level form") { $0.contains("Change level") && $0.contains("(watch 3)") }
        try tmux.press("Tab")
        try tmux.type("复评后情况稳定")
        try tmux.press("F2")
        try tmux.waitFor("the refusal naming the current level") { $0.contains("Type the new level (now watch 3)") }
        // Saving again changes nothing either.
        try tmux.press("F2")
        try tmux.waitFor("the form still open") { $0.contains("Type the new level (now watch 3)") }
        try tmux.press("Escape")
        try tmux.waitFor("the discard question") { $0.contains("Discard it?") }
        try tmux.press("y")
        try tmux.waitFor("the file again") { $0.contains("Level: watch 3") && !$0.contains("Change level") }
        try tmux.press("q")
        let (after, v1) = try store()
        defer { v1.lock() }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: try after.keyAttentionFiles().map { ($0.student.id, $0.level) }), levels)
        XCTAssertEqual(try after.keyAttentionFiles().flatMap(\.levelChanges).count, changes, "no level change recorded")
    }

    func testASelfHarmVisitGoesFromTheDutyTeacherToACounselorWhoTakesItOver() throws {
        let (before, v0) = try store()
        let target = try before.studentList()[0]
        v0.lock()
        // The counselor's workstation is open in another room already.
        try open(as: "counselor")
        let counselor: Tmux = tmux
        defer { counselor.kill() }
        tmux = Tmux()
        try open(as: "duty")
        try tmux.press("n")
        try FocusAndDutyJourneyTests.answerDutyQuestion(tmux, with: "n")
        try tmux.waitFor("the visit form") { $0.contains("New visit · \(target.name)") }
        try tmux.press("Tab")
        try tmux.type("5")
        try tmux.press("F2")
        // The duty teacher is told who has it and what to do now.
        // Nobody is checked in and the student has no counselor of their own: every counselor gets it.
        let told = try tmux.waitFor("the escalation message") { $0.contains("escalated to every counselor") }
        XCTAssertTrue(told.contains("F7"), told)
        try tmux.press("q")

        // The open counselor workstation shows it within seconds, unasked.
        try counselor.waitFor("the escalation above the queue", timeout: AppState.pollSeconds + 10) {
            $0.contains("⚠ escalated (T)") && $0.contains(target.name)
        }
        try counselor.press("T")
        let taken = try counselor.waitFor("the student's file") {
            $0.contains("You took over") && $0.contains("\(target.name)  \(target.className)  \(target.number)")
        }
        XCTAssertFalse(taken.contains("⚠ escalated"), taken)
        try counselor.press("q")
        try counselor.waitFor("the counselor's program to end") { _ in (try? counselor.paneDead()) == true }
        let (after, vault) = try store()
        defer { vault.lock() }
        let visit = try XCTUnwrap(try after.records(Visit.self, of: target.id).first { $0.reasons.contains(.selfHarmThoughts) })
        XCTAssertEqual(visit.escalationTakenBy, StaffID("counselor"))
        XCTAssertEqual(try after.escalationsAwaitingCounselor(), [])
    }

    func testANoteBeingWrittenSurvivesTheLockAndTheTerminalClosing() throws {
        try open(as: "counselor")
        try tmux.press("Enter")
        try tmux.waitFor("the file") { $0.contains("Level: ") }
        try tmux.press("e")
        try tmux.waitFor("the note editor") { $0.contains("F2 or Ctrl-S saves") }
        try tmux.type("锁屏前写到一半的记录")
        try tmux.press("F12")
        let locked = try tmux.waitFor("the unlock screen") { $0.contains("Unlock") }
        XCTAssertFalse(locked.contains("写到一半"), locked)
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the note back in its editor") { $0.contains("is back") && $0.contains("锁屏前写到一半的记录") }

        // The terminal goes away mid-sentence: the draft is kept on the way out.
        try tmux.type("，然后终端断开")
        try tmux.waitFor("the typed text") { $0.contains("然后终端断开") }
        tmux.kill()
        var kept: Draft?
        for _ in 0..<100 where kept == nil {
            usleep(100_000)
            if let (store, vault) = try? store() {
                kept = try store.draft(Draft.self, of: StaffID("counselor"))
                vault.lock()
            }
        }
        guard case .note(let note) = kept else { return XCTFail("no note kept: \(String(describing: kept))") }
        XCTAssertEqual(note.text, "锁屏前写到一半的记录，然后终端断开")

        tmux = Tmux()
        try open(as: "counselor")
        try tmux.waitFor("the note back again") { $0.contains("is back") && $0.contains("然后终端断开") }
        try tmux.press("F2")
        try tmux.waitFor("the saved note") { $0.contains("Case note saved") }
        try tmux.press("q")
        let (after, vault) = try store()
        defer { vault.lock() }
        XCTAssertNil(try after.draft(Draft.self, of: StaffID("counselor")), "a saved note leaves no draft")
        XCTAssertEqual(try after.keyAttentionFiles().flatMap(\.caseNotes).filter { $0.text == "锁屏前写到一半的记录，然后终端断开" }.count, 1)
    }

    func testHeadOfGuidanceSeesAViolationFromTheDemo() throws {
        try open(as: "head")
        try tmux.press("2", "z")
        let screen = try tmux.waitFor("the compliance view") { $0.contains("2 Compliance") && $0.contains("Violations") }
        XCTAssertTrue(screen.contains("Nobody checked in") || screen.contains("Open only"), screen)
        XCTAssertTrue(screen.contains("Class hours a week"), screen)
    }

    func testHeadOfGuidanceExportsTheComplianceReportAndNeverOverwritesAFile() throws {
        try open(as: "head")
        try tmux.press("F8")
        try tmux.waitFor("the export form") { $0.contains("Export the compliance report") }
        try tmux.press("F2")
        try tmux.waitFor("the written message") { $0.contains("Written to") }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("xindesk-compliance-") }
        XCTAssertEqual(files.count, 1, "\(files)")
        let path = dir + "/" + files[0]
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o600)
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(csv.contains("violation date"), csv)
        XCTAssertTrue(csv.contains("Nobody checked in") || csv.contains("Open only"), csv)
        // The same name again: refused in the form, the file untouched.
        try tmux.press("F8")
        try tmux.waitFor("the export form again") { $0.contains("Export the compliance report") }
        try tmux.press("F2")
        try tmux.waitFor("the refusal") { $0.contains("already exists and was not replaced") }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), csv)
        try tmux.press("Escape")
        try tmux.press("q")
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "head", passphrase: &p)
        defer { vault.lock() }
        let actions = try vault.makeQueue().read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE actor = 'head'")
        }
        XCTAssertEqual(actions.filter { $0 == "compliance.export" }.count, 1, "\(actions)")
    }

    func testHeadOfGuidancePrintsTheVisitRegisterFromThePaletteWithoutBriefs() throws {
        try open(as: "head")
        try tmux.press(":")
        try tmux.waitFor("the palette") { $0.contains("Commands") }
        try tmux.type("print: visit")
        try tmux.waitFor("the print entry") { $0.contains("print: Visit register") }
        try tmux.press("Enter")
        try tmux.waitFor("the print form") { $0.contains("Visit register: this term so far") && $0.contains("F2 write the file") }
        try tmux.press("F2")
        try tmux.waitFor("the written message") { $0.contains("Written to") }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("xindesk-visits-") }
        XCTAssertEqual(files.count, 1, "\(files)")
        let path = dir + "/" + files[0]
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o600)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(html.contains("<h1>Visit register</h1>") && html.contains("<tbody><tr><td>"), "rows are printed")
        XCTAssertFalse(html.contains("Brief") || html.contains("Reasons"), "no clinical column for a head")
        try tmux.press("q")
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "head", passphrase: &p)
        defer { vault.lock() }
        let prints = try vault.makeQueue().read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE actor = 'head' AND action = 'document.print'")
        }
        XCTAssertEqual(prints.count, 1, "\(prints)")
        XCTAssertTrue(prints[0].hasPrefix("visits "), "\(prints)")
    }

    func testChineseIsDrawnWhenTheTeachersLocaleIsMissingOnThisMachine() throws {
        // LANG names a locale a minimal install does not have (and LANG=C
        // none at all): the screen must still show Chinese, not "?".
        for lang in ["zh_CN.UTF-8", "C"] {
            try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "zh"], environment: [
                "HOME": dir, "XDG_CONFIG_HOME": dir + "/config", "LANG": lang, "LC_ALL": ""])
            let screen = try tmux.waitFor("the unlock screen in Chinese with LANG=\(lang)") { $0.contains("counselor") }
            XCTAssertTrue(screen.contains("解锁"), screen)
            XCTAssertFalse(screen.contains("??"), screen)
            // A server of its own for the next run: one just killed may
            // still hold its socket.
            tmux.kill()
            tmux = Tmux()
        }
    }

    func testDutyTeacherCannotReachCaseNoteText() throws {
        let (s, vault) = try store()
        let notes = try s.keyAttentionFiles().flatMap { $0.caseNotes.map(\.text) }
        vault.lock()
        XCTAssertFalse(notes.isEmpty)
        try open(as: "duty")
        for keys in [["Enter"], ["2"], ["2", "z"], ["z"], ["Tab", "Enter"], ["F4"], ["L"], ["F2"], ["Escape"], ["3"], ["4"], ["1", "Down", "Enter"]] {
            for key in keys { try tmux.press(key) }
            let screen = try tmux.screen()
            for note in notes { XCTAssertFalse(screen.contains(note), "case-note text after \(keys)") }
        }
    }

    func testIdleLockHidesEveryStudentName() throws {
        try FileManager.default.createDirectory(atPath: dir + "/config/xindesk", withIntermediateDirectories: true)
        try "idle_lock_minutes = 1\n".write(toFile: dir + "/config/xindesk/config.toml", atomically: true, encoding: .utf8)
        try open(as: "counselor")
        let before = try tmux.waitFor("the queue") { $0.contains("Key attention") }
        let (s, vault) = try store()
        let names = try s.studentList().map(\.name)
        vault.lock()
        XCTAssertTrue(names.contains { before.contains($0) })
        let locked = try tmux.waitFor("the idle lock", timeout: 90) { $0.contains("Locked") }
        for name in names { XCTAssertFalse(locked.contains(name), "\(name) still on screen") }
    }
}
