import Counseling
import Foundation
import Store
import Vault
import XCTest

/// Each document of the demo through the real headless Chromium to PDF,
/// read back with pdftotext: as many pages as the content needs, Chinese
/// text extractable, the table header on every page, "第 N 页 共 M 页"
/// right, and no table row split across pages. Skipped only when Chromium
/// is not installed (scripts/ensure-packages installs it).
final class PrintPDFTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    override func setUpWithError() throws {
        try super.setUpWithError()
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = ["chromium", "chromium-browser"].contains { name in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
        guard found else { throw XCTSkip("no chromium on PATH: scripts/ensure-packages installs it") }
    }

    /// The PDF of one document, as pages of `pdftotext -layout` text.
    private func pages(_ kind: String, as user: String = "counselor", _ extra: [String] = []) throws -> [String] {
        let out = dir + "/\(kind).html"
        let run = try xindesk(["print", kind, "--db", db, "--user", user, "--out", out, "--pdf", "--lang", "zh"] + extra, env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        let pdf = dir + "/\(kind).pdf"
        let attributes = try FileManager.default.attributesOfItem(atPath: pdf)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "the PDF is 0600 too")
        let text = try tool("pdftotext", ["-layout", pdf, "-"])
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        let info = try tool("pdfinfo", [pdf])
        let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { Int($0.split(separator: " ").last!)! }
        XCTAssertEqual(count, pages.count)
        // Page numbers in the bottom margin box, in order, with the right total.
        for (index, page) in pages.enumerated() {
            XCTAssertTrue(squeezed(page).contains("第\(index + 1)页共\(pages.count)页"), "\(kind) page \(index + 1):\n\(page)")
        }
        return pages
    }

