import Counseling
import Foundation
import XCTest
@testable import Store

final class TextDecodingTests: XCTestCase {
    private func gb18030(_ s: String) throws -> [UInt8] {
        // Encoded by iconv the other way, so the test does not trust our own decoder.
        let cd = iconv_open("GB18030", "UTF-8")
        defer { iconv_close(cd) }
        var input = Array(s.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2)
        let produced = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o -> Int in
                var ip: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(i.baseAddress!).assumingMemoryBound(to: CChar.self)
                var op: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
                var il = i.count, ol = o.count
                _ = iconv(cd, &ip, &il, &op, &ol)
                return o.count - ol
            }
        }
        return Array(output[0..<produced])
    }

    func testGB18030ExportOfChineseHeaderAndNamesDecodes() throws {
        let text = "学号,姓名,性别\n20260101,单雪,女\n"
        let bytes = try gb18030(text)
        XCTAssertNotEqual(bytes, Array(text.utf8))
        let decoded = try TextDecoding.decode(bytes)
        XCTAssertEqual(decoded.text, text)
        XCTAssertEqual(decoded.encoding, .gb18030)
    }

    func testUTF8WithBOMAndUTF16LittleEndianDecode() throws {
        XCTAssertEqual(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("姓名".utf8)).text, "姓名")
        let utf16: [UInt8] = [0xFF, 0xFE] + "姓名".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        XCTAssertEqual(try TextDecoding.decode(utf16).encoding, .utf16LE)
        XCTAssertEqual(try TextDecoding.decode(utf16).text, "姓名")
    }

    func testBytesThatAreNeitherEncodingReportLineAndOffset() {
        let bytes = Array("ok\nline two\n".utf8) + [0x81, 0x20, 0xFF]
        XCTAssertThrowsError(try TextDecoding.decode(bytes)) { error in
            XCTAssertEqual((error as? TextDecoding.Failure)?.line, 3)
            XCTAssertEqual((error as? TextDecoding.Failure)?.offset, 12)
        }
    }
}

final class CSVReaderTests: XCTestCase {
    func testQuotedMultiLineFieldKeepsLaterLineNumbers() throws {
        let rows = try CSVReader.read("a,b\r\n1,\"two\nlines, and \"\"quotes\"\"\"\r\n3,4\r\n\r\n,\r\n")
        XCTAssertEqual(rows.map(\.line), [1, 2, 4])
        XCTAssertEqual(rows[1].fields, ["1", "two\nlines, and \"quotes\""])
        XCTAssertEqual(rows[2].fields, ["3", "4"])
    }

    func testTabSeparatedExportIsDetected() throws {
        XCTAssertEqual(try CSVReader.read("姓名\t班级\n张三\t初一(1)班\n")[1].fields, ["张三", "初一(1)班"])
    }

    func testExcelsSepLineNamesTheSeparatorAndIsNoRow() throws {
        let rows = try CSVReader.read("\u{FEFF}sep=;\r\n姓名;班级;备注\r\n张三;初一(1)班;\"a,b\"\r\n")
        XCTAssertEqual(rows.map(\.line), [2, 3], "line numbers still count the sep line")
        XCTAssertEqual(rows[0].fields, ["姓名", "班级", "备注"])
        XCTAssertEqual(rows[1].fields, ["张三", "初一(1)班", "a,b"])
        XCTAssertEqual(try CSVReader.read("SEP=|\n姓名|班级\n")[0].fields, ["姓名", "班级"])
        // A first cell that only starts with "sep=" is an ordinary row.
        XCTAssertEqual(try CSVReader.read("sep=x,y\n1,2\n")[0].fields, ["sep=x", "y"])
    }

    func testUnterminatedQuoteNamesTheLineWhereItStarts() {
        XCTAssertThrowsError(try CSVReader.read("a,b\n1,2\n3,\"open\n4,5\n")) { error in
            XCTAssertEqual((error as? CSVReader.Failure)?.line, 3)
        }
    }
}

final class FieldCleanerTests: XCTestCase {
    func testEscapeSequencesBidiAndControlsAreRemovedAndCounted() {
        let c = FieldCleaner.clean("\u{1B}]0;pwned\u{07}张\u{1B}[2J三\u{9B}\u{202E}\u{200B}")
        XCTAssertEqual(c.text, "张三")
        XCTAssertEqual(c.removed, 10 + 4 + 3)
        XCTAssertEqual(FieldCleaner.clean("  李四\u{3000}").text, "李四")
        XCTAssertEqual(FieldCleaner.clean("张三").removed, 0)
        XCTAssertEqual(FieldCleaner.clean("第一行\n第二行").text, "第一行 第二行")
    }
}

