import DistrictBundle
import Foundation
import XCTest

/// `report` against the real server: every school side by side with the
/// figures it sent, the schools that sent nothing, the outliers, and the
/// files it writes (new, 0600, HTML without script, text escaped).
final class ReportTests: DistrictTestCase {
    private var key: DistrictKeyPair!

    override func setUpWithError() throws {
        try super.setUpWithError()
        key = try initDistrict()
        let north = try registerSchool("North <script>alert(1)</script>")
        let south = try registerSchool("=SUM(A1) South")
        _ = try registerSchool("Silent school")
        var quiet = DistrictTestCase.figures
        quiet["visits.total"] = .count(0)
        quiet["compliance.violations.closed"] = .count(0)
        quiet["compliance.violations.missing-check-out"] = .count(0)
        quiet["compliance.week.2026-09-07.open-minutes"] = .count(0)
        let run = try district(["ingest", "--pg", pg, "--key", keyFile,
                                try bundle(from: north, to: key.publicKey),
                                try bundle(from: south, to: key.publicKey, figures: quiet),
                                // Another term: not in this term's report.
                                try bundle(from: south, to: key.publicKey, period: "2026-spring")])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
    }

    func testTheTableShowsEverySchoolTheSilentOnesAndTheOutliers() throws {
        let run = try district(["report", "--pg", pg, "--period", "2026-autumn"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].contains("3 registered, 2 sent"), run.stdout)
        let north = try XCTUnwrap(lines.first { $0.hasPrefix("North") })
        // weeks met 15 of 19, violations 2+4, visits 48, screening 399/420, levels 12/<5/0, feedback 6/8, staff 2/6/1, 120.5 hours.
        for cell in ["15/19", "6", "48", "399/420 (95%)", "12/<5/0", "6/8 (75%)", "2/6/1", "120.5"] {
            XCTAssertTrue(north.contains(cell), "\(cell) in \(north)")
        }
        XCTAssertTrue(run.stdout.contains("Sent nothing (1):\n  Silent school"), run.stdout)
        XCTAssertTrue(run.stdout.contains("=SUM(A1) South: no visits all term"), run.stdout)
        XCTAssertTrue(run.stdout.contains("=SUM(A1) South: no violations and no check-ins"), run.stdout)
        XCTAssertFalse(run.stdout.contains("North <script>alert(1)</script>: no visits"), run.stdout)
    }

    func testTheCSVHoldsTheFiguresAsTheSchoolsSentThem() throws {
        let out = dir + "/district.csv"
        let run = try district(["report", "--pg", pg, "--period", "2026-autumn", "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let rows = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        func row(_ prefix: String) throws -> [String: String] {
            let r = try XCTUnwrap(rows.first { $0[0].hasPrefix(prefix) }, prefix)
            return Dictionary(uniqueKeysWithValues: zip(header, r))
        }
        let north = try row("North")
        XCTAssertEqual(north["weeks_met"], "15")
        XCTAssertEqual(north["violations"], "6")
        XCTAssertEqual(north["visits"], "48")
        XCTAssertEqual(north["screening_eligible"], "420")
        XCTAssertEqual(north["watch2_end"], "<5")
        XCTAssertEqual(north["referrals_feedback"], "6")
        XCTAssertEqual(north["staff_duty"], "6")
        XCTAssertEqual(north["duty_minutes"], "7230")
        // A name that starts like a formula is neutralised.
        XCTAssertEqual(try row("'=SUM")["visits"], "0")
        XCTAssertEqual(try row("Silent")["sent"], "no")
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testTheHTMLIsAnA4DocumentWithoutScriptAndWithEscapedNames() throws {
        let out = dir + "/district.html"
        let run = try district(["report", "--pg", pg, "--period", "2026-autumn", "--out", out, "--lang", "zh"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("2 所学校已报送，1 所未报送"), run.stdout)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.contains("size: A4"))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertTrue(html.contains("区心理辅导室工作汇总 2026-autumn"))
        XCTAssertTrue(html.contains("North &lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertTrue(html.contains("整个学期没有来访记录"))
        XCTAssertTrue(html.contains("Silent school"))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int, 0o600)
    }

    /// A registered school's signature makes a bundle authentic, not
    /// harmless: keys, roles and days it holds never reach the report as
    /// text, and a day that is no day is refused before PostgreSQL sees it.
    func testWhatASignedBundleSaysIsStillTreatedAsHostile() throws {
        let school = try registerSchool("West")
        var figures = DistrictTestCase.figures
        figures["visits.total\u{1B}[2J<script>bundle-marker</script>"] = .count(7)
        let hostile = BundleContent.Staffing(accountsByRole: ["<img src=x onerror=alert(1)>": 3, "\u{1B}]0;owned\u{07}": 2, "duty": 5],
                                             dutyMinutes: 60)
        let run = try district(["ingest", "--pg", pg, "--key", keyFile,
                                try bundle(from: school, to: key.publicKey, staffing: hostile),
                                try bundle(from: school, to: key.publicKey, period: "2027-spring", first: "2027-02-30'); DROP TABLE schools; --")])
        XCTAssertEqual(run.status, 3, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("stored: \"West\" 2026-autumn"), run.stdout)
        XCTAssertTrue(run.stdout.contains("refused: Its content is incomplete or malformed"), run.stdout)
        XCTAssertEqual(try sql("SELECT count(*) FROM schools"), ["4"])

        let text = try district(["report", "--pg", pg, "--period", "2026-autumn"])
        let html = dir + "/west.html", csv = dir + "/west.csv"
        XCTAssertEqual(try district(["report", "--pg", pg, "--period", "2026-autumn", "--out", html]).status, 0)
        XCTAssertEqual(try district(["report", "--pg", pg, "--period", "2026-autumn", "--out", csv]).status, 0)
        for output in [text.stdout, try String(contentsOfFile: html, encoding: .utf8), try String(contentsOfFile: csv, encoding: .utf8)] {
            XCTAssertFalse(output.contains("\u{1B}"), output)
            XCTAssertFalse(output.contains("<img"), output)
            XCTAssertFalse(output.contains("owned"), output)
            XCTAssertFalse(output.contains("bundle-marker"), output)
            XCTAssertFalse(output.contains("onerror"), output)
        }
        XCTAssertTrue(text.stdout.split(separator: "\n").contains { $0.hasPrefix("West") && $0.contains("0/5/0") }, text.stdout)
    }

    func testAReportNeverReplacesAFile() throws {
        let out = dir + "/exists.html"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
        let run = try district(["report", "--pg", pg, "--period", "2026-autumn", "--out", out])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("already exists and was not overwritten"), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "keep me")
        let kind = try district(["report", "--pg", pg, "--period", "2026-autumn", "--out", dir + "/r.pdf"])
        XCTAssertTrue(kind.stderr.contains("written as .html or .csv"), kind.stderr)
        let period = try district(["report", "--pg", pg, "--period", "autumn", "--lang", "zh"])
        XCTAssertTrue(period.stderr.contains("学期“autumn”看不懂"), period.stderr)
    }
}
