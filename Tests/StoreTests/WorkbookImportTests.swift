import Counseling
import Foundation
import XCTest
@testable import Store

/// .xlsx workbooks saved by LibreOffice (Tests/Fixtures/Workbooks, made by
/// scripts/make-import-fixtures) import exactly as the CSV LibreOffice
/// exports from the same sheet; workbooks that cannot be read are refused
/// with what to do.
final class WorkbookImportTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "xindesk-workbook-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func load(_ fixture: String, sheet: String? = nil) throws -> ImportSheet {
        try ImportSource.load(path: WorkbookFixtures.path(fixture), sheet: sheet)
    }

    private func refusal(_ path: String, sheet: String? = nil, limits: ImportLimits = .standard) -> ImportSourceError? {
        do {
            _ = try ImportSource.load(path: path, sheet: sheet, limits: limits)
            return nil
        } catch { return error }
    }

    private let staff = [Staff(id: StaffID("zhouming"), name: "周明", roles: [.duty]),
                         Staff(id: StaffID("wangfang"), name: "王芳", roles: [.duty])]

    // MARK: - The same as the CSV twin

    func testStudentsWorkbookImportsAsItsCSVTwin() throws {
        let book = try load("students.xlsx")
        XCTAssertEqual(book.name, "名单", "the notes sheet before the list is passed over")
        let csv = try load("students.csv")
        XCTAssertNil(csv.name)
        let fromBook = StudentImport.read(book), fromCSV = StudentImport.read(csv)
        XCTAssertEqual(fromBook.errors, [])
        XCTAssertEqual(fromBook.values.count, 5)
        XCTAssertEqual(fromBook.values, fromCSV.values)
        // Numbers stay whole: no 20260101.0, no 1.38E+10.
        XCTAssertEqual(fromBook.values.first?.number, "20269101")
        XCTAssertEqual(fromBook.values.first?.guardians.first?.phone, "13800138000")
        XCTAssertEqual(fromBook.values.first?.guardians.first?.name, "张建国", "家长信息 merged over 姓名 关系 电话")
        XCTAssertEqual(fromBook.values[1].flags, [.leftBehind])
        // The merged title row and the header's second row are the same warnings, by sheet row.
        XCTAssertEqual(fromBook.problems.map(\.line), fromCSV.problems.map(\.line))
        XCTAssertEqual(fromBook.problems.map(\.reason), fromCSV.problems.map(\.reason))
        XCTAssertEqual(fromBook.problems.first?.text(.en), "sheet 名单, row 1 (warning): above the header row (a title or a remark), skipped")
    }

    func testRosterWorkbookWithDateCellsImportsAsItsCSVTwin() throws {
        let book = try load("roster.xlsx")
        XCTAssertEqual(book.name, "九月")
        // Date-formatted cells read as dates, time cells as times, a formula as its result.
        XCTAssertEqual(book.rows[1].fields, ["2026-09-21", "12:10", "13:20", "周明", "心理辅导室"])
        let csv = try load("roster.csv")
        XCTAssertEqual(csv.rows[1].fields.first, "2026年9月21日", "the twin holds the date as the sheet shows it")
        let accounts = Set(staff.map(\.id))
        let fromBook = RosterImport.read(book, staff: staff, accounts: accounts)
        let fromCSV = RosterImport.read(csv, staff: staff, accounts: accounts)
        XCTAssertEqual(fromBook.errors, [])
        XCTAssertEqual(fromBook.values.count, 3)
        XCTAssertEqual(fromBook.values, fromCSV.values)
        XCTAssertEqual(fromBook.values.first?.span, TimeSpan(on: Day(year: 2026, month: 9, day: 21)!,
                                                             from: TimeOfDay(hour: 12, minute: 10)!, to: TimeOfDay(hour: 13, minute: 20)!))
    }

    func testCheckInWorkbookWithTwelveHourTimesImportsAsItsCSVTwin() throws {
        let book = try load("checkins.xlsx")
        XCTAssertEqual(book.name, "登记")
        let csv = try load("checkins.csv")
        XCTAssertEqual(csv.rows[2].fields[1], "12:10 PM")
        let now = LocalDateTime(Day(year: 2026, month: 12, day: 1)!, TimeOfDay(hour: 9, minute: 0)!)
        let fromBook = CheckInImport.read(book, staff: staff, now: now)
        let fromCSV = CheckInImport.read(csv, staff: staff, now: now)
        XCTAssertEqual(fromBook.errors, [])
        XCTAssertEqual(fromBook.values.count, 3)
        XCTAssertEqual(fromBook.values, fromCSV.values)
        XCTAssertEqual(fromBook.values.last?.checkIn, LocalDateTime(Day(year: 2026, month: 11, day: 25)!, TimeOfDay(hour: 19, minute: 0)!))
    }

    // MARK: - Sheets

    func testSheetIsPickedByNameAndAnUnknownNameListsTheSheets() throws {
        let october = try load("roster.xlsx", sheet: "十月")
        XCTAssertEqual(october.name, "十月")
        XCTAssertEqual(october.rows.map(\.fields), [["日期", "开始", "结束", "值班人", "地点"],
                                                    ["2026-10-08", "12:10", "13:20", "王芳", "心理辅导室"]])
        let notes = try load("students.xlsx", sheet: "说明")
        XCTAssertEqual(notes.rows.map(\.line), [1, 2])
        let error = refusal(WorkbookFixtures.path("roster.xlsx"), sheet: "十一月")
        XCTAssertEqual(error, .unknownSheet(path: WorkbookFixtures.path("roster.xlsx"), sheet: "十一月", sheets: ["九月", "十月"]))
        XCTAssertTrue(error?.message.zh.contains("「九月」、「十月」") == true, error?.message.zh ?? "")
        XCTAssertTrue(error?.message.en.contains("Its sheets: \"九月\", \"十月\". Name one of them with --sheet.") == true, error?.message.en ?? "")
        // A CSV file has no sheets to pick.
        XCTAssertEqual(refusal(WorkbookFixtures.path("roster.csv"), sheet: "九月"),
                       .sheetOfText(path: WorkbookFixtures.path("roster.csv"), sheet: "九月"))
    }

    func testTheDefaultSheetIsTheFirstVisibleTableAndAnEmptyWorkbookSaysSo() throws {
        let table = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        let path = try CraftedWorkbook.write(CraftedWorkbook.parts(
            sheets: [("空白", ""), ("隐藏", table), ("说明", "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c></row>"), ("名单", table)],
            strings: ["学号", "姓名", "请勿修改"], hidden: ["隐藏"]), to: dir)
        XCTAssertEqual(try ImportSource.load(path: path, sheet: nil).name, "名单")
        XCTAssertEqual(try ImportSource.load(path: path, sheet: "隐藏").rows.first?.fields, ["学号", "姓名"])
        let empty = try CraftedWorkbook.write(CraftedWorkbook.parts(sheets: [("Sheet1", ""), ("Sheet2", "")]), to: dir, name: "empty.xlsx")
        let sheet = try ImportSource.load(path: empty, sheet: nil)
        XCTAssertEqual(sheet.name, "Sheet1")
        XCTAssertEqual(StudentImport.read(sheet).problems.map { $0.text(.zhHans) },
                       ["工作表「Sheet1」第 1 行：这个工作表是空的（可用 --sheet 指定另一个工作表）"])
    }

    // MARK: - Where a problem is

    func testAProblemInAWorkbookNamesSheetRowAndColumnLetter() throws {
        // Row 5, column C: a gender no one writes; row 6: a formula that failed, in column B.
        let rows = """
            <row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" t="s"><v>1</v></c><c r="C4" t="s"><v>2</v></c><c r="D4" t="s"><v>3</v></c><c r="E4" t="s"><v>4</v></c></row>\
            <row r="5"><c r="A5"><v>20260101</v></c><c r="B5" t="s"><v>5</v></c><c r="C5" t="inlineStr"><is><t>不详</t></is></c><c r="D5" t="s"><v>6</v></c><c r="E5" t="s"><v>7</v></c></row>\
            <row r="6"><c r="A6"><v>20260102</v></c><c r="B6" t="e"><f>VLOOKUP(A6,X!A:B,2,0)</f><v>#N/A</v></c><c r="C6" t="inlineStr"><is><t>女</t></is></c><c r="D6" t="s"><v>6</v></c><c r="E6" t="s"><v>7</v></c></row>
            """
        let path = try CraftedWorkbook.write(CraftedWorkbook.parts(sheets: [("名单", rows)],
                                                                   strings: ["学号", "姓名", "性别", "年级", "班级", "张三", "初一", "初一(1)班"]), to: dir)
        let report = StudentImport.read(try ImportSource.load(path: path, sheet: nil))
        XCTAssertEqual(report.errors.count, 2)
        XCTAssertTrue(report.errors[0].text(.zhHans).hasPrefix("工作表「名单」第 5 行 C 列「性别」："), report.errors[0].text(.zhHans))
        XCTAssertTrue(report.errors[0].text(.en).hasPrefix("sheet 名单, row 5, column C (性别): "), report.errors[0].text(.en))
        XCTAssertEqual(report.errors[1].text(.en),
                       "sheet 名单, row 6, column B (姓名): this cell holds the formula error \"#N/A\", not data: correct the formula (or type the value) in the spreadsheet and import again")
        // The same file as CSV reads as before: line and header, no letter.
        let csv = StudentImport.read("学号,姓名,性别,年级,班级\n20260101,张三,不详,初一,初一(1)班\n")
        XCTAssertTrue(csv.errors[0].text(.zhHans).hasPrefix("第 2 行「性别」列："), csv.errors[0].text(.zhHans))
        XCTAssertTrue(csv.errors[0].text(.en).hasPrefix("line 2, column 性别: "), csv.errors[0].text(.en))
    }

    func testAHeaderProblemInAWorkbookNamesTheColumnLetter() throws {
        let rows = """
            <row r="2"><c r="A2" t="inlineStr"><is><t>学号</t></is></c><c r="B2" t="inlineStr"><is><t>姓名</t></is></c>\
            <c r="D2" t="inlineStr"><is><t>爱好</t></is></c></row>
            """
        let path = try CraftedWorkbook.write(CraftedWorkbook.parts(sheets: [("Sheet1", rows)]), to: dir)
        let report = StudentImport.read(try ImportSource.load(path: path, sheet: nil))
        XCTAssertEqual(report.problems.map { $0.text(.en) }, [
            "sheet Sheet1, row 2, column D (爱好) (warning): unknown column, ignored",
            "sheet Sheet1, row 2: the required column \"gender\" is missing",
            "sheet Sheet1, row 2: the required column \"class\" is missing",
        ])
    }

    // MARK: - Refused, with what to do

    func testAnXLSAndAPasswordProtectedWorkbookAreToldApartAndRefused() throws {
        let xls = WorkbookFixtures.path("students.xls")
        let legacy = try XCTUnwrap(refusal(xls))
        XCTAssertEqual(legacy, .legacyWorkbook(path: xls))
        XCTAssertTrue(legacy.message.zh.contains("另存为” Excel 工作簿（.xlsx）"), legacy.message.zh)
        XCTAssertTrue(legacy.message.en.contains("Save As Excel Workbook (.xlsx)"), legacy.message.en)
        let locked = WorkbookFixtures.path("students-password.xlsx")
        let password = try XCTUnwrap(refusal(locked))
        XCTAssertEqual(password, .passwordProtected(path: locked))
        XCTAssertTrue(password.message.zh.contains("保护工作簿"), password.message.zh)
        XCTAssertTrue(password.message.en.contains("File ▸ Info ▸ Protect Workbook"), password.message.en)
        // A WPS .et is the same container as .xls.
        let et = dir + "/名单.et"
        try Data(CompoundFile.signature + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: et))
        XCTAssertEqual(refusal(et), .legacyWorkbook(path: et))
    }

    func testAnOpenDocumentSpreadsheetIsRefusedWithWhatToDo() throws {
        let ods = WorkbookFixtures.path("students.ods")
        let error = try XCTUnwrap(refusal(ods))
        XCTAssertEqual(error, .openDocument(path: ods))
        XCTAssertTrue(error.message.en.contains("save it as an Excel workbook (.xlsx)"), error.message.en)
    }

    func testACorruptZipAndAZipWithoutAWorkbookAreRefused() throws {
        let good = try Data(contentsOf: URL(fileURLWithPath: WorkbookFixtures.path("students.xlsx")))
        // Cut off half way, as an unfinished download is.
        let cut = dir + "/cut.xlsx"
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: cut))
        let error = try XCTUnwrap(refusal(cut))
        guard case .damaged = error else { return XCTFail("\(error)") }
        XCTAssertTrue(error.message.zh.contains("已损坏或不完整"), error.message.zh)
        XCTAssertTrue(error.message.en.contains("Download or copy it again"), error.message.en)
        // Bytes of the sheet flipped: the zip's checksum (or its XML) catches it.
        var flipped = [UInt8](good)
        let sheetAt = try XCTUnwrap(good.range(of: Data("xl/worksheets/sheet2.xml".utf8))).upperBound
        for i in sheetAt + 40..<sheetAt + 200 { flipped[i] ^= 0x5A }
        let bad = dir + "/flipped.xlsx"
        try Data(flipped).write(to: URL(fileURLWithPath: bad))
        guard case .damaged = try XCTUnwrap(refusal(bad, sheet: "名单")) else { return XCTFail("flipped bytes read") }
        // A Word document is a zip too.
        let docx = try CraftedWorkbook.write(["_rels/.rels": Data("""
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(CraftedWorkbook.relationships)/officeDocument" Target="word/document.xml"/></Relationships>
            """.utf8), "word/document.xml": Data("<w:document xmlns:w=\"w\"><w:body/></w:document>".utf8)], to: dir, name: "letter.docx")
        guard case .notAWorkbook = try XCTUnwrap(refusal(docx)) else { return XCTFail("a .docx read as a workbook") }
    }

    func testAZipBombIsRefusedByItsDeclaredSizeAndWhenItsHeaderLies() throws {
        // 24 MiB of one row repeated: packs to some kilobytes.
        let row = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
        var parts = CraftedWorkbook.parts(sheets: [("Sheet1", "")])
        let sheet = "<worksheet xmlns=\"\(CraftedWorkbook.main)\"><sheetData>" + String(repeating: row, count: (24 << 20) / row.utf8.count) + "</sheetData></worksheet>"
        parts["xl/worksheets/sheet1.xml"] = Data(sheet.utf8)
        let bomb = try CraftedWorkbook.write(parts, to: dir, name: "bomb.xlsx")
        XCTAssertLessThan(try Data(contentsOf: URL(fileURLWithPath: bomb)).count, 200_000)
        let declared = try XCTUnwrap(refusal(bomb))
        guard case .expandsTooMuch(_, "xl/worksheets/sheet1.xml", _) = declared else { return XCTFail("\(declared)") }
        XCTAssertTrue(declared.message.zh.contains("不像是学校的表格，已拒绝读取"), declared.message.zh)
        // The same archive claiming the sheet unpacks to 1000 bytes: reading stops there.
        try CraftedWorkbook.declare(size: 1000, for: "xl/worksheets/sheet1.xml", in: bomb)
        let lied = try XCTUnwrap(refusal(bomb))
        guard case .expandsTooMuch(_, "xl/worksheets/sheet1.xml", _) = lied else { return XCTFail("\(lied)") }
        // And a total over the limit, each part within its ratio.
        var limits = ImportLimits.standard
        limits.unpackedBytes = 4_000
        XCTAssertEqual(refusal(WorkbookFixtures.path("students.xlsx"), limits: limits).map { if case .expandsTooMuch = $0 { true } else { false } }, true)
    }

    func testFileSizeRowAndColumnLimitsAreRefusedWithTheirMessage() throws {
        var limits = ImportLimits.standard
        limits.fileBytes = 1_000
        let big = WorkbookFixtures.path("students.xlsx")
        guard case .tooLarge(_, _, 1_000) = try XCTUnwrap(refusal(big, limits: limits)) else { return XCTFail("file size") }
        limits = .standard
        limits.rows = 4
        let rows = try XCTUnwrap(refusal(big, sheet: "名单", limits: limits))
        XCTAssertEqual(rows, .tooManyRows(path: big, sheet: "名单", limit: 4))
        XCTAssertTrue(rows.message.zh.contains("超过 4 行"), rows.message.zh)
        XCTAssertEqual(refusal(WorkbookFixtures.path("students.csv"), limits: limits), .tooManyRows(path: WorkbookFixtures.path("students.csv"), sheet: nil, limit: 4))
        limits = .standard
        limits.columns = 5
        XCTAssertEqual(refusal(big, sheet: "名单", limits: limits), .tooManyColumns(path: big, sheet: "名单", limit: 5))
    }

    func testTextIsStillTextAndBadTextIsRefusedAsBefore() throws {
        let pk = dir + "/pk.csv"
        try Data("PK,姓名\n1,张三\n".utf8).write(to: URL(fileURLWithPath: pk))
        XCTAssertEqual(try ImportSource.load(path: pk, sheet: nil).rows.map(\.fields), [["PK", "姓名"], ["1", "张三"]])
        let bad = dir + "/bad.csv"
        try Data([0x61, 0x0A, 0x81, 0x20, 0xFF]).write(to: URL(fileURLWithPath: bad))
        XCTAssertEqual(refusal(bad), .notText(path: bad, line: 2, offset: 2))
        let quote = dir + "/quote.csv"
        try Data("学号,姓名\n1,\"张三\n".utf8).write(to: URL(fileURLWithPath: quote))
        XCTAssertEqual(refusal(quote), .unclosedQuote(path: quote, line: 2))
        XCTAssertEqual(refusal(dir + "/missing.xlsx"), .unreadable(path: dir + "/missing.xlsx"))
    }

    // MARK: - Speed

    func testAFiveThousandRowSheetReadsWellUnderASecond() throws {
        var strings = ["学号", "姓名", "性别", "年级", "班级", "男", "女", "初一"]
        var rows = "<row r=\"1\">" + (0..<5).map { "<c r=\"\(CellReference.letters($0))1\" t=\"s\"><v>\($0)</v></c>" }.joined() + "</row>"
        for i in 0..<5_000 {
            strings.append("学生\(i)")
            let r = i + 2
            rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(20270000 + i)</v></c><c r=\"B\(r)\" t=\"s\"><v>\(strings.count - 1)</v></c>"
                + "<c r=\"C\(r)\" t=\"s\"><v>\(5 + i % 2)</v></c><c r=\"D\(r)\" t=\"s\"><v>7</v></c>"
                + "<c r=\"E\(r)\" t=\"inlineStr\"><is><t>初一(\(1 + i % 12))班</t></is></c><c r=\"F\(r)\" s=\"1\"><v>\(46286 + i % 30)</v></c></row>"
        }
        let path = try CraftedWorkbook.write(CraftedWorkbook.parts(sheets: [("名单", rows)], strings: strings, styles: [0, 14]), to: dir)
        let start = Date()
        let sheet = try ImportSource.load(path: path, sheet: nil)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(sheet.rows.count, 5_001)
        XCTAssertEqual(sheet.rows[1].fields, ["20270000", "学生0", "男", "初一", "初一(1)班", "2026-09-21"])
        XCTAssertLessThan(elapsed, 1.0, "5,000 rows took \(elapsed) s")
    }
}
