import Counseling
import Foundation
import GRDB
import Store
import Vault
import XCTest

/// `xindesk print statistics` and `print verify` on a file-backed demo
/// school: a printed copy verifies while the database is untouched, and stops
/// verifying once a visit is entered into its period or the database is
/// put back to an earlier copy.
final class StatsCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]
    private let period = ["--from", "2026-09-01", "--to", "2026-11-30"]

    /// Prints the statistics document as the head; its path.
    private func printStatistics(_ name: String) throws -> String {
        let file = dir + "/" + name + ".html"
        let run = try xindesk(["print", "statistics"] + period + ["--out", file, "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        return file
    }

    private func verify(_ file: String) throws -> Run {
        try xindesk(["print", "verify", file, "--db", db, "--user", "head"], env: pass)
    }

    /// A walk-in on 2026-11-20 logged now by the counselor, as the workstation would.
    private func logVisit() throws {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        defer { vault.lock() }
        let store = try Store(vault: vault, writer: try vault.makePool())
        let visit = Visit(id: Store.newID(), student: nil, loggedBy: StaffID("counselor"), channel: .walkIn,
                          start: LocalDateTime(Day(year: 2026, month: 11, day: 20)!, TimeOfDay(secondsSinceMidnight: 36000)!),
                          reasons: [.study], brief: "")
        try store.execute(.logVisit(visit), as: Account(vault), at: LocalDateTime(Date(), in: store.timeZone))
        try store.close(vault: vault)
    }

    private func copyStore(to copy: String) throws {
        for suffix in ["", ".keys"] { try FileManager.default.copyItem(atPath: db + suffix, toPath: copy + suffix) }
    }

    private func restoreStore(from copy: String) throws {
        for suffix in ["", ".keys", "-wal", "-shm"] where exists(db + suffix) { try FileManager.default.removeItem(atPath: db + suffix) }
        try copyStore(from: copy)
    }

    private func copyStore(from copy: String) throws {
        for suffix in ["", ".keys"] { try FileManager.default.copyItem(atPath: copy + suffix, toPath: db + suffix) }
    }

    func testAHeadsPrintVerifiesUntouchedAndFailsAfterAVisitIsAddedOrTheDatabaseRolledBack() throws {
        try demo(students: 60)
        let earlier = dir + "/earlier.db"
        try copyStore(to: earlier)

        let first = try printStatistics("first")
        let text = try XCTUnwrap(String(data: try XCTUnwrap(contents(first)), encoding: .utf8))
        XCTAssertTrue(text.contains("needs a counselor&#39;s print"), "the HTML escapes the apostrophe: \(text)")
        XCTAssertTrue(text.contains("referrals.total = needs-clinical-key"), text)
        XCTAssertTrue(text.contains("small-counts: suppressed"), text)
        let untouched = try verify(first)
        XCTAssertEqual(untouched.status, 0, untouched.stdout + untouched.stderr)
        XCTAssertTrue(untouched.stdout.contains("VERIFIED."), untouched.stdout)

        try logVisit()
        let afterVisit = try verify(first)
        XCTAssertEqual(afterVisit.status, 1, afterVisit.stdout)
        XCTAssertTrue(afterVisit.stdout.contains("NOT VERIFIED."), afterVisit.stdout)
        XCTAssertTrue(afterVisit.stdout.contains("[visits.total]"), "names the figure:\n\(afterVisit.stdout)")
        XCTAssertTrue(afterVisit.stdout.contains(" counselor visit.add"), "names the entry:\n\(afterVisit.stdout)")
        XCTAssertTrue(afterVisit.stdout.contains("still holds the entry"), afterVisit.stdout)

        // Printed with the visit, then the database put back to the copy made before it.
        let second = try printStatistics("second")
        XCTAssertEqual(try verify(second).status, 0)
        try restoreStore(from: earlier)
        let rolledBack = try verify(second)
        XCTAssertEqual(rolledBack.status, 1, rolledBack.stdout)
        XCTAssertTrue(rolledBack.stdout.contains("rolled back to an earlier copy"), rolledBack.stdout)
        XCTAssertTrue(rolledBack.stdout.contains("[visits.total]"), rolledBack.stdout)
    }

    func testVerifyRefusesAFileWithoutStatisticsAndADutyTeacher() throws {
        try demo(students: 30)
        let other = dir + "/other.txt"
        FileManager.default.createFile(atPath: other, contents: Data("值班记录\n".utf8))
        let refused = try verify(other)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("holds no statistics verification data"), refused.stderr)
        let zh = try xindesk(["print", "verify", other, "--db", db, "--user", "head", "--lang", "zh"], env: pass)
        XCTAssertTrue(zh.stderr.contains("没有工作统计的核验数据"), zh.stderr)
        let duty = try xindesk(["stats"] + period + ["--db", db, "--user", "duty"], env: pass)
        XCTAssertEqual(duty.status, 1)
        XCTAssertTrue(duty.stdout.isEmpty)
    }

    func testACounselorsExactPrintShowsSmallCountsAndTheClinicalFigures() throws {
        try demo(students: 60)
        let run = try xindesk(["stats", "--exact"] + period + ["--db", db, "--user", "counselor"], env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("small-counts: exact"), run.stdout)
        XCTAssertFalse(run.stdout.contains("needs-clinical-key"), run.stdout)
        XCTAssertFalse(run.stdout.contains("<5"), run.stdout)
        XCTAssertFalse(run.stdout.contains("under-5"), run.stdout)
        let zh = try xindesk(["stats"] + period + ["--db", db, "--user", "counselor", "--lang", "zh"], env: pass)
        XCTAssertTrue(zh.stdout.contains("工作统计 2026-09-01 至 2026-11-30"), zh.stdout)
    }
}