final class StudentImportTests: XCTestCase {
    func testChineseHeadersAndFlagsBecomeStudents() throws {
        let report = StudentImport.read("""
            学号,姓名,性别,年级,班级,班主任,监护人,关系,联系电话,留守儿童
            ２０２６０１０１,张三,男,初一,初一(1)班,王老师,张父,父亲,138-0013-8000,是
            20260102,李四,女,初二,初二(3)班,刘老师,,,,否
            """)
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.map(\.number), ["20260101", "20260102"], "full-width digits become ASCII")
        XCTAssertEqual(report.values[0].grade, 7)
        XCTAssertEqual(report.values[0].flags, [.leftBehind])
        XCTAssertEqual(report.values[0].guardians.first?.phone, "13800138000")
        XCTAssertEqual(report.values[1].grade, 8)
    }

    func testEnglishHeadersInAnyCaseWork() {
        let report = StudentImport.read("Student Number,NAME,sex,Grade,Class\n20260101,Zhang San,male,7,7-1\n")
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.first?.name, "Zhang San")
    }

    func testEveryProblemHasItsLineAndColumn() {
        let report = StudentImport.read("学号,姓名,性别,年级,班级\n20260101,张三,男,初一,1班\n20260101,李四,未知,初九,2班\n")
        XCTAssertEqual(report.values.count, 1)
        XCTAssertEqual(report.rejectedRows, 1)
        XCTAssertEqual(Set(report.errors.map(\.line)), [3])
        XCTAssertEqual(Set(report.errors.map(\.column)), ["学号", "性别", "年级"])
        XCTAssertTrue(report.errors.first { $0.column == "学号" }!.reason.zh.contains("第 2 行"))
    }

    func testMissingAndDuplicateColumnsAreReportedOnTheHeaderLine() {
        let report = StudentImport.read("姓名,姓名,性别,年级,班级,爱好\n张三,张三,男,初一,1班,篮球\n")
        XCTAssertTrue(report.values.isEmpty)
        XCTAssertTrue(report.errors.contains { $0.reason.en.contains("required column \"student number\"") })
        XCTAssertTrue(report.errors.contains { $0.column == "姓名" && $0.reason.en.contains("twice") })
        XCTAssertTrue(report.problems.contains { $0.column == "爱好" && $0.severity == .warning })
    }

    func testTitleRowsAboveTheHeaderAreSkippedWithAWarning() {
        let report = StudentImport.read("""
            XX市第一中学2026级学生花名册,,,,
            导出时间：2026-09-01,,,,
            学号,姓名,性别,年级,班级
            20260101,张三,男,初一,初一(1)班
            """)
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.map(\.name), ["张三"])
        XCTAssertEqual(report.problems.filter { $0.severity == .warning }.map(\.line), [1, 2])
        XCTAssertTrue(report.problems[0].text(.zhHans).contains("第 1 行"))
        XCTAssertTrue(report.problems[0].reason.zh.contains("表头"))
    }

    func testAHeaderMissingAColumnUnderATitleIsReportedOnItsOwnLine() {
        let report = StudentImport.read("学生花名册\n姓名,性别,年级,班级\n张三,男,初一,1班\n")
        XCTAssertTrue(report.values.isEmpty)
        XCTAssertEqual(report.errors.map(\.line), [2])
        XCTAssertTrue(report.errors[0].reason.en.contains("required column \"student number\""), report.errors[0].reason.en)
    }

    func testNumbersASpreadsheetTurnedIntoScientificNotationAreCaught() {
        let report = StudentImport.read("序号,学号,姓名,性别,年级,班级,家长电话\n1,2.02601E+07,张三,男,初一,1班,\n2,20260102,李四,女,初一,1班,1.38001E+10\n")
        XCTAssertTrue(report.values.isEmpty)
        XCTAssertEqual(report.errors.map(\.line), [2, 3])
        XCTAssertEqual(report.errors.map(\.column), ["学号", "家长电话"])
        XCTAssertTrue(report.errors.allSatisfy { $0.reason.zh.contains("科学计数法") })
        XCTAssertFalse(report.problems.contains { $0.column == "序号" }, "the running number is no unknown column")
    }

    func testAGuardianWithOnlyAPhoneOrOnlyANameIsKept() {
        let report = StudentImport.read("学号,姓名,性别,年级,班级,家长姓名,家长电话\n20260101,张三,男,初一,1班,,13800138000\n20260102,李四,女,初一,1班,李强,\n")
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.map { $0.guardians.map(\.phone) }, [["13800138000"], [""]])
        XCTAssertEqual(report.values.map { $0.guardians.map(\.name) }, [[""], ["李强"]])
    }

    func testARecordProblemIsReportedInItsColumn() {
        let report = StudentImport.read("学号,姓名,性别,年级,班级\n20260101,张三,男,初一,初一年级心理健康教育实验特色班第一分班第二小组\n")
        XCTAssertEqual(report.errors.map(\.column), ["班级"])
        XCTAssertTrue(report.errors.first?.reason.en.contains("too long") == true, "\(report.errors)")
    }

    func testAHeaderOverTwoRowsUnderMergedCellsIsReadAsOne() {
        let report = StudentImport.read("""
            2026级学生名单,,,,,,,
            学号,姓名,性别,年级,班级,家长信息,,
            ,,,,,姓名,关系,电话
            20260101,张三,男,初一,初一(1)班,张建国,父亲,13800138000
            """)
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values.map(\.name), ["张三"], "the student's name, not the guardian's")
        XCTAssertEqual(report.values.first?.guardians, [Guardian(name: "张建国", relation: .father, phone: "13800138000")])
        XCTAssertEqual(report.problems.filter { $0.severity == .warning }.map(\.line), [1, 3])
        XCTAssertFalse(report.problems.contains { $0.column == "家长信息" }, "the group is no unknown column")
    }

    func testADataRowUnderTheHeaderIsNeverTakenForASecondHeader() {
        let report = StudentImport.read("学号,姓名,性别,年级,班级,备注\n20260101,张三,男,初一,1班,电话\n")
        XCTAssertEqual(report.values.map(\.number), ["20260101"])
    }

    func testNamesPaddedToLineUpAreStoredAsTheyAreWritten() {
        let report = StudentImport.read("学号,姓名,性别,年级,班级,班主任\n20260101,张　三,男,初一,1班,王 老师\n20260102,Li   Ming,男,初一,1班,\n20260103,阿依古丽 · 买买提,女,初一,1班,\n")
        XCTAssertEqual(report.values.map(\.name), ["张三", "Li Ming", "阿依古丽·买买提"])
        XCTAssertEqual(report.values.first?.headTeacher, "王老师")
    }

    func testEscapeSequenceInANameIsNeverStoredRaw() {
        let report = StudentImport.read("学号,姓名,性别,年级,班级\n20260101,\"张\u{1B}[31m三\",男,初一,1班\n")
        XCTAssertEqual(report.values.first?.name, "张三")
        XCTAssertEqual(report.problems.first?.severity, .warning)
    }
}

