import Counseling
import Foundation
import GRDB
import Store
import Vault
import XCTest

final class ReportAndExportTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    func testComplianceReportListsTheDemoGapsAsViolations() throws {
        try demo(students: 300)
        let run = try xindesk(["report", "compliance", "--db", db, "--user", "head", "--from", "2026-09-01", "--to", "2026-11-20"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[1].hasPrefix("week of"), run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("2026-09-07") && $0.contains("met") }, run.stdout)
        XCTAssertTrue(lines.contains { $0.contains("NOT MET") }, run.stdout)
        XCTAssertTrue(run.stdout.contains("nobody checked in"), run.stdout)
        XCTAssertTrue(run.stdout.contains("outside lessons"), run.stdout)
        let zh = try xindesk(["report", "compliance", "--db", db, "--user", "head"], env: pass.merging(["LANG": "zh_CN.UTF-8"]) { $1 })
        XCTAssertTrue(zh.stdout.contains("违规"), zh.stdout)
    }

    func testKeyAttentionReportIsInUrgencyOrderAndClosedToDutyTeachers() throws {
        try demo(students: 300)
        let run = try xindesk(["report", "key-attention", "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").dropFirst(2)
        let rows = lines.filter { !$0.hasPrefix(" ") }.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        XCTAssertEqual(rows.count, 9, "3% of 300")
        // Under a student, what their file lacks; the demo's plans are past their review.
        let lacks = lines.filter { $0.hasPrefix(" ") }
        XCTAssertFalse(lacks.isEmpty, run.stdout)
        XCTAssertTrue(lacks.allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("lacks: ") }, run.stdout)
        XCTAssertTrue(lacks.contains { $0.contains("support plan review overdue") }, run.stdout)
        // The demo's unwritten plan and unreached guardian, each under its student.
        for lack in ["no support plan", "no responsible leader", "no guardian notification on record"] {
            XCTAssertEqual(lacks.filter { $0.contains(lack) }.count, 1, "\(lack):\n\(run.stdout)")
        }
        // A head's keys do not open plans or guardian contacts: no judgement
        // on them, and the report says so.
        let head = try xindesk(["report", "key-attention", "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(head.status, 0, head.stderr)
        XCTAssertTrue(head.stdout.contains("only follow-ups are judged here"), head.stdout)
        for lack in ["no support plan", "no responsible leader", "no guardian notification on record", "referral without feedback"] {
            XCTAssertFalse(head.stdout.contains(lack), head.stdout)
        }
        // The level's name is two words: watch 3, watch 2.
        let levels = rows.map { $0[0] + " " + $0[1] }
        XCTAssertTrue(Set(levels).isSubset(of: ["watch 3", "watch 2"]), "\(levels)")
        XCTAssertEqual(levels, levels.filter { $0 == "watch 3" } + levels.filter { $0 == "watch 2" }, "level 3 before level 2")
        let duty = try xindesk(["report", "key-attention", "--db", db, "--user", "duty"], env: pass)
        XCTAssertEqual(duty.status, 1)
        XCTAssertTrue(duty.stdout.isEmpty)
        XCTAssertEqual(try auditActions(db).filter { $0.hasPrefix("report.") }, ["report.key-attention", "report.key-attention"],
                       "the refused one printed nothing")
    }

    func testExportThenImportIntoAFreshDatabaseGivesTheSameStudents() throws {
        try demo(students: 120)
        let file = dir + "/students.csv"
        XCTAssertEqual(try xindesk(["export", "students", file, "--db", db, "--user", "counselor"], env: pass).status, 0)
        let attrs = try FileManager.default.attributesOfItem(atPath: file)
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try xindesk(["export", "students", file, "--db", db, "--user", "counselor"], env: pass).status, 1,
                       "never over an existing file")
        let fresh = dir + "/fresh.db"
        XCTAssertEqual(try xindesk(["init", "--db", fresh, "--user", "admin", "--kdf", "interactive"],
                                   env: ["XINDESK_NEW_PASSPHRASE": "fresh-passphrase"]).status, 0)
        let imported = try xindesk(["import", "students", file, "--db", fresh, "--user", "admin"],
                                   env: ["XINDESK_PASSPHRASE": "fresh-passphrase"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("Imported 120 new"), imported.stdout)
        let original = try students(db, "counselor", "demo1234"), copy = try students(fresh, "admin", "fresh-passphrase")
        XCTAssertEqual(original.count, copy.count)
        for (a, b) in zip(original, copy) where a != b { XCTFail("\(a.number) differs after the round trip"); break }
        XCTAssertEqual(try auditActions(db).filter { $0.hasSuffix(".export") }, ["students.export"], "one export, the refused one not")
    }

    private func auditActions(_ path: String) throws -> [String] {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: path, account: "counselor", passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY id") }
    }

    private func students(_ path: String, _ user: String, _ passphrase: String) throws -> [Student] {
        var p = Array(passphrase.utf8)
        let vault = try Vault.unlock(database: path, account: user, passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try Store(writer: queue, keys: .ephemeral()).allStudents().sorted { $0.number < $1.number }
    }

    func testNoDemoNameIsOnDiskAnywhere() throws {
        try demo(students: 200)
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        let queue = try vault.makeQueue()
        let names = try Store(writer: queue, keys: .ephemeral()).studentList().map(\.name)
        try queue.close()
        vault.lock()
        XCTAssertEqual(names.count, 200)
        var scanned = 0
        for file in try FileManager.default.subpathsOfDirectory(atPath: dir) {
            guard let data = FileManager.default.contents(atPath: dir + "/" + file) else { continue }
            scanned += 1
            for name in names where name.count >= 2 {
                XCTAssertNil(data.range(of: Data(name.utf8)), "\(name) found in \(file)")
            }
        }
        XCTAssertGreaterThanOrEqual(scanned, 2)
    }

    func testAlteredAuditRowMakesCheckReportTheBrokenLink() throws {
        try demo(students: 60)
        XCTAssertEqual(try xindesk(["import", "roster", {
            let f = dir + "/r.csv"
            FileManager.default.createFile(atPath: f, contents: Data("date,start,end,person\n2027-01-04,12:10,13:20,周明\n".utf8))
            return f
        }(), "--db", db, "--user", "head"], env: pass).status, 0)
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        let queue = try vault.makeQueue()
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET actor = 'someone' WHERE id = 1")
        }
        try queue.close()
        vault.lock()
        let run = try xindesk(["check", "--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("audit log has been tampered with at entry 1"), run.stderr)
    }
}
