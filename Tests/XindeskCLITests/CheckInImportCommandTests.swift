import Foundation
import XCTest

/// `xindesk import checkins`: a paper duty log entered afterwards, every
/// bad row named by its line, nothing stored when any is wrong; then
/// marked 补录 in `report compliance`.
final class CheckInImportCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    private func auditEntries() throws -> String? {
        let out = try xindesk(["check", "--db", db, "--user", "head"], env: pass).stdout
        return out.range(of: "audit log intact \\([0-9]+ entries, all signed\\)", options: .regularExpression).map { String(out[$0]) }
    }

    func testABadRowIsReportedByItsLineAndNothingIsEntered() throws {
        try demo()
        // Friday evening, after the demo's last shift; the person by the
        // roster's name (周明) or by account name (duty).
        let file = csv("""
            日期,签到,签退,值班人,备注
            2026-11-27,19:00,19:30,周明,纸质登记本
            2026-11-27,20:00,19:45,duty,
            2026-11-27,18:00,18:30,张三丰,
            2026-11-27,25:00,18:30,duty,
            """)
        let before = try XCTUnwrap(try auditEntries())
        let run = try xindesk(["import", "checkins", file, "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("line 3, column 签退: The check-out must be after the check-in"), run.stderr)
        XCTAssertTrue(run.stderr.contains("line 4, column 值班人: nobody is called “张三丰”"), run.stderr)
        XCTAssertTrue(run.stderr.contains("line 5, column 签到"), run.stderr)
        XCTAssertFalse(run.stderr.contains("line 2"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Nothing was imported"), run.stderr)
        XCTAssertEqual(try auditEntries(), before, "a rejected log writes nothing")

        let zh = try xindesk(["import", "checkins", file, "--db", db, "--user", "head"],
                             env: pass.merging(["LANG": "zh_CN.UTF-8"]) { $1 })
        XCTAssertTrue(zh.stderr.contains("第 3 行「签退」列：签退时间须晚于签到时间"), zh.stderr)
        XCTAssertTrue(zh.stderr.contains("第 4 行「值班人」列：找不到“张三丰”"), zh.stderr)
    }

    func testAHeadEntersAPaperLogInGB18030AndTheReportMarksIt() throws {
        try demo()
        let utf8 = csv("日期,签到,签退,值班人,备注\n2026-11-27,19:00,19:30,周明,纸质登记本\n2026-11-27,19:30,20:00,duty,\n")
        let gb = try gb18030(utf8)

        // The duty teacher may not back-date their own.
        let refused = try xindesk(["import", "checkins", gb, "--db", db, "--user", "duty"], env: pass)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("Not allowed to enter or correct duty check-ins afterwards"), refused.stderr)

        let run = try xindesk(["import", "checkins", gb, "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Entered 2 check-ins afterwards"), run.stdout)
        // The same log again overlaps what is now stored: refused, nothing doubled.
        let again = try xindesk(["import", "checkins", gb, "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("Overlaps this person's check-in of 2026-11-27 19:00–19:30"), again.stderr)

        let report = try xindesk(["report", "compliance", "--db", db, "--user", "head", "--from", "2026-11-23", "--to", "2026-11-27"],
                                 env: pass)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("2 check-ins entered afterwards or corrected:"), report.stdout)
        XCTAssertTrue(report.stdout.contains("2026-11-27 19:00–19:30 周明 entered afterwards (赵建国, "), report.stdout)
        XCTAssertTrue(report.stdout.contains(": 纸质登记本)"), report.stdout)
        let zh = try xindesk(["report", "compliance", "--db", db, "--user", "head", "--from", "2026-11-23", "--to", "2026-11-27"],
                             env: pass.merging(["LANG": "zh_CN.UTF-8"]) { $1 })
        XCTAssertTrue(zh.stdout.contains("2026-11-27 19:30–20:00 周明 补录（赵建国 "), zh.stdout)
        let check = try xindesk(["check", "--db", db, "--user", "head"], env: pass)
        XCTAssertTrue(check.stdout.contains("audit log intact"), check.stdout)
    }
}
