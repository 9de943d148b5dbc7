import Foundation
import XCTest

final class ImportCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    func testAnInvalidRowMeansNothingIsWrittenUnlessSkipped() throws {
        try demo()
        let file = csv("学号,姓名,性别,年级,班级\n20269901,测试甲,男,初一,初一(9)班\n20269902,测试乙,不详,初一,初一(9)班\n")
        // Bytes are no measure here (GRDB's pool commits an empty savepoint
        // when it opens); the audit log and a later import are: a rejected
        // import adds no entry, and its valid row is still new afterwards.
        func auditEntries() throws -> String? {
            let out = try xindesk(["check", "--db", db, "--user", "counselor"], env: pass).stdout
            return out.range(of: "audit log intact \\([0-9]+ entries, all signed\\)", options: .regularExpression).map { String(out[$0]) }
        }
        let before = try XCTUnwrap(try auditEntries())
        let run = try xindesk(["import", "students", file, "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("line 3, column 性别"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Nothing was imported"), run.stderr)
        XCTAssertEqual(try auditEntries(), before, "a rejected import writes nothing")
        let skipped = try xindesk(["import", "students", file, "--db", db, "--user", "counselor", "--skip-invalid"], env: pass)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stdout.contains("Imported 1 new"), skipped.stdout)
    }

    func testGB18030FileImportsAndDutyTeacherMayNotImportStudents() throws {
        try demo()
        let utf8 = csv("学号,姓名,性别,年级,班级\n20269903,单雪,女,初二,初二(1)班\n")
        let gb = try gb18030(utf8)
        let refused = try xindesk(["import", "students", gb, "--db", db, "--user", "duty"], env: pass)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("administrator"), refused.stderr)
        let run = try xindesk(["import", "students", gb, "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Imported 1 new"), run.stdout)
    }

    func testADamagedWorkbookIsRefusedWithWhatToDoAndAHostileFileNameIsNotEchoed() throws {
        try demo()
        let path = dir + "/\u{1B}]0;owned\u{07}名单.xlsx"
        FileManager.default.createFile(atPath: path, contents: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))
        let run = try xindesk(["import", "students", path, "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is damaged or incomplete"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Download or copy it again"), run.stderr)
        XCTAssertFalse(run.stderr.contains("\u{1B}"), "the file name's escape sequence reaches the terminal")
        XCTAssertTrue(run.stderr.contains("名单.xlsx"), run.stderr)
    }

    func testAnExcelExportWithSepLineAndTitleRowImports() throws {
        try demo()
        let file = csv("sep=;\r\n2026级新生名单;;;;\r\n学号;姓名;性别;年级;班级\r\n20269905;欧阳明;男;初一;初一(9)班\r\n")
        let run = try xindesk(["import", "students", file, "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Imported 1 new"), run.stdout)
        XCTAssertTrue(run.stderr.contains("line 2 (warning): above the header row"), run.stderr)
    }

    func testRosterImportByTheHeadOfGuidance() throws {
        try demo()
        let file = csv("date,start,end,person\n2027-01-04,12:10,13:20,周明\n")
        let run = try xindesk(["import", "roster", file, "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Imported 1 shifts"), run.stdout)
        let check = try xindesk(["check", "--db", db, "--user", "head"], env: pass)
        XCTAssertTrue(check.stdout.contains("audit log intact"), check.stdout)
    }

    func testUndecodableFileGetsAClearMessage() throws {
        try demo()
        let path = dir + "/bad.csv"
        FileManager.default.createFile(atPath: path, contents: Data([0x61, 0x0A, 0x81, 0x20]))
        let run = try xindesk(["import", "students", path, "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("neither UTF-8 nor GB18030") && run.stderr.contains("line 2"), run.stderr)
    }

    func testTwoImportsAtOnceBothSucceedAndEveryStudentIsThere() throws {
        try demo()
        // Two spreadsheets of 300 students each, imported at the same moment
        // from two terminals: the second waits for the first, never fails.
        let files = (0..<2).map { batch in
            csv("学号,姓名,性别,年级,班级\n" + (0..<300).map { i in
                "2027\(batch)\(String(format: "%03d", i)),测试\(batch == 0 ? "甲" : "乙")\(i),男,初一,初一(\(batch + 11))班\n"
            }.joined())
        }
        let runs = Runs()
        // The test case only starts processes and waits for them.
        nonisolated(unsafe) let test = self
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let run = try? test.xindesk(["import", "students", files[i], "--db", test.db, "--user", "counselor"], env: test.pass)
            runs.set(i, run)
        }
        for i in 0..<2 {
            let run = try XCTUnwrap(runs.get(i))
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertFalse(run.stderr.contains("locked"), run.stderr)
            XCTAssertTrue(run.stdout.contains("Imported 300 new"), run.stdout)
        }
        let list = try xindesk(["export", "students", dir + "/all.csv", "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(list.status, 0, list.stderr)
        let exported = String(decoding: try XCTUnwrap(contents(dir + "/all.csv")), as: UTF8.self)
        // CRLF is one Character to Swift: split on newlines, not on "\n".
        let lines = exported.split(whereSeparator: \.isNewline)
        XCTAssertEqual(lines.filter { $0.hasPrefix("20270") }.count, 300)
        XCTAssertEqual(lines.filter { $0.hasPrefix("20271") }.count, 300)
    }
}

/// Results handed back from the threads that ran them.
private final class Runs: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [Int: CLITestCase.Run] = [:]
    func set(_ i: Int, _ run: CLITestCase.Run?) { lock.withLock { runs[i] = run } }
    func get(_ i: Int) -> CLITestCase.Run? { lock.withLock { runs[i] } }
}
