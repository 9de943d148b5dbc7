import Foundation
import XCTest

/// A head of guidance sets the school up with the school file from the
/// command line, and the workstation shows it: the compliance view names
/// the days the calendar does not cover, and the crisis checklist shows the
/// region's hotline the file gave.
final class SchoolFileJourneyTests: DemoJourneyCase {
    override class var seed: Int { 5 }

    /// `xindesk ARGS --db demo.db --user head`, passphrase demo1234.
    private func xindesk(_ arguments: [String]) throws -> XindeskRun.Result {
        try XindeskRun.run(arguments + ["--db", db, "--user", "head"], home: dir, environment: ["XINDESK_PASSPHRASE": "demo1234"])
    }

    func testAHeadAppliesASchoolFileAndTheWorkstationShowsWhatItLeavesUncovered() throws {
        let shown = try xindesk(["school", "show"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        // The school's calendar as entered ends with the spring term of 2026,
        // and its region has a hotline of its own.
        let autumn = "[[term]]\nname = \"2026秋\"\nstart = 2026-09-01\nend = 2027-01-22\n"
        XCTAssertTrue(shown.stdout.contains(autumn), shown.stdout)
        let edited = shown.stdout.replacingOccurrences(of: autumn, with: "")
            .replacingOccurrences(of: "number = \"12356\"\nzh = \"全国统一心理援助热线\"\nen = \"national psychological assistance\"",
                                  with: "number = \"0471-6660000\"\nzh = \"市心理援助热线\"\nen = \"city help line\"")
        let file = dir + "/school.toml"
        _ = FileManager.default.createFile(atPath: file, contents: Data(edited.utf8))
        let applied = try xindesk(["school", "apply", file, "--yes"])
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertTrue(applied.stdout.contains("Saved: calendar and timetable, crisis checklist and hotlines"), applied.stdout)

        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 120, height: 40,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        try tmux.press("Down")
        try tmux.press("Down")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of head") { $0.contains(DemoDatabase.title("head")) }
        try tmux.waitFor("the hotline from the school file") { $0.contains("Hotlines: 0471-6660000 city help line") }
        try tmux.press("2")
        try tmux.press("z")
        // Maximized, the note wraps over the pane's lines: read them as one text.
        let screen = try tmux.waitFor("the coverage note") { $0.contains("The calendar does not cover") && !$0.contains("1 Students") }
        let text = screen.split(separator: "\n").map { $0.replacingOccurrences(of: "│", with: " ").trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        XCTAssertTrue(text.contains("(outside every term entered); those days are not counted"), "the note")
        XCTAssertTrue(text.contains("run xindesk school show > school.toml, edit it, then xindesk school apply school.toml"), "the fix")
        try tmux.press("q")
    }
}
