import Counseling
import Foundation
import GRDB
import Store
import Vault
import XCTest

/// `xindesk print`: the file it writes (0600, never over another), the
/// audit entry, and who may print what.
final class PrintCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    private func print(_ kind: String, as user: String, _ out: String, _ extra: [String] = []) throws -> Run {
        try xindesk(["print", kind, "--db", db, "--user", user, "--out", out] + extra, env: pass)
    }

    private func documentPrints() throws -> [String] {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action = 'document.print' ORDER BY id")
        }
    }

    func testAPrintIsA0600FileNeverWrittenOverAnotherAndIsAudited() throws {
        try demo(students: 60)
        let out = dir + "/visits.html"
        let run = try print("visits", as: "counselor", out, ["--from", "2026-09-01", "--to", "2026-09-30"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Wrote \(out) ("), run.stdout)
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertTrue(String(decoding: written, as: UTF8.self).contains("Visit register"))
        let prints = try documentPrints()
        XCTAssertEqual(prints.count, 1)
        XCTAssertTrue(prints[0].hasPrefix("visits 2026-09-01..2026-09-30 "), "\(prints)")

        let again = try print("visits", as: "counselor", out)
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already exists and was not replaced"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), written, "the first file is untouched")
        XCTAssertEqual(try documentPrints().count, 1, "a refused print is not in the log")
        // --pdf with an existing PDF beside it: refused before anything is written.
        FileManager.default.createFile(atPath: dir + "/roster.pdf", contents: Data("mine".utf8))
        let pdf = try print("duty-roster", as: "head", dir + "/roster.html", ["--pdf"])
        XCTAssertNotEqual(pdf.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/roster.html"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/roster.pdf")), Data("mine".utf8))
    }

    func testEachRoleIsRefusedWhatItMayNotPrint() throws {
        try demo(students: 60)
        for (user, kind, role) in [("duty", "visits", "counselor"), ("duty", "duty-roster", "head of guidance"),
                                   ("head", "counseling-record", "counselor"), ("head", "guardian-notice", "counselor")] {
            let out = dir + "/\(user)-\(kind).html"
            let run = try print(kind, as: user, out, kind.hasPrefix("duty") || kind == "visits" ? [] : ["--student", "20260101"])
            XCTAssertNotEqual(run.status, 0, "\(user) \(kind)")
            XCTAssertTrue(run.stderr.contains("Not allowed to print") && run.stderr.contains(role), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
        XCTAssertEqual(try documentPrints(), [])
        XCTAssertEqual(try print("duty-record", as: "duty", dir + "/record.html").status, 0)
        XCTAssertEqual(try print("visits", as: "head", dir + "/head.html").status, 0)
        XCTAssertEqual(try documentPrints().count, 2)
        let unknown = try print("minutes", as: "head", dir + "/m.html")
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("There is no document “minutes”"), unknown.stderr)
        let extra = try print("visits", as: "head", dir + "/v.html", ["--student", "20260101"])
        XCTAssertTrue(extra.stderr.contains("covers a period, not one student: leave out --student"), extra.stderr)
        let zh = try xindesk(["print", "plan", "--db", db, "--user", "counselor", "--out", dir + "/p.html", "--lang", "zh"], env: pass)
        XCTAssertTrue(zh.stderr.contains("请用 --student 写上学号"), zh.stderr)
    }

    /// The demo's briefs and reasons are on a counselor's register and on
    /// none of a head's: the head's keys never opened them.
    func testAHeadsRegistersOfTheDemoHoldNoBriefOrReason() throws {
        try demo(students: 300)
        let words = ["愿意下周再来", "练习了呼吸放松", "讨论了沟通方式", "学业", "人际关系", "情绪", "自伤念头"]
        let period = ["--from", "2026-09-01", "--to", "2026-11-30", "--lang", "zh"]
        XCTAssertEqual(try print("visits", as: "counselor", dir + "/c.html", period).status, 0)
        let counselor = try String(contentsOfFile: dir + "/c.html", encoding: .utf8)
        XCTAssertTrue(words.prefix(4).allSatisfy(counselor.contains), "the words are the demo's")
        for kind in ["visits", "appointments", "duty-record"] {
            let out = dir + "/head-\(kind).html"
            XCTAssertEqual(try print(kind, as: "head", out, period).status, 0)
            let html = try String(contentsOfFile: out, encoding: .utf8)
            for word in words { XCTAssertFalse(html.contains(word), "\(kind): \(word)") }
            XCTAssertFalse(html.contains("\u{E000}"), "\(kind): no sealed text either")
        }
    }

    func testWithoutChromiumTheHTMLIsWrittenAndThePDFIsSaidToBeMissing() throws {
        try demo(students: 60)
        let out = dir + "/record.html"
        let run = try xindesk(["print", "duty-record", "--db", db, "--user", "duty", "--out", out, "--pdf"],
                              env: pass.merging(["PATH": "/nonexistent"]) { $1 })
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("No Chromium found"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/record.pdf"))
    }
}
