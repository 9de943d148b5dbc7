import Counseling
import Foundation
import XCTest
@testable import Store

/// How each kind of cell a workbook stores reads as text, by hand-made
/// parts of what Excel, WPS and the screening platforms write.
final class WorkbookCellTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "xindesk-cells-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func rows(_ sheetData: String, strings: [String] = [], styles: [Int] = [0], codes: [Int: String] = [:],
                      date1904: Bool = false) throws -> [CSVReader.Row] {
        let parts = CraftedWorkbook.parts(sheets: [("Sheet1", sheetData)], strings: strings, styles: styles, codes: codes, date1904: date1904)
        return try ImportSource.load(path: try CraftedWorkbook.write(parts, to: dir), sheet: nil).rows
    }

    func testNumberFormatsTellDatesAndTimesFromNumbers() {
        for id in [14, 15, 16, 17, 31, 57, 58] { XCTAssertEqual(NumberFormat.of(id: id, code: nil), .date, "\(id)") }
        for id in [18, 19, 20, 21, 32, 45, 46, 47] { XCTAssertEqual(NumberFormat.of(id: id, code: nil), .time, "\(id)") }
        XCTAssertEqual(NumberFormat.of(id: 22, code: nil), .dateTime)
        for id in [0, 1, 2, 9, 10, 11, 49] { XCTAssertEqual(NumberFormat.of(id: id, code: nil), .plain, "\(id)") }
        let cases: [(String, NumberFormat)] = [
            ("yyyy\\-mm\\-dd", .date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("[$-804]yyyy年m月d日;@", .date), ("mmm-yy", .date),
            ("h:mm\\ AM/PM", .time), ("hh:mm", .time), ("mm:ss", .time), ("[h]:mm", .time), ("[mm]:ss", .time),
            ("yyyy/m/d h:mm", .dateTime), ("General", .plain), ("0.00E+00", .plain), ("#,##0.00\"分\"", .plain),
            ("[Red]0.0;[Blue]-0.0", .plain), ("\"day\" 0", .plain), ("0_);[Red](0)", .plain), ("@", .plain),
            ("[DBNum1][$-804]General", .plain),
        ]
        for (code, format) in cases { XCTAssertEqual(NumberFormat.of(id: 164, code: code), format, code) }
        // A code the file writes for a built-in id is the one that counts.
        XCTAssertEqual(NumberFormat.of(id: 14, code: "0.00"), .plain)
    }

    func testNumbersReadWithoutASpuriousDecimalAndToFifteenDigits() {
        let cases: [(String, String)] = [("20260101", "20260101"), ("2.5", "2.5"), ("5.0", "5"), ("1.3800138E10", "13800138000"),
                                         ("2.2999999999999998", "2.3"), ("1.99", "1.99"), ("-0", "0"), ("-3", "-3"), ("0.1", "0.1"),
                                         ("abc", "abc")]
        for (raw, text) in cases { XCTAssertEqual(CellText.number(raw, format: .plain, date1904: false), text, raw) }
    }

    func testSerialNumbersBecomeDatesAndTimesInBothDateSystems() {
        XCTAssertEqual(CellText.number("46285", format: .date, date1904: false), "2026-09-20")
        XCTAssertEqual(CellText.number("0.354166666666667", format: .time, date1904: false), "08:30")
        XCTAssertEqual(CellText.number("46285.3541666667", format: .dateTime, date1904: false), "2026-09-20 08:30")
        XCTAssertEqual(CellText.number("46285.99999999", format: .date, date1904: false), "2026-09-21", "rounded to the second")
        XCTAssertEqual(CellText.number("44823", format: .date, date1904: true), "2026-09-20")
        XCTAssertEqual(CellText.number("1", format: .date, date1904: false), "1900-01-01")
        XCTAssertEqual(CellText.number("61", format: .date, date1904: false), "1900-03-01")
        // Out of any calendar: the number as it is.
        XCTAssertEqual(CellText.number("-5", format: .date, date1904: false), "-5")
    }

    func testCellReferencesAndLetters() {
        XCTAssertEqual([0, 2, 25, 26, 27, 51, 52, 701, 702, 16383].map(CellReference.letters),
                       ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"])
        XCTAssertEqual(CellReference.parse("C5")?.column, 2)
        XCTAssertEqual(CellReference.parse("AA100")?.row, 100)
        XCTAssertEqual(CellReference.parse("xfd1048576")?.column, 16383)
        for bad in ["", "5", "C", "C0", "5C", "ABCD1", "A12345678"] { XCTAssertNil(CellReference.parse(bad), bad) }
    }

    func testEveryCellTypeReadsAsTheSheetShowsIt() throws {
        let read = try rows("""
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><r><t>王</t></r><r><rPr><b/></rPr><t>小明</t></r><rPh sb="0" eb="1"><t>wang</t></rPh></is></c>\
            <c r="E2" t="str"><f>A2&amp;"班"</f><v>初一班</v></c><c r="F2" t="b"><v>1</v></c><c r="G2" t="e"><v>#DIV/0!</v></c>\
            <c r="H2" s="1"><v>46285</v></c><c r="I2" s="2"><v>0.5</v></c><c r="J2" s="3"><v>46285.75</v></c><c r="K2" t="d"><v>2026-09-20T00:00:00</v></c>\
            <c r="L2"/><c r="M2" t="s"/></row>\
            <row r="3"/><row r="4"><c r="B4" s="0"><v>7</v></c></row><row r="9"><c r="A9" t="inlineStr"><is><t></t></is></c></row>
            """, strings: ["学号", "<r><t>张</t></r><r><rPr><i/></rPr><t>三</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh><phoneticPr fontId=\"1\"/>"],
            styles: [0, 14, 166, 22], codes: [166: "hh:mm"])
        XCTAssertEqual(read.map(\.line), [2, 4], "row numbers from the sheet; empty rows dropped")
        XCTAssertEqual(read[0].fields, ["学号", "张三", "王小明", "", "初一班", "TRUE", "#DIV/0!",
                                        "2026-09-20", "12:00", "2026-09-20 18:00", "2026-09-20"])
        XCTAssertEqual(read[1].fields, ["", "7"], "a gap before a cell is an empty cell; nothing after the last")
    }

    func testAWorkbookInThe1904DateSystemReadsTheSameDay() throws {
        let cells = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44823</v></c><c r=\"B1\" s=\"2\"><v>44823.5</v></c></row>"
        XCTAssertEqual(try rows(cells, styles: [0, 14, 22], date1904: true).first?.fields, ["2026-09-20", "2026-09-20 12:00"])
        XCTAssertEqual(try rows(cells, styles: [0, 14, 22]).first?.fields, ["2022-09-19", "2022-09-19 12:00"])
    }

    func testCellsWithoutReferencesFollowOneAnotherAndPrefixedNamesRead() throws {
        let parts = CraftedWorkbook.parts(sheets: [("Sheet1", "")])
        var withPrefix = parts
        withPrefix["xl/worksheets/sheet1.xml"] = Data("""
            <x:worksheet xmlns:x="\(CraftedWorkbook.main)"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>\
            <x:c><x:v>1</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>2</x:v></x:c><x:c><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>
            """.utf8)
        let sheet = try ImportSource.load(path: try CraftedWorkbook.write(withPrefix, to: dir), sheet: nil)
        XCTAssertEqual(sheet.rows, [CSVReader.Row(line: 1, fields: ["a", "1"]), CSVReader.Row(line: 2, fields: ["", "", "2", "3"])])
    }

    func testASheetNameIsCleanedLikeACell() throws {
        let parts = CraftedWorkbook.parts(sheets: [("名单\u{202E}", "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>")])
        let sheet = try ImportSource.load(path: try CraftedWorkbook.write(parts, to: dir), sheet: nil)
        XCTAssertEqual(sheet.name, "名单")
        XCTAssertEqual(try ImportSource.load(path: try CraftedWorkbook.write(parts, to: dir, name: "b.xlsx"), sheet: "名单").name, "名单")
    }

    func testAnErrorValueInAnImportedColumnIsAProblemOfItsCellInCSVToo() {
        let report = StudentImport.read("学号,姓名,性别,年级,班级\n20260101,#N/A,男,初一,初一(1)班\n20260102,Err:502,男,初一,初一(1)班\n")
        XCTAssertEqual(report.values, [])
        XCTAssertEqual(report.errors.map { $0.text(.en) }, [
            "line 2, column 姓名: this cell holds the formula error \"#N/A\", not data: correct the formula (or type the value) in the spreadsheet and import again",
            "line 3, column 姓名: this cell holds the formula error \"Err:502\", not data: correct the formula (or type the value) in the spreadsheet and import again",
        ])
    }

    func testAPartThatIsNotXMLIsADamagedFile() throws {
        var parts = CraftedWorkbook.parts(sheets: [("Sheet1", "")])
        parts["xl/worksheets/sheet1.xml"] = Data("<worksheet><sheetData><row><c><v>1</v></row>".utf8)
        let path = try CraftedWorkbook.write(parts, to: dir)
        XCTAssertThrowsError(try ImportSource.load(path: path, sheet: "Sheet1")) { error in
            guard case .damaged(_, let detail) = error as? ImportSourceError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("xl/worksheets/sheet1.xml"), detail)
        }
        parts["xl/worksheets/sheet1.xml"] = Data("<worksheet><sheetData><row><c t=\"s\"><v>9</v></c></row></sheetData></worksheet>".utf8)
        XCTAssertThrowsError(try ImportSource.load(path: try CraftedWorkbook.write(parts, to: dir, name: "b.xlsx"), sheet: "Sheet1")) { error in
            guard case .damaged = error as? ImportSourceError else { return XCTFail("\(error)") }
        }
    }
}
