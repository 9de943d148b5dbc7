import Counseling
import Foundation
import GRDB
@testable import Store
import Vault
import Workstation
import XCTest

/// The rules the store keeps, tried as teachers would: the real `xindesk`
/// in tmux, two workstations on one demo database where it matters, and
/// the store read back afterwards.
final class StoreRulesJourneyTests: XCTestCase {
    private var dir = ""
    private var db: String { dir + "/demo.db" }
    private var sessions: [Tmux] = []

    override func setUpWithError() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed (scripts/ensure-packages installs it)") }
        dir = try DemoDatabase.make(seed: 5)
    }

    override func tearDownWithError() throws {
        sessions.forEach { $0.kill() }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A workstation of its own (its own tmux server), unlocked as `account`
    /// (listed at `order` on the unlock screen), whose title bar names it
    /// `shownAs` (the demo's display names by default).
    private func workstation(_ account: String, shownAs: String? = nil, passphrase: String = "demo1234", database: String? = nil,
                             order: [String] = ["counselor", "duty", "head"]) throws -> Tmux {
        let tmux = Tmux()
        sessions.append(tmux)
        try tmux.start([Products.path("xindesk"), "--db", database ?? db, "--lang", "en"], width: 120, height: 40,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        for _ in 0..<(order.firstIndex(of: account) ?? 0) { try tmux.press("Down") }
        try tmux.type(passphrase)
        try tmux.press("Enter")
        let title = shownAs.map { "心 desk │ " + $0 } ?? DemoDatabase.title(account)
        try tmux.waitFor("the main screen of \(account)") { $0.contains(title) }
        return tmux
    }

    /// Reads the store as the counselor, then locks it again.
    private func reading<T>(_ database: String? = nil, account: String = "counselor", passphrase: String = "demo1234",
                            _ body: (Store) throws -> T) throws -> T {
        var p = Array(passphrase.utf8)
        let vault = try Vault.unlock(database: database ?? db, account: account, passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { _ = try? vault.close(queue) }
        return try body(try Store(vault: vault, writer: queue))
    }

    /// Finds a student by number in the list: `/`, the number, then `key`.
    private func find(_ tmux: Tmux, _ student: StudentSummary, then key: String) throws {
        try tmux.press("1", "/", "C-u")
        try tmux.type(student.number)
        try tmux.waitFor("\(student.name) found") { $0.contains("Find: \(student.number)") && $0.contains(student.name) }
        try tmux.press(key)
    }

    private func waitForExit(_ tmux: Tmux) throws {
        let deadline = Date().addingTimeInterval(15)
        while try !tmux.paneDead(), Date() < deadline { usleep(50_000) }
        if try !tmux.paneDead() {
            let screen = (try? tmux.screen()) ?? ""
            try? screen.write(toFile: FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-e2e-quit.txt").path,
                              atomically: true, encoding: .utf8)
            XCTFail("the workstation did not quit; screen:\n" + screen)
        }
    }

    // (a) A crisis step is always about the student the pane names.
    func testACrisisStepAfterSearchAndEscIsRecordedForTheStudentFoundNotTheOpenRun() throws {
        let (a, b) = try reading { store -> (StudentSummary, StudentSummary) in
            let withRuns = Set(try store.openCrisisRuns().compactMap(\.student))
            let free = try store.studentList().filter { !withRuns.contains($0.id) }
            return (free[3], free[40])
        }
        let duty = try workstation("duty")
        try find(duty, a, then: "Enter")
        try duty.press("F7")
        try duty.waitFor("A's crisis run") { $0.contains("Crisis run · \(a.name)") }
        try duty.press("Space")
        try duty.waitFor("A's first step") { $0.contains("Recorded") }
        // B is found by search; Enter leaves the search with B selected
        // (Esc would cancel it, back to A).
        try find(duty, b, then: "Enter")
        try duty.press("F7")
        try duty.waitFor("B's crisis run") { $0.contains("Crisis run · \(b.name)") }
        try duty.press("Space")
        let screen = try duty.waitFor("B's first step") { $0.contains("Crisis run · \(b.name)") && $0.contains("✓") }
        XCTAssertFalse(screen.contains("Crisis run · \(a.name)"), screen)
        try duty.press("q")
        try waitForExit(duty)

        try reading { store in
            let runsA = try store.records(CrisisRun.self, of: a.id), runsB = try store.records(CrisisRun.self, of: b.id)
            XCTAssertEqual(runsA.count, 1)
            XCTAssertEqual(runsB.count, 1)
            XCTAssertEqual(runsA.first?.records.map(\.stepID), ["keep-safe"], "A's run has only its own step")
            XCTAssertEqual(runsB.first?.records.map(\.stepID), ["keep-safe"], "the step after Esc and F7 is B's")
            XCTAssertEqual(runsB.first?.records.first?.by, StaffID("duty"))
        }
    }

    // (b) A hand-over reaches the named counselor's open workstation.
    func testADutyTeachersHandOverReachesTheCounselorsOpenWorkstationWhoTakesIt() throws {
        let student = try reading { store in
            let withRuns = Set(try store.openCrisisRuns().compactMap(\.student))
            return try store.studentList().filter { !withRuns.contains($0.id) }[7]
        }
        let counselor = try workstation("counselor")
        let duty = try workstation("duty")
        try find(duty, student, then: "Enter")
        try duty.press("F7")
        try duty.waitFor("the crisis run") { $0.contains("Crisis run · \(student.name)") }
        try duty.press("h")
        try duty.waitFor("the hand-over form") { $0.contains("Hand over to a counselor") && $0.contains("1 ") }
        try duty.type("学生在辅导室，情绪激动")
        try duty.press("F2")
        try duty.waitFor("the hand-over message") { $0.contains("Handed over to counselor") && $0.contains("stay with the student") }

        try counselor.waitFor("the hand-over above the queue", timeout: AppState.pollSeconds + 10) {
            $0.contains("crisis hand-over (T)") && $0.contains(student.name)
        }
        try counselor.press("T")
        let taken = try counselor.waitFor("the student's file") {
            $0.contains("You took over the crisis run") && $0.contains(student.number)
        }
        XCTAssertFalse(taken.contains("crisis hand-over (T)"), taken)
        try counselor.press("q")
        try duty.press("q")
        try waitForExit(counselor)
        try waitForExit(duty)

        try reading { store in
            let run = try XCTUnwrap(try store.records(CrisisRun.self, of: student.id).last)
            XCTAssertEqual(run.handover?.to, StaffID("counselor"))
            XCTAssertEqual(run.handover?.by, StaffID("duty"))
            XCTAssertEqual(run.handover?.takenBy, StaffID("counselor"))
            XCTAssertEqual(run.handover?.note, "学生在辅导室，情绪激动")
            XCTAssertEqual(try store.handoversAwaitingCounselor(), [])
        }
    }

    // (c) Two workstations edit the same plan: the second is told, nothing is lost.
    func testTheSecondOfTwoWorkstationsSavingTheSamePlanIsRefusedWithWhoAndWhen() throws {
        let (student, original) = try reading { store -> (StudentSummary, SupportPlan) in
            let file = try XCTUnwrap(try store.keyAttentionFiles().first { $0.currentPlan != nil })
            let summary = try XCTUnwrap(try store.studentList().first { $0.id == file.student.id })
            return (summary, try XCTUnwrap(file.currentPlan))
        }
        let first = try workstation("counselor"), second = try workstation("counselor")
        // Both open the same plan before either saves.
        for tmux in [first, second] {
            try find(tmux, student, then: "Enter")
            try tmux.waitFor("the file") { $0.contains("\(student.name)  \(student.className)  \(student.number)") }
            try tmux.press("P")
            try tmux.waitFor("the plan form") { $0.contains("Edit support plan") }
        }
        for (tmux, words) in [(first, "第一台补充"), (second, "第二台补充")] {
            // The cursor is at the end of the goals; then a review date that
            // is not in the past, whatever the demo set.
            try tmux.type("；" + words)
            try tmux.press("Tab", "Tab", "Tab", "C-u")
            try tmux.type(Self.inAMonth)
            try tmux.press("F2")
            if tmux === first { try first.waitFor("the first save") { $0.contains("Support plan saved") } }
        }
        let refused = try second.waitFor("the refusal") { $0.contains("changed this record on") }
        XCTAssertTrue(refused.contains("第二台补充"), "what the second typed is still in the form:\n\(refused)")
        XCTAssertFalse(refused.contains("Support plan saved"), refused)
        try first.press("q")
        // Esc alone: with a key right behind it the terminal reads Alt-key.
        try second.press("Escape")
        try second.waitFor("the discard question") { $0.contains("Discard it?") }
        // One key at a time: keys sent together arrive as one burst (a paste).
        try second.press("y")
        try second.waitFor("the form gone") { !$0.contains("Discard it?") && !$0.contains("Edit support plan") }
        try second.press("q")
        try waitForExit(first)
        try waitForExit(second)

        try reading { store in
            let plan = try XCTUnwrap(try store.keyAttentionFiles().first { $0.student.id == student.id }?.currentPlan)
            XCTAssertEqual(plan.id, original.id)
            XCTAssertTrue(plan.goals.contains("第一台补充"), "\(plan.goals)")
            XCTAssertFalse(plan.goals.joined().contains("第二台补充"), "\(plan.goals)")
            XCTAssertEqual(try store.revisions(of: SupportPlan.self, id: original.id).count, 1, "one earlier version, the original")
        }
    }

    // (d) After a normal quit, the .db file alone holds the last saved note.
    func testAfterQuitTheDatabaseFileAndKeysAloneHoldTheLastNote() throws {
        let student = try reading { store in try XCTUnwrap(try store.keyAttentionFiles().first).student }
        let counselor = try workstation("counselor")
        try counselor.press("/", "C-u")
        try counselor.type(student.number)
        try counselor.press("Enter")
        try counselor.waitFor("the file") { $0.contains(student.number) && $0.contains(student.name) }
        try counselor.press("e")
        try counselor.waitFor("the note editor") { $0.contains("Case note") }
        try counselor.type("退出前保存的最后一条记录")
        try counselor.press("F2")
        try counselor.waitFor("the saved note") { $0.contains("Case note saved") }
        try counselor.press("q")
        try waitForExit(counselor)

        let wal = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
        XCTAssertEqual(wal, 0, "the WAL is empty or gone after quit")
        // What a teacher copies to a USB stick: the database and its keys.
        let copy = dir + "/usb"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for suffix in ["", ".keys"] { try FileManager.default.copyItem(atPath: db + suffix, toPath: copy + "/demo.db" + suffix) }
        try reading(copy + "/demo.db") { store in
            let notes = try store.records(CaseNote.self, of: student.id)
            XCTAssertEqual(notes.last?.text, "退出前保存的最后一条记录")
        }
    }

    // A school set up with init, user add, the school file and the imports,
    // no demo, its teachers given Chinese display names: the title bar and the roster
    // show them, a roster naming people by display name is matched to
    // their accounts, and a self-harm visit goes to the counselor account
    // checked in to the room, named as the school calls her.
    func testASchoolMadeFromScratchShowsDisplayNamesAndEscalatesToTheCounselorCheckedIn() throws {
        let school = dir + "/school.db"
        @discardableResult
        func cli(_ arguments: [String], _ env: [String: String]) throws -> String {
            try XindeskRun.succeed(arguments + ["--db", school], home: dir, environment: env)
        }
        let created = try cli(["init", "--user", "wang", "--role", "head", "--display-name", "王芳", "--kdf", "interactive"],
                              ["XINDESK_NEW_PASSPHRASE": "wang-passphrase"])
        let recoveryKey = try XCTUnwrap(created.split(separator: "\n").last { $0.contains("-") && $0.count > 70 })
        let admin = ["XINDESK_PASSPHRASE": "wang-passphrase"]
        for (name, shown, role) in [("zhao", "赵敏", "duty"), ("li", "李心怡", "counselor"), ("sun", "孙磊", "counselor")] {
            try cli(["user", "add", name, "--role", role, "--display-name", shown, "--kdf", "interactive", "--user", "wang"],
                    admin.merging(["XINDESK_NEW_PASSPHRASE": name + "-passphrase"]) { $1 })
        }
        // The school's own setup, through the school file: shown, edited, applied.
        let setup = try cli(["school", "show", "--user", "wang"], admin)
        let file = dir + "/school.toml"
        _ = FileManager.default.createFile(atPath: file, contents: Data(setup.replacingOccurrences(of: "name = \"\"", with: "name = \"鞍山市第二中学\"")
            .replacingOccurrences(of: "class_minutes = 45", with: "class_minutes = 40").utf8))
        try cli(["school", "apply", file, "--yes", "--user", "wang"], admin)
        let applied = try cli(["school", "show", "--user", "wang"], admin)
        XCTAssertTrue(applied.contains("name = \"鞍山市第二中学\"") && applied.contains("class_minutes = 40"), applied)
        // wang (head, administrator) holds no clinical key: the counselors
        // get it from the recovery key, as a school set up by its head does.
        try cli(["user", "grant", "--user", "recovery"], ["XINDESK_PASSPHRASE": recoveryKey.trimmingCharacters(in: .whitespaces)])
        let roster = dir + "/students.csv"
        _ = FileManager.default.createFile(atPath: roster, contents: Data("学号,姓名,性别,年级,班级\n20270001,陈晓,女,初一,初一(1)班\n".utf8))
        try cli(["import", "students", roster, "--user", "wang"], admin)
        // The duty roster of the week the workstation shows, by display name.
        let monday = LocalDateTime(Date(), in: TimeZone(identifier: "Asia/Shanghai")!).day.rosterWeek
        let shifts = dir + "/roster.csv"
        _ = FileManager.default.createFile(atPath: shifts, contents: Data(
            "日期,开始,结束,值班人\n\(monday),12:00,13:30,赵敏\n\(monday.adding(days: 1)),12:00,13:30,李心怡\n".utf8))
        try cli(["import", "roster", shifts, "--user", "wang"], admin)

        let order = ["wang", "zhao", "li", "sun"]
        let li = try workstation("li", shownAs: "李心怡", passphrase: "li-passphrase", database: school, order: order)
        try li.press("F5")
        try li.waitFor("the counselor's check-in") { $0.contains("on duty since") }
        let duty = try workstation("zhao", shownAs: "赵敏", passphrase: "zhao-passphrase", database: school, order: order)
        // Monday's and Tuesday's noon shifts, side by side on the 12:00 row.
        func noonRow(_ screen: String) -> String { screen.split(separator: "\n").first { $0.contains("│12:00 ") }.map(String.init) ?? "" }
        let week = try duty.waitFor("the week's roster") { noonRow($0).contains("赵敏") && noonRow($0).contains("李心怡") }
        XCTAssertFalse(week.contains(" li ") || week.contains("name:"), "no account name or stored id is shown:\n\(week)")
        try duty.press("/")
        try duty.type("20270001")
        try duty.press("Escape")
        try duty.waitFor("the search left") { !$0.contains("Find:") }
        try duty.press("n")
        try duty.waitFor("the visit form") { $0.contains("New visit · 陈晓") }
        try duty.press("Tab")
        try duty.type("5")
        try duty.press("Tab")
        try duty.type("说最近常想到死")
        try duty.press("F2")
        let told = try duty.waitFor("the escalation message") { $0.contains("escalated to counselor") }
        XCTAssertTrue(told.contains("escalated to counselor 李心怡"), told)
        try li.waitFor("the escalation on li's screen", timeout: AppState.pollSeconds + 10) {
            $0.contains("⚠ escalated (T)") && $0.contains("陈晓")
        }
        try duty.press("q")
        try li.press("F5")
        try li.waitFor("the check-out question") { $0.contains("Check out now?") }
        try li.press("y")
        try li.waitFor("the check-out") { $0.contains("Checked out") }
        try li.press("q")
        try waitForExit(duty)
        try waitForExit(li)
        try reading(school, account: "li", passphrase: "li-passphrase") { store in
            let visit = try XCTUnwrap(try store.escalationsAwaitingCounselor().first)
            XCTAssertEqual(visit.escalatedTo, StaffID("li"))
            XCTAssertEqual(visit.loggedBy, StaffID("zhao"))
            let planned = try store.records(PlannedShift.self, from: LocalDateTime(monday, TimeOfDay(secondsSinceMidnight: 0)!),
                                            to: LocalDateTime(monday.adding(days: 7), TimeOfDay(secondsSinceMidnight: 0)!)).map(\.person)
            XCTAssertEqual(Set(planned), [StaffID("zhao"), StaffID("li")], "the roster's display names matched the accounts")
        }
    }

    private static var inAMonth: String {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        return LocalDateTime(Date().addingTimeInterval(30 * 86_400), in: zone).day.description
    }
}
