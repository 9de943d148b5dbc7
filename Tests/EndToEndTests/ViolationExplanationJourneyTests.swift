import Counseling
import Foundation
import GRDB
import Store
import Vault
import XCTest

/// Issue 15, point 7: the head of guidance explains a violation in the
/// real workstation at 80×24, sees the explanation beside it, and the
/// violation still counts; `report compliance` prints it beside it too.
final class ViolationExplanationJourneyTests: DemoJourneyCase {
    override class var seed: Int { 5 }

    func testAHeadExplainsAViolationAndSeesItBesideTheViolationStillCounted() throws {
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 80, height: 24,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        // The accounts are listed counselor, duty, head.
        try tmux.press("Down")
        try tmux.press("Down")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the head's main screen") { $0.contains(DemoDatabase.title("head")) }
        try tmux.press("2")
        try tmux.waitFor("the compliance pane focused") { $0.contains("a explain violation") }
        try tmux.press("z")
        let before = try tmux.waitFor("the violations, maximized") { $0.contains("Violations") && $0.contains("Class hours a week") }
        let count = try XCTUnwrap(before.range(of: "Violations [0-9]+", options: .regularExpression).map { String(before[$0]) })

        try tmux.press("a")
        try tmux.waitFor("the explanation form") { $0.contains("Explain a violation") && $0.contains("still counts") }
        try tmux.type("School closed (flu)")
        try tmux.waitFor("the text typed") { $0.contains("School closed (flu)") }
        try tmux.press("F2")
        let after = try tmux.waitFor("the explanation beside its violation") {
            $0.contains("Explanation saved beside the violation") && $0.contains("✎ School")
                && $0.contains("Explanation: School closed (flu) (赵建国")
        }
        XCTAssertTrue(after.contains(count), "the violation still counts: \(count)\n\(after)")

        // Editing it later: the form opens with the text, the earlier one kept.
        try tmux.press("a")
        try tmux.waitFor("the form with the saved text") { $0.contains("Explain a violation") && $0.contains("School closed (flu)") }
        try tmux.press("Escape")
        try tmux.waitFor("the form closed") { !$0.contains("Explain a violation") }
        try tmux.press("q")
        try tmux.waitUntilDead("quit")

        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "head", passphrase: &p)
        defer { vault.lock() }
        let store = try Store(vault: vault, writer: try vault.makeQueue())
        let actions = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE actor = 'head'") }
        XCTAssertEqual(actions.filter { $0 == "compliance.violation.explain" }.count, 1, "\(actions)")

        // The same explanation beside the same violation in the printed report.
        let text = try XindeskRun.succeed(["report", "compliance", "--db", db, "--user", "head"], home: dir,
                                          environment: ["XINDESK_PASSPHRASE": "demo1234"])
        let lines = text.split(separator: "\n").map(String.init)
        let explained = try XCTUnwrap(lines.firstIndex { $0.contains("Explanation: School closed (flu) (赵建国") }, text)
        XCTAssertTrue(lines[explained - 1].hasPrefix("  20"), "right under its violation:\n\(text)")
    }
}
