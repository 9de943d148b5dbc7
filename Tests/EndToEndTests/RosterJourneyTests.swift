import Counseling
import Foundation
import GRDB
@testable import Store
import Vault
import XCTest

/// A head of guidance sets a weekly duty pattern in the real workstation
/// (tmux, 80×24) and sees it in the roster's week grid; the store holds the
/// shifts and the audit entry afterwards.
final class RosterJourneyTests: DemoJourneyCase {
    override class var seed: Int { 7 }
    private let zone = TimeZone(identifier: "Asia/Shanghai")!

    private func withStore<T>(_ body: (Store) throws -> T) throws -> T {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { _ = try? vault.close(queue) }
        return try body(try Store(vault: vault, writer: queue, timeZone: zone))
    }

    func testAHeadSetsAWeeklyDutyPatternAndSeesItInTheWeekGrid() throws {
        // The journey runs on today's date: a term around today with every
        // weekday a school day, so it holds whatever day the suite runs.
        let now = LocalDateTime(Date(), in: zone)
        let week = now.day.rosterWeek
        let lesson = TimeOfDay(hour: 14, minute: 0)!
        guard let target = (0..<5).map({ week.adding(days: $0) }).first(where: { LocalDateTime($0, lesson) > now.adding(minutes: 5) }) else {
            throw XCTSkip("Friday evening: the week the grid shows has no afternoon ahead to plan")
        }
        try withStore { store in
            var calendar = try store.calendar()
            calendar.terms = [SchoolCalendar.Term(name: "本学期", first: now.day.adding(days: -120), last: now.day.adding(days: 120))]
            calendar.holidays = []
            calendar.makeUpWorkdays = []
            try store.set(.calendar, calendar, by: StaffID("counselor"), at: now)
        }

        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 80, height: 24,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        for _ in 0..<2 { try tmux.press("Down") }
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of head") { $0.contains(DemoDatabase.title("head")) }
        try tmux.press("3")
        try tmux.press("z")
        try tmux.waitFor("the roster maximized") { $0.contains("3 Appointments & duty") && $0.contains("12:00") }
        try tmux.press("w")
        try tmux.waitFor("the weekly pattern form") { $0.contains("Weekly duty pattern") && $0.contains("Through") }
        // Weekday, start, end: each field cleared and typed anew, Enter to the next.
        for text in ["\(target.weekday.isoNumber)", "14:00", "15:00"] {
            for _ in 0..<6 { try tmux.press("BSpace") }
            try tmux.type(text)
            try tmux.press("Enter")
        }
        try tmux.type("王芳")
        try tmux.press("Enter")
        try tmux.press("Enter")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("the pattern in the grid") { $0.contains("shifts planned") }
        let row = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("│14:00") }, screen)
        XCTAssertTrue(row.contains("王芳"), screen)

        try tmux.press("q")
        try tmux.waitUntilDead("quit")
        let (planned, actions) = try withStore { store in
            (try store.records(PlannedShift.self, from: LocalDateTime(target, .midnight), to: LocalDateTime(target.adding(days: 1), .midnight)),
             try store.writer.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE actor = 'head'") })
        }
        XCTAssertTrue(planned.contains { $0.person == StaffID("wang") && $0.span == TimeSpan(on: target, from: lesson, to: TimeOfDay(hour: 15, minute: 0)!) },
                      "\(planned)")
        XCTAssertTrue(actions.contains("roster.pattern"), "\(actions)")
    }
}