final class RosterImportTests: XCTestCase {
    func testDatesAndTimesTheSpreadsheetWroteAsNumbersAreRead() {
        let report = RosterImport.read("日期,开始,结束,值班人\n46365,0.506944444444444,0.555555555555556,周明\n99999,12:10,13:20,周明\n", staff: [], accounts: [])
        XCTAssertEqual(report.values.map(\.span.start.day.description), ["2026-12-09"])
        XCTAssertEqual(report.values.first.map { "\($0.span.start.time)–\($0.span.end.time)" }, "12:10–13:20")
        XCTAssertEqual(report.errors.map(\.line), [3], "a number that is no date of this century stays an error")
        XCTAssertEqual(report.errors.map(\.column), ["日期"])
    }

    func testRosterRowsBecomeShiftsOfKnownOrNewStaff() {
        let staff = [Staff(id: StaffID("duty"), name: "周明", roles: [.duty])]
        let report = RosterImport.read("日期,开始时间,结束时间,值班教师\n2026/9/20,12:10,13:20,周明\n2026年9月21日,16:40,17:40,新老师\n2026-09-22,17:00,16:00,周明\n",
                                       staff: staff, accounts: [StaffID("duty")])
        XCTAssertEqual(report.values.map(\.person), [StaffID("duty"), StaffID("name:新老师")])
        XCTAssertEqual(report.values.first?.span.start.description, "2026-09-20T12:10:00")
        XCTAssertEqual(report.errors.map(\.line), [4])
    }
}

