import Foundation
import XCTest

/// `xindesk import screening` and `xindesk report screening` end to end,
/// on the demo school: a PHQ-9 export as LibreOffice saved it (.xlsx) and
/// its CSV twin, a correction, and what each role reads.
final class ScreeningCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    private func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/Workbooks/\(name)").path
    }

    private func importPHQ(_ file: String, as user: String = "counselor") throws -> Run {
        try xindesk(["import", "screening", file, "--instrument", "phq9", "--campaign", "2026秋 PHQ-9", "--consent", "告家长书已发",
                     "--db", db, "--user", user], env: pass)
    }

    func testAWorkbookAndItsCSVTwinImportTheSameAndACorrectionWithdraws() throws {
        try demo()
        let first = try importPHQ(fixture("screening.xlsx"))
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("4 added, 0 corrected, 0 unchanged; 2 new proposals to decide (1 urgent), 0 to re-test"),
                      first.stdout)
        let twin = try importPHQ(fixture("screening.csv"))
        XCTAssertEqual(twin.status, 0, twin.stderr)
        XCTAssertTrue(twin.stdout.contains("0 added, 0 corrected, 4 unchanged; 0 new proposals"), "the same results: \(twin.stdout)")
        // The platform re-scored 李辰 (20261001): no longer above the cut-off.
        let text = try String(contentsOfFile: fixture("screening.csv"), encoding: .utf8)
            .replacingOccurrences(of: "李辰,初一(10)班,2026-11-17,2,2,2,1,2,1,2,2,0", with: "李辰,初一(10)班,2026-11-17,1,1,1,1,1,1,1,1,0")
        let corrected = try importPHQ(csv(text))
        XCTAssertTrue(corrected.stdout.contains("0 added, 1 corrected, 3 unchanged; 0 new proposals to decide (0 urgent), 0 to re-test, 1 proposals withdrawn"),
                      corrected.stdout)
    }

    func testAPHQ9SheetChosenAsGAD7IsRefusedNotScored() throws {
        try demo()
        let run = try xindesk(["import", "screening", fixture("screening.csv"), "--instrument", "gad7", "--db", db, "--user", "counselor"],
                              env: pass)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("is it a PHQ-9 sheet? Use --instrument phq9"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Nothing was imported"), run.stderr)
    }

    func testOnlyACounselorImportsAndADutyTeacherReadsNothing() throws {
        try demo()
        for user in ["duty", "head"] {
            let refused = try importPHQ(fixture("screening.csv"), as: user)
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.stderr.contains("import screening results"), refused.stderr)
        }
        XCTAssertEqual(try importPHQ(fixture("screening.csv")).status, 0)
        let duty = try xindesk(["report", "screening", "--db", db, "--user", "duty"], env: pass)
        XCTAssertNotEqual(duty.status, 0)
        XCTAssertFalse(duty.stdout.contains("杨子思"))
    }

    func testTheReportGivesAHeadCountsAndACounselorNames() throws {
        try demo()
        XCTAssertEqual(try importPHQ(fixture("screening.xlsx")).status, 0)
        let counselor = try xindesk(["report", "screening", "--year", "2026", "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(counselor.status, 0, counselor.stderr)
        XCTAssertTrue(counselor.stdout.contains("[URGENT] 20260102 杨子思 初一(1)班"), counselor.stdout)
        XCTAssertTrue(counselor.stdout.contains("consent: 告家长书已发"), counselor.stdout)
        let head = try xindesk(["report", "screening", "--year", "2026", "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(head.status, 0, head.stderr)
        // 初一(1)班: 2 on the roll, 2 screened, 1 flagged (urgent) and pending.
        // The demo's own September campaign comes first; this one after it.
        let lines = head.stdout.split(separator: "\n")
        let section = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("2026秋 PHQ-9 · 2026-11-16–2026-11-17") }, head.stdout)
        let row = try XCTUnwrap(lines[section...].first { $0.hasPrefix("初一(1)班") }, head.stdout)
        XCTAssertEqual(row.split(separator: " ").map(String.init), ["初一(1)班", "2", "2", "0", "0", "1", "0", "0", "1"])
        XCTAssertFalse(head.stdout.contains("杨子思"), "a head reads counts, not names")
        XCTAssertFalse(head.stdout.contains("20260102"))
    }
}
