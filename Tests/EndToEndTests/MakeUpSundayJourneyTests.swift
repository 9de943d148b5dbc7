import Foundation
import XCTest

/// A head of guidance enters a make-up Sunday in the school file, opens
/// the workstation with the options before and after `open` (the account
/// chosen by `--user`), and the compliance heatmap's Sunday row shows it.
final class MakeUpSundayJourneyTests: DemoJourneyCase {
    override class var seed: Int { 5 }

    /// `xindesk --db demo.db --user head ARGS`: global options before the subcommand.
    private func xindesk(_ arguments: [String]) throws -> XindeskRun.Result {
        try XindeskRun.run(["--db", db, "--user", "head"] + arguments, home: dir, environment: ["XINDESK_PASSPHRASE": "demo1234"])
    }

    func testAMakeUpSundayAppearsInTheHeatmap() throws {
        // The last Sunday before today (the school's day, Beijing time), in
        // the only term: the bundled make-up Sunday (2026-09-20) then lies
        // outside every term, so the Sunday row holds this one alone.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let today = calendar.startOfDay(for: Date())
        let back = (calendar.component(.weekday, from: today) + 5) % 7 + 1   // Sunday is 1: days back to the last Sunday
        let sunday = calendar.date(byAdding: .day, value: -back, to: today)!
        let format = DateFormatter()
        format.calendar = calendar
        format.timeZone = calendar.timeZone
        format.dateFormat = "yyyy-MM-dd"
        let (first, last) = (calendar.date(byAdding: .day, value: -13, to: sunday)!, calendar.date(byAdding: .day, value: 60, to: today)!)
        let shown = try xindesk(["school", "show"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let terms = try NSRegularExpression(pattern: "\\[\\[term\\]\\]\nname = \"[^\"]*\"\nstart = [0-9-]+\nend = [0-9-]+\n\n?")
        var edited = terms.stringByReplacingMatches(in: shown.stdout, range: NSRange(shown.stdout.startIndex..., in: shown.stdout),
                                                    withTemplate: "")
        edited = edited.replacingOccurrences(of: "make_up_days = []", with: "make_up_days = [\(format.string(from: sunday))]")
        edited += "\n[[term]]\nname = \"e2e\"\nstart = \(format.string(from: first))\nend = \(format.string(from: last))\n"
        let file = dir + "/school.toml"
        _ = FileManager.default.createFile(atPath: file, contents: Data(edited.utf8))
        let applied = try xindesk(["school", "apply", file, "--yes"])
        XCTAssertEqual(applied.status, 0, applied.stderr + applied.stdout)

        // --db and --lang before `open`, --user after it: head is chosen, so
        // the passphrase alone unlocks.
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "zh", "open", "--user", "head"], width: 80, height: 24,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen with head chosen") { $0.contains("▸ head") }
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of head") { $0.contains(DemoDatabase.title("head")) }
        try tmux.press("2")
        try tmux.press("z")
        let screen = try tmux.waitFor("the heatmap with a Sunday row") { $0.contains("│日 ") && !$0.contains("1 学生") }
        let rows = screen.split(separator: "\n").map(String.init)
        let sundayRow = try XCTUnwrap(rows.first { $0.hasPrefix("│日 ") })
        let glyphs = sundayRow.filter { "■◧▣□✗".contains($0) }
        XCTAssertEqual(glyphs.count, 1, "the make-up Sunday, and only it, in the Sunday row: \(sundayRow)")
        // Its column is the week before this one: one cell left of the latest week's.
        let monday = try XCTUnwrap(rows.first { $0.hasPrefix("│一 ") })
        let column = { (row: String) in row.distance(from: row.startIndex, to: row.lastIndex { "■◧▣□✗".contains($0) } ?? row.startIndex) }
        XCTAssertTrue([column(monday), column(monday) - 2].contains(column(sundayRow)),
                      "the Sunday sits in the week of the last Monday or the one before:\n\(monday)\n\(sundayRow)")
        try tmux.press("q")
    }
}