final class RosterProblemTests: XCTestCase {
    func testBadDateAndMissingPersonColumnAreReported() {
        let bad = RosterImport.read("date,start,end,person\n2026-02-30,12:10,13:20,周明\n", staff: [], accounts: [])
        XCTAssertEqual(bad.errors.map(\.line), [2])
        XCTAssertEqual(bad.errors.map(\.column), ["date"])
        let missing = RosterImport.read("date,start,end\n2026-09-01,12:10,13:20\n", staff: [], accounts: [])
        XCTAssertTrue(missing.values.isEmpty)
        XCTAssertTrue(missing.errors.contains { $0.line == 1 && $0.reason.en.contains("person") })
    }
}

/// A roster names people as the school writes them: by account name or by
/// display name; who is neither is listed, once, with every line naming them.
final class RosterPersonMatchTests: XCTestCase {
    private let staff = [Staff(id: StaffID("zhouming"), name: "周明", roles: [.duty]),
                         Staff(id: StaffID("li"), name: "李心怡", roles: [.counselor]),
                         Staff(id: StaffID("wangfang"), name: "王芳", roles: [.duty]),
                         Staff(id: StaffID("wangf2"), name: "王芳", roles: [.duty]),
                         Staff(id: StaffID("name:刘强"), name: "刘强", roles: [.duty])]
    private var accounts: Set<StaffID> { [StaffID("zhouming"), StaffID("li"), StaffID("wangfang"), StaffID("wangf2")] }

    func testAPersonIsMatchedByAccountNameOrDisplayName() {
        let report = RosterImport.read("日期,开始,结束,值班人\n2026-09-07,12:00,13:30,周明\n2026-09-08,12:00,13:30,li\n"
                                       + "2026-09-09,12:00,13:30,zhouming\n", staff: staff, accounts: accounts)
        XCTAssertEqual(report.values.map(\.person.rawValue), ["zhouming", "li", "zhouming"])
        XCTAssertEqual(report.problems, [])
    }

    func testWhoMatchesNoAccountIsListedOnceWithEveryLineInBothLanguages() {
        let report = RosterImport.read("日期,开始,结束,值班人\n2026-09-07,12:00,13:30,周名\n2026-09-08,12:00,13:30,周明\n"
                                       + "2026-09-09,12:00,13:30,刘强\n2026-09-10,12:00,13:30,周名\n", staff: staff, accounts: accounts)
        XCTAssertEqual(report.values.map(\.person.rawValue), ["name:周名", "zhouming", "name:刘强", "name:周名"],
                       "the shifts are kept, under the name written")
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.problems.map(\.line), [2, 4])
        XCTAssertEqual(report.problems.map(\.severity), [.warning, .warning])
        XCTAssertEqual(report.problems.first?.text(.zhHans),
                       "第 2 行「值班人」列（提示）：“周名”不是任何账户的账户名或显示名（第 2、5 行）：这些班次按这个名字记入值班表，此人不能用工作台签到。如果是写错了，请改成账户名或显示名（xindesk user list）再导入")
        XCTAssertEqual(report.problems.last?.text(.en),
                       "line 4, column 值班人 (warning): \"刘强\" is neither the account name nor the display name of any account (line 4): these shifts are entered under that name, and this person cannot check in at the workstation. If it is a typo, write the account or display name (xindesk user list) and import again")
    }

    func testARejectedRowIsNotListedAsUnmatched() {
        let report = RosterImport.read("日期,开始,结束,值班人\n2026-09-07,13:30,12:00,张三\n2026-09-08,12:00,13:30,张三\n",
                                       staff: staff, accounts: accounts)
        XCTAssertEqual(report.errors.map(\.line), [2])
        XCTAssertEqual(report.problems.filter { $0.severity == .warning }.map(\.line), [3], "listed at the line kept")
        XCTAssertTrue(report.problems.last?.reason.en.contains("(line 3)") ?? false, "\(report.problems)")
    }

    func testADisplayNameOfTwoAccountsIsAnErrorThatNamesThem() {
        let report = RosterImport.read("date,start,end,person\n2026-09-07,12:00,13:30,王芳\n2026-09-08,12:00,13:30,wangf2\n",
                                       staff: staff, accounts: accounts)
        XCTAssertEqual(report.values.map(\.person.rawValue), ["wangf2"])
        XCTAssertEqual(report.errors.map(\.line), [2])
        XCTAssertEqual(report.errors.first?.reason.en,
                       "\"王芳\" is the display name of several accounts (wangf2, wangfang): write the account name of the one meant")
        XCTAssertEqual(report.errors.first?.reason.zh, "“王芳”是多个账户的显示名（wangf2、wangfang）：请写其中一个的账户名")
    }
}
