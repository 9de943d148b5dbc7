import Foundation
import XCTest

/// `xindesk import … FILE.xlsx [--sheet NAME]` end to end: the workbooks
/// LibreOffice saved (Tests/Fixtures/Workbooks) imported by the real binary.
final class WorkbookImportCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]
    private let zh = ["XINDESK_PASSPHRASE": "demo1234", "LANG": "zh_CN.UTF-8"]

    private func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/Workbooks/\(name)").path
    }

    func testAStudentWorkbookImportsFromItsListSheet() throws {
        try demo()
        let run = try xindesk(["import", "students", fixture("students.xlsx"), "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Imported 5 new"), run.stdout)
        XCTAssertTrue(run.stderr.contains("sheet 名单, row 1 (warning): above the header row"), run.stderr)
        let exported = dir + "/all.csv"
        XCTAssertEqual(try xindesk(["export", "students", exported, "--db", db, "--user", "counselor"], env: pass).status, 0)
        let text = String(decoding: try XCTUnwrap(contents(exported)), as: UTF8.self)
        let zhang = try XCTUnwrap(text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("20269101,") })
        XCTAssertTrue(zhang.contains("张三") && zhang.contains("张建国") && zhang.contains("13800138000"), String(zhang))
    }

    func testSheetPicksARosterMonthAndAnUnknownSheetListsTheSheets() throws {
        try demo()
        let run = try xindesk(["import", "roster", fixture("roster.xlsx"), "--sheet", "十月", "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Imported 1 shifts"), run.stdout)
        let unknown = try xindesk(["import", "roster", fixture("roster.xlsx"), "--sheet", "十一月", "--db", db, "--user", "head"], env: zh)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("中没有名为「十一月」的工作表。其中的工作表：「九月」、「十月」。请用 --sheet 指定其中之一。"), unknown.stderr)
    }

    func testAProblemNamesSheetRowAndColumnLetterAndNothingIsImported() throws {
        try demo()
        // The notes sheet has none of the columns: the header problem is placed in it.
        let run = try xindesk(["import", "checkins", fixture("checkins.xlsx"), "--sheet", "填写说明", "--db", db, "--user", "head"], env: zh)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("工作表「填写说明」第 1 行：缺少必需的列「日期」"), run.stderr)
        XCTAssertTrue(run.stderr.contains("未导入任何内容"), run.stderr)
        // The log itself names 王芳 and 周明, who are on the demo's staff.
        let log = try xindesk(["import", "checkins", fixture("checkins.xlsx"), "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertTrue(log.stdout.contains("Entered 3 check-ins afterwards"), log.stdout)
    }

    func testAnXLSAPasswordAndAnODSAreRefusedWithWhatToDo() throws {
        try demo()
        let xls = try xindesk(["import", "students", fixture("students.xls"), "--db", db, "--user", "counselor"], env: zh)
        XCTAssertEqual(xls.status, 1)
        XCTAssertTrue(xls.stderr.contains("是旧版 Excel（.xls）或 WPS 表格（.et）工作簿"), xls.stderr)
        let locked = try xindesk(["import", "students", fixture("students-password.xlsx"), "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(locked.status, 1)
        XCTAssertTrue(locked.stderr.contains("is protected with a password to open"), locked.stderr)
        XCTAssertTrue(locked.stderr.contains("File ▸ Info ▸ Protect Workbook"), locked.stderr)
        let ods = try xindesk(["import", "students", fixture("students.ods"), "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(ods.status, 1)
        XCTAssertTrue(ods.stderr.contains("is an OpenDocument spreadsheet (.ods)"), ods.stderr)
    }
}
