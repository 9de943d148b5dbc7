import Counseling
import Foundation
import XCTest
@testable import Store

final class ExportFileTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testNewFileIsPrivateUTF8WithBOMAndNeverReplaced() throws {
        let path = dir + "/report.csv"
        try ExportFile.writeCSV([["日期", "状态"], ["2026-11-20", "开放"]], to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self), "日期,状态\r\n2026-11-20,开放\r\n")
        XCTAssertThrowsError(try ExportFile.writeCSV([["x"]], to: path)) {
            let error = $0 as? ExportError
            XCTAssertEqual(error?.errno, EEXIST)
            XCTAssertEqual(error?.message.zh, "\(path) 已存在，未覆盖。请换一个文件名。")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes, "the first export is untouched")
    }

    func testMissingFolderGetsATeacherMessage() {
        let path = dir + "/no-such-folder/report.csv"
        XCTAssertThrowsError(try ExportFile.writeCSV([["x"]], to: path)) {
            let error = $0 as? ExportError
            XCTAssertEqual(error?.message.en, "Cannot write \(path): the folder does not exist.")
            XCTAssertEqual(error?.detail, "open(\(path)): errno \(ENOENT)")
        }
    }

    func testCellsAreQuotedAndFormulasDefused() {
        XCTAssertEqual(ExportFile.cell("初一(1)班"), "初一(1)班")
        XCTAssertEqual(ExportFile.cell("a,b"), "\"a,b\"")
        XCTAssertEqual(ExportFile.cell("他说\"好\""), "\"他说\"\"好\"\"\"")
        XCTAssertEqual(ExportFile.cell("两行\n文字"), "\"两行\n文字\"")
        XCTAssertEqual(ExportFile.cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(ExportFile.cell("+86 138"), "'+86 138")
        XCTAssertEqual(ExportFile.cell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(ExportFile.cell("-1+2"), "'-1+2")
        XCTAssertEqual(ExportFile.cell("\t=1"), "'\t=1")
        XCTAssertEqual(ExportFile.cell("-"), "-", "a lone dash (no value) is not a formula")
        XCTAssertEqual(ExportFile.cell(""), "")
    }

    /// The first visible character decides, whatever invisible characters
    /// come before it or cling to it, and full-width signs count.
    func testFormulaSignsBehindCombiningMarksInvisiblesAndFullWidthFormsAreDefused() {
        let defused: [String] = [
            "=\u{301}1+1",            // "=" with a combining acute: one Character, not "="
            "=\u{20DD}SUM(A1)",       // an enclosing mark
            "+\u{0338}86",            // a combining overlay
            "\u{301}=1",              // a combining mark before the sign
            "＝1+1", "＋86 138", "－1", "＠SUM(A1)",   // full-width
            "＝\u{301}1",             // full-width with a mark
            "﹦1", "﹢1", "﹣1", "﹫A1", "⁼1", "₊1", "\u{2212}1",   // small, super/subscript, minus sign
            " =1", "\u{3000}=1", "\u{00A0}+1",                   // spaces, ideographic and no-break
            "\u{200B}=1", "\u{FEFF}@A1", "\u{202E}=1", "\u{2060}-1", "\u{200D}=1",   // format characters
            "\u{3164}=1", "\u{FE0F}=1",                          // default-ignorable filler, variation selector
            "\u{7}=1", "\n=1",                                   // other controls, a line feed
            "\t1", "\r1", "\r\n=1", " \tabc",                  // tab or carriage return first
        ]
        for value in defused {
            // Scalars: the apostrophe and a combining mark after it are one Character.
            let cell = ExportFile.cell(value).unicodeScalars
            let unquoted = cell.first == "\"" ? cell.dropFirst() : cell[...]
            XCTAssertEqual(unquoted.first, "'", "\(value.unicodeScalars.map { String($0.value, radix: 16) }) -> \(String(cell))")
            XCTAssertTrue(ExportFile.startsLikeFormula(value), "\(value.debugDescription)")
        }
        let plain = ["初一(1)班", "张三", "a=b", "1-2", "e\u{301}=1", "\u{200B}张三", " 86", "'=1", "＄1", "—1",
                     "-", "＝", "=", "\u{301}"]
        for value in plain {
            XCTAssertEqual(ExportFile.cell(value), value, value.debugDescription)
        }
        XCTAssertEqual(ExportFile.cell("＝1+1"), "'＝1+1")
        XCTAssertEqual(ExportFile.cell("=\u{301}1"), "'=\u{301}1")
        XCTAssertEqual(ExportFile.cell("\r\n=1"), "\"'\r\n=1\"")
    }

    /// What the export defuses, the import takes back without the apostrophe.
    func testImportRemovesTheApostropheTheExportAdded() {
        for value in ["=1+1", "=\u{301}1", "\u{301}=1", "＝1+1", "＋86 138", "－1", "＠SUM(A1)", "﹦1", "\u{2212}1", "-1"] {
            let exported = ExportFile.cell(value)
            XCTAssertEqual(FieldCleaner.clean(exported).text, value.precomposedStringWithCanonicalMapping,
                           "\(value.debugDescription) exported as \(exported.debugDescription)")
        }
        XCTAssertEqual(FieldCleaner.clean("'O'Neil").text, "'O'Neil", "an apostrophe before a letter stays")
    }
}
