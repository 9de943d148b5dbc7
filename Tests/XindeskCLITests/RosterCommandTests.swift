import Counseling
import Foundation
import GRDB
@testable import Store
import Vault
import XCTest

/// `xindesk roster list|add|remove|pattern` on a demo school whose term is
/// set around today (every weekday a school day), so the tests hold on any
/// date: the store's rules, the role check and both languages.
final class RosterCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]
    private let zone = TimeZone(identifier: "Asia/Shanghai")!
    private var today: Day { LocalDateTime(Date(), in: zone).day }
    /// The first Monday-to-Friday day after today.
    private var target: Day { (1...7).map { today.adding(days: $0) }.first { $0.weekday.isoNumber <= 5 }! }

    override func setUpWithError() throws {
        try super.setUpWithError()
        XCTAssertEqual(try xindesk(["demo", "--db", db, "--students", "30"]).status, 0)
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        defer { vault.lock() }
        let pool = try vault.makePool()
        let store = try Store(vault: vault, writer: pool, timeZone: zone)
        var calendar = try store.calendar()
        calendar.terms = [SchoolCalendar.Term(name: "本学期", first: today.adding(days: -100), last: today.adding(days: 100))]
        calendar.holidays = []
        calendar.makeUpWorkdays = []
        try store.set(.calendar, calendar, by: StaffID("counselor"), at: LocalDateTime(Date(), in: zone))
        try store.close(vault: vault)
    }

    private func roster(_ args: [String], as user: String, lang: String = "en_US.UTF-8") throws -> Run {
        try xindesk(["roster"] + args + ["--db", db, "--user", user], env: pass.merging(["LANG": lang]) { $1 })
    }

    func testAHeadAddsListsAndRemovesAShift() throws {
        let added = try roster(["add", "\(target)", "14:00", "15:00", "王芳"], as: "head")
        XCTAssertEqual(added.status, 0, added.stderr)
        let line = "\(target) \(target.weekday.displayName.en.prefix(3)) 14:00–15:00 王芳"
        XCTAssertEqual(added.stdout, "Shift added: \(line)\n")
        let listed = try roster(["list", "--from", "\(target)", "--to", "\(target)"], as: "duty")
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains(line), listed.stdout)
        // The same person at an overlapping time is refused, saying when.
        let clash = try roster(["add", "\(target)", "14:30", "15:30", "wang"], as: "head")
        XCTAssertEqual(clash.status, 1)
        XCTAssertTrue(clash.stderr.contains("already has a shift on \(target) at 14:00–15:00"), clash.stderr)
        let removed = try roster(["remove", "\(target)", "14:00", "王芳"], as: "counselor")   // counselor and administrator
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(removed.stdout, "Shift removed (the removed version is kept): \(line)\n")
        XCTAssertFalse(try roster(["list", "--from", "\(target)", "--to", "\(target)"], as: "duty").stdout.contains("14:00–15:00 王芳"))
        let again = try roster(["remove", "\(target)", "14:00", "王芳"], as: "head")
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("xindesk roster list"), again.stderr)
    }

    func testADutyTeacherMayNotEditTheRosterAndAWeekendIsNoSchoolDay() throws {
        let refused = try roster(["add", "\(target)", "14:00", "15:00", "王芳"], as: "duty")
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("Not allowed to edit the duty roster"), refused.stderr)
        let saturday = (1...7).map { today.adding(days: $0) }.first { $0.weekday == .saturday }!
        let weekend = try roster(["add", "\(saturday)", "14:00", "15:00", "王芳"], as: "head", lang: "zh_CN.UTF-8")
        XCTAssertEqual(weekend.status, 1)
        XCTAssertTrue(weekend.stderr.contains("\(saturday)（周末）不是上课日，不排值班"), weekend.stderr)
        let nobody = try roster(["add", "\(target)", "14:00", "15:00", "无此人"], as: "head")
        XCTAssertEqual(nobody.status, 1)
        XCTAssertTrue(nobody.stderr.contains("“无此人” is not on the staff list"), nobody.stderr)
    }

    /// Three weeks of one weekday from the target day: three shifts, in
    /// one audit entry; set again, nothing doubles.
    func testAWeeklyPatternFillsItsWeekdaysInBothLanguages() throws {
        let last = target.adding(days: 14)
        let zh = try roster(["pattern", "\(target.weekday.isoNumber)", "14:00", "15:00", "wang", "--from", "\(target)", "--to", "\(last)"],
                            as: "head", lang: "zh_CN.UTF-8")
        XCTAssertEqual(zh.status, 0, zh.stderr)
        XCTAssertEqual(zh.stdout, "已排 3 个值班（\(target) 至 \(last) 的每个\(target.weekday.displayName.zh)上课日）。\n")
        let en = try roster(["pattern", target.weekday.rawValue, "14:00", "15:00", "王芳", "--from", "\(target)", "--to", "\(last)"], as: "head")
        XCTAssertEqual(en.status, 0, en.stderr)
        XCTAssertEqual(en.stdout, "0 shifts planned (every school \(target.weekday.displayName.en) from \(target) to \(last)).\n")
        let listed = try roster(["list", "--from", "\(target)", "--to", "\(last)"], as: "head")
        XCTAssertEqual(listed.stdout.components(separatedBy: "14:00–15:00 王芳").count - 1, 3, listed.stdout)
        let bad = try roster(["pattern", "八", "14:00", "15:00", "wang"], as: "head")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("The weekday is not recognized"), bad.stderr)
    }
}
