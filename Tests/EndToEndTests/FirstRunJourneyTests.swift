import Foundation
import XCTest

/// A school made with `init` alone opens on what to set up next; the list
/// follows what the command line has done, and stays in the palette.
final class FirstRunJourneyTests: XCTestCase {
    private var dir = ""
    private var sessions: [Tmux] = []
    private var school: String { dir + "/school.db" }

    override func setUpWithError() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed (scripts/ensure-packages installs it)") }
        dir = NSTemporaryDirectory() + "xindesk-firstrun-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        sessions.forEach { $0.kill() }
        try? FileManager.default.removeItem(atPath: dir)
    }

    @discardableResult
    private func cli(_ arguments: [String], _ env: [String: String]) throws -> String {
        try XindeskRun.succeed(arguments + ["--db", school], home: dir, environment: env)
    }

    private func open(_ language: String) throws -> Tmux {
        let t = Tmux()
        sessions.append(t)
        try t.start([Products.path("xindesk"), "--db", school, "--lang", language], width: 80, height: 24,
                    environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try t.waitFor("the unlock screen") { $0.contains(language == "en" ? "Unlock" : "解锁") }
        try t.type("wang-passphrase")
        try t.press("Enter")
        return t
    }

    func testANewSchoolOpensOnItsChecklistWhichFollowsTheSetUp() throws {
        try cli(["init", "--user", "wang", "--role", "head", "--kdf", "interactive"], ["XINDESK_NEW_PASSPHRASE": "wang-passphrase"])
        let zh = try open("zh")
        var screen = try zh.waitFor("the checklist in Chinese") { $0.contains("新学校：接下来要设置的（已完成 0/4）") }
        XCTAssertTrue(screen.contains("□ 2. 账号"), screen)
        XCTAssertTrue(screen.contains("还缺：值班教师、心理教师"), screen)
        XCTAssertTrue(screen.contains("xindesk import students"), screen)
        try zh.press("Escape")
        try zh.waitFor("the main screen") { !$0.contains("新学校") && $0.contains("心 desk │ wang") }
        try zh.press("q")
        try zh.waitUntilDead("the workstation")

        // The command line fills two steps; the list says so, in English too.
        let admin = ["XINDESK_PASSPHRASE": "wang-passphrase"]
        for (name, role) in [("zhao", "duty"), ("li", "counselor")] {
            try cli(["user", "add", name, "--role", role, "--kdf", "interactive", "--user", "wang"],
                    admin.merging(["XINDESK_NEW_PASSPHRASE": "\(name)-passphrase"]) { $1 })
        }
        let roster = dir + "/students.csv"
        _ = FileManager.default.createFile(atPath: roster, contents: Data("学号,姓名,性别,年级,班级\n20270001,陈晓,女,初一,初一(1)班\n".utf8))
        try cli(["import", "students", roster, "--user", "wang"], admin)
        let en = try open("en")
        screen = try en.waitFor("the main screen with students") { $0.contains("Students (1)") }
        XCTAssertFalse(screen.contains("New school"), "a school with students opens on its work:\n\(screen)")
        try en.press(":")
        try en.type("setup")
        try en.press("Enter")
        screen = try en.waitFor("the checklist from the palette") { $0.contains("New school: what to set up next (2 of 4 done)") }
        XCTAssertTrue(screen.contains("✓ 2. Accounts"), screen)
        XCTAssertTrue(screen.contains("✓ 3. Student roster"), screen)
        XCTAssertTrue(screen.contains("□ 4. Duty roster"), screen)
        try en.press("Escape")
        try en.press("q")
        try en.waitUntilDead("the workstation")
    }
}
