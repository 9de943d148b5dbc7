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
}
