import Foundation
import XCTest

/// `xindesk school show` / `apply` run as a teacher would: show into a
/// file, edit it, apply it; mistakes named by line with nothing stored.
final class SchoolCommandTests: CLITestCase {
    private let pass = "alice-passphrase"

    private func write(_ text: String, _ name: String = "school.toml") -> String {
        let path = dir + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    private func show() throws -> String {
        let run = try xindesk(as: "alice", pass, ["school", "show"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return run.stdout
    }

    func testShowEditApplyRoundTrips() throws {
        try initStore(roles: ["head"])
        let shown = try show()
        XCTAssertTrue(shown.contains("[opening]") && shown.contains("# 课表"), shown)
        let file = write(shown)
        let unchanged = try xindesk(as: "alice", pass, ["school", "apply", file, "--yes"])
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr)
        XCTAssertTrue(unchanged.stdout.contains("nothing changed"), unchanged.stdout)

        let edited = shown.replacingOccurrences(of: "name = \"\"", with: "name = \"实验小学\"")
            .replacingOccurrences(of: "stages = [\"junior\"]", with: "stages = [\"primary\"]")
            .replacingOccurrences(of: "class_minutes = 45", with: "class_minutes = 40")
        let applied = try xindesk(as: "alice", pass, ["school", "apply", write(edited), "--yes"])
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertTrue(applied.stdout.contains("- class_minutes = 45\n  + class_minutes = 40"), applied.stdout)
        XCTAssertTrue(applied.stdout.contains("Saved: school, calendar and timetable"), applied.stdout)
        let again = try show()
        XCTAssertTrue(again.contains("name = \"实验小学\"") && again.contains("class_minutes = 40"), again)
        XCTAssertEqual(again, edited, "what was applied is what is shown")
        let audit = try xindesk(["check", "--db", db, "--user", "alice"], env: ["XINDESK_PASSPHRASE": pass])
        XCTAssertTrue(audit.stdout.contains("audit log intact"), audit.stdout)
    }

    func testAFileWithMistakesNamesEveryLineAndStoresNothing() throws {
        try initStore(roles: ["head"])
        var lines = try show().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func spoil(_ old: String, _ new: String) -> Int {
            let index = lines.firstIndex(of: old)!
            lines[index] = new
            return index + 1
        }
        let wrong = [spoil("start = 2025-09-01", "start = 2025-09-31"),  // not a day: TOML itself refuses it
                     spoil("weekly_class_hours = 10", "weekly_class_hours = 100")]
        let before = try hashes()
        let run = try xindesk(as: "alice", pass, ["school", "apply", write(lines.joined(separator: "\n")), "--yes"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("line \(wrong[0])"), run.stderr)
        XCTAssertEqual(try hashes(), before, "nothing was stored")

        // With the syntax right, every remaining mistake is named at once.
        lines[wrong[0] - 1] = "start = 2025-09-01"
        let more = [wrong[1], spoil("severe_days = 14", "severe_days = 0"), spoil("short_week = \"full\"", "short_week = \"half\""),
                    spoil("number = \"12355\"", "number = \"youth\"")]
        let second = try xindesk(as: "alice", pass, ["school", "apply", write(lines.joined(separator: "\n")), "--yes"])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.contains("has 4 problems; nothing was saved"), second.stderr)
        for line in more { XCTAssertTrue(second.stderr.contains("line \(line) ("), "line \(line): \(second.stderr)") }
        XCTAssertTrue(second.stderr.contains("Write instead: short_week = \"full\" (the whole minimum) or \"share\""), second.stderr)
        XCTAssertEqual(try hashes(), before, "nothing was stored")
    }

    func testWithoutYesNothingIsStoredUnlessTheAnswerIsYes() throws {
        try initStore(roles: ["head"])
        let shown = try show()
        let edited = shown.replacingOccurrences(of: "major_days = 7", with: "major_days = 5")
        // stdin is /dev/null: no answer is no.
        let run = try xindesk(as: "alice", pass, ["school", "apply", write(edited)])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Apply these changes? [y/N]") && run.stdout.contains("Nothing was changed."), run.stdout)
        XCTAssertEqual(try show(), shown)
    }

    func testADutyTeacherCannotApplyTheSchoolFile() throws {
        try initStore()
        let add = try xindesk(as: "alice", pass, ["user", "add", "bob", "--role", "duty"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let file = write(try show().replacingOccurrences(of: "major_days = 7", with: "major_days = 5"))
        let run = try xindesk(as: "bob", "bob-passphrase", ["school", "apply", file, "--yes"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Not allowed to edit the school calendar"), run.stderr)
        XCTAssertFalse(try show().contains("major_days = 5"))
    }

    func testTheComplianceReportSaysWhichDaysTheCalendarDoesNotCover() throws {
        try initStore(roles: ["head"])
        // June 2025 lies before the first term the calendar knows.
        let roster = write("date,start,end,person\n2025-06-03,12:00,13:00,alice\n", "roster.csv")
        XCTAssertEqual(try xindesk(as: "alice", pass, ["import", "roster", roster]).status, 0)
        let run = try xindesk(as: "alice", pass, ["report", "compliance", "--from", "2025-06-02", "--to", "2025-06-08"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("! Compliance counts from 2025-06-03, the school's first recorded duty, shift or visit"), run.stdout)
        XCTAssertTrue(run.stdout.contains("! The calendar does not cover 2025-06-03 – 2025-06-08 (outside every term entered)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("xindesk school show > school.toml"), run.stdout)
    }
}