    private func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    private func tool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, name)
        return String(decoding: data, as: UTF8.self)
    }

    /// A register: the header line on every page, and under it a row's
    /// start (its date), never the rest of a row cut off the page before;
    /// every row printed once, and no page without rows.
    private func assertRegister(_ pages: [String], header: [String], rows: Int, file: StaticString = #filePath, line: UInt = #line) {
        let headerLine = squeezed(header.joined())
        var starts = 0
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n").map(String.init)
            guard let at = lines.firstIndex(where: { squeezed($0) == headerLine }) else {
                XCTFail("page \(index + 1) has no header \(header):\n\(page)", file: file, line: line)
                continue
            }
            let body = lines[(at + 1)...].filter { !squeezed($0).isEmpty && !squeezed($0).hasPrefix("第") }
            XCTAssertTrue(body.first?.trimmingCharacters(in: .whitespaces).range(of: #"^\d{4}-\d{2}-\d{2} "#, options: .regularExpression) != nil,
                          "page \(index + 1) starts mid-row:\n\(page)", file: file, line: line)
            let pageStarts = body.filter { $0.trimmingCharacters(in: .whitespaces).range(of: #"^\d{4}-\d{2}-\d{2} "#, options: .regularExpression) != nil }.count
            XCTAssertGreaterThan(pageStarts, 0, "page \(index + 1) holds no row", file: file, line: line)
            starts += pageStarts
        }
        XCTAssertEqual(starts, rows, "every row once", file: file, line: line)
    }

    /// The rows a register holds, from the HTML the command wrote.
    private func rows(_ kind: String) throws -> Int {
        let html = try String(contentsOfFile: dir + "/\(kind).html", encoding: .utf8)
        return html.components(separatedBy: "<tr><td>20").count - 1
    }

    func testTheVisitRegisterSpansPagesWithItsHeaderOnEachAndNoRowSplit() throws {
        try demo(students: 300)
        let pages = try pages("visits", ["--from", "2026-09-01", "--to", "2026-11-30"])
        XCTAssertGreaterThan(pages.count, 3, "a term's visits of 300 students are several pages")
        XCTAssertTrue(squeezed(pages[0]).contains("心理辅导室来访登记表"), "Chinese text is extractable")
        XCTAssertTrue(squeezed(pages[0]).contains("期间：2026-09-01–2026-11-30"))
        assertRegister(pages, header: ["日期", "时间", "学生", "班级", "方式", "接待教师", "转交", "来访原因", "简要记录"], rows: try rows("visits"))
    }

    /// Rows of ten lines each (long briefs): without `break-inside: avoid`
    /// Chromium cuts them at the page's foot, which `assertRegister` sees
    /// as a page starting mid-row.
    func testTallRowsAreNeverCutAtThePageFoot() throws {
        try demo(students: 60)
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        let pool = try vault.makePool()
        let store = try Store(vault: vault, writer: pool)
        let student = try XCTUnwrap(try store.studentList().first).id
        let day = Day(year: 2026, month: 10, day: 13)!
        let brief = String(repeating: "情绪低落，与同学关系紧张，讨论了沟通方式。", count: 8)
        for n in 0..<24 {
            let start = LocalDateTime(day, TimeOfDay(hour: 8 + n / 3, minute: (n % 3) * 20)!)
            try store.execute(.logVisit(Visit(id: Store.newID(), student: student, loggedBy: StaffID("counselor"), channel: .walkIn,
                                              start: start, end: start.adding(minutes: 15), reasons: [.emotions], brief: brief)),
                              as: Account(vault), at: LocalDateTime(Date(), in: store.timeZone))
        }
        _ = try store.close(vault: vault)
        vault.lock()
        let pages = try pages("visits", ["--from", "2026-10-13", "--to", "2026-10-13"])
        XCTAssertGreaterThan(pages.count, 2)
        assertRegister(pages, header: ["日期", "时间", "学生", "班级", "方式", "接待教师", "转交", "来访原因", "简要记录"], rows: try rows("visits"))
    }

    func testTheHeadsVisitRegisterAndAppointmentsPrintWithoutClinicalColumns() throws {
        try demo(students: 300)
        let visits = try pages("visits", as: "head", ["--from", "2026-09-01", "--to", "2026-10-31"])
        assertRegister(visits, header: ["日期", "时间", "学生", "班级", "方式", "接待教师", "转交"], rows: try rows("visits"))
        XCTAssertFalse(visits.joined().contains("简要记录"))
        let appointments = try pages("appointments", as: "head", ["--from", "2026-09-01", "--to", "2026-11-30"])
        assertRegister(appointments, header: ["日期", "时间", "学生", "班级", "预约人", "方式", "辅导教师", "状态"], rows: try rows("appointments"))
    }

    func testTheDutyRosterAndRecordPrintWithTheirGaps() throws {
        try demo(students: 60)
        let roster = try pages("duty-roster", as: "head", ["--from", "2026-09-01", "--to", "2026-11-30"])
        XCTAssertGreaterThan(roster.count, 1)
        assertRegister(roster, header: ["日期", "星期", "时段", "值班教师", "备注"], rows: try rows("duty-roster"))
        let record = try pages("duty-record", as: "duty", ["--from", "2026-09-01", "--to", "2026-10-31"])
        XCTAssertTrue(squeezed(record.joined()).contains("未达要求与缺勤"), "the gaps follow the check-ins")
        XCTAssertTrue(squeezed(record[0]).contains("日期星期值班教师签到签退分钟补录/更正"))
    }

    /// A key-attention student of the demo with a referral (counselor's keys).
    private func referredStudent() throws -> String {
        try demoStore { store in
            try XCTUnwrap(try store.keyAttentionFiles().first { !$0.referrals.isEmpty && !$0.plans.isEmpty }).student.number
        }
    }

    /// One form of a demo student with a plan and a referral: one or two
    /// pages, its words extractable.
    private func assertForm(_ kind: String, _ words: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        try demo(students: 300)
        let pages = try pages(kind, ["--student", try referredStudent()])
        XCTAssertTrue((1...2).contains(pages.count), "\(kind): \(pages.count) pages", file: file, line: line)
        for word in words { XCTAssertTrue(squeezed(pages.joined()).contains(word), "\(kind) lacks \(word)", file: file, line: line) }
    }

    func testTheCounselingRecordIsOneOrTwoPages() throws {
        try assertForm("counseling-record", ["个别辅导记录表", "当前状况", "主要问题", "评估", "辅导措施", "效果评价", "辅导教师签名"])
    }

    func testThePlanIsOneOrTwoPages() throws {
        try assertForm("plan", ["一生一案", "第1版（现行）", "包保领导"])
    }

    func testTheReferralSlipWithItsTearOffIsOneOrTwoPages() throws {
        try assertForm("referral", ["心理危机转介单", "转介回执", "跟踪记录", "接诊医生签名"])
    }

    func testTheGuardianNoticeIsOneOrTwoPages() throws {
        try assertForm("guardian-notice", ["监护人告知书", "监护人签名", "与学生关系"])
    }

    func testWhoOpenedAFileIsOnePage() throws {
        try assertForm("file-readers", ["心理档案查阅记录", "不含档案内容"])
    }

    /// The term's statistics as a head prints them: several pages, page
    /// numbers right, the figures' header on every page that holds figures,
    /// the heatmap drawn, every section present and no figure needing the
    /// clinical key shown as a number; and the PDF's source verifies.
    func testTheStatisticsPrintAsAHeadsDocumentThatVerifies() throws {
        try demo(students: 300)
        let pages = try pages("statistics", as: "head", ["--from", "2026-09-01", "--to", "2026-11-30"])
        XCTAssertGreaterThan(pages.count, 2)
        let all = squeezed(pages.joined())
        for section in ["开放合规", "来访", "团体辅导", "预约", "心理测评", "重点关注", "转介", "家校联系", "销号"] {
            XCTAssertTrue(all.contains(section), "section \(section) missing")
        }
        XCTAssertTrue(all.contains("需心理教师打印"), "what a head's keys cannot count says so")
        for (index, page) in pages.enumerated() where squeezed(page).contains("数量") {
            XCTAssertTrue(page.split(separator: "\n").contains { squeezed(String($0)) == "项目数量" }, "page \(index + 1) repeats the header")
        }
        let html = try String(contentsOfFile: dir + "/statistics.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<svg class=\"heatmap\""))
        XCTAssertEqual(try xindesk(["print", "verify", dir + "/statistics.html", "--db", db, "--user", "head"], env: pass).status, 0)
    }

    /// 团体辅导记录: every session a block that starts (its heading, the
    /// date) and ends (the facilitator's signature line) on the same page,
    /// each block once, over several pages of a term.
    func testTheGroupRecordNeverSplitsASessionAcrossPages() throws {
        try demo(students: 300)
        let pages = try pages("group-sessions", ["--from", "2026-09-01", "--to", "2026-11-30"])
        XCTAssertGreaterThan(pages.count, 1)
        XCTAssertTrue(squeezed(pages[0]).contains("团体辅导记录"), "Chinese text is extractable")
        let html = try String(contentsOfFile: dir + "/group-sessions.html", encoding: .utf8)
        let blocks = html.components(separatedBy: "<section class=\"session\">").count - 1
        var headings = 0
        for (index, page) in pages.enumerated() {
            // A block's lines in order: its heading (the date first), then its signature.
            let marks = page.split(separator: "\n").compactMap { line -> Character? in
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.range(of: #"^\d{4}-\d{2}-\d{2} "#, options: .regularExpression) != nil { return "h" }
                return squeezed(text).hasPrefix("主持教师签名") ? "s" : nil
            }
            XCTAssertEqual(String(marks), String(repeating: "hs", count: marks.count / 2),
                           "page \(index + 1) holds part of a session:\n\(page)")
            XCTAssertFalse(marks.isEmpty, "page \(index + 1) holds no session")
            headings += marks.filter { $0 == "h" }.count
        }
        XCTAssertEqual(headings, blocks, "every session once")
    }
}
