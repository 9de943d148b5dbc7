import Counseling
import Foundation
import GRDB
@testable import Store
import Vault
import XCTest

/// Booking an appointment as a duty teacher in the real `xindesk`: a time
/// in the past is refused with a message that says so, and nothing is stored.
final class AppointmentJourneyTests: DemoJourneyCase {
    private let zone = TimeZone(identifier: "Asia/Shanghai")!

    func testABookingAt0300OnAPastDateIsRefusedWithAClearMessage() throws {
        let yesterday = LocalDateTime(Date(), in: zone).day.adding(days: -1)
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 80, height: 24,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        try tmux.press("Down")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of duty") { $0.contains(DemoDatabase.title("duty")) }
        try tmux.press("b")
        try tmux.waitFor("the booking form") { $0.contains("Book an appointment") && $0.contains("Purpose") }
        // Date, then time: each field cleared and typed anew, Tab to the next.
        for text in [yesterday.description, "03:00"] {
            for _ in 0..<12 { try tmux.press("BSpace") }
            try tmux.type(text)
            try tmux.press("Tab")
        }
        try tmux.press("Tab")
        try tmux.type("exam stress")
        try tmux.press("F2")
        let screen = try tmux.waitFor("the refusal") { $0.contains("has already passed") }
        XCTAssertTrue(screen.contains("\(yesterday) 03:00"), screen)
        XCTAssertTrue(screen.contains("Book an appointment"), "the form stays open with what was typed:\n" + screen)
        XCTAssertTrue(screen.contains("exam stress"), screen)

        try tmux.press("Escape")
        try tmux.waitFor("the discard question") { $0.contains("Discard it?") }
        try tmux.press("y")
        try tmux.waitFor("the form closed") { !$0.contains("Book an appointment") }
        try tmux.press("q")
        try tmux.waitUntilDead("quit")
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { _ = try? vault.close(queue) }
        let store = try Store(vault: vault, writer: queue, timeZone: zone)
        let booked = try store.records(Appointment.self, from: LocalDateTime(yesterday, .midnight), to: LocalDateTime(yesterday, TimeOfDay(hour: 6, minute: 0)!))
        XCTAssertEqual(booked, [], "nothing was booked")
        let actions = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE actor = 'duty'") }
        XCTAssertFalse(actions.contains("appointment.book"), "\(actions)")
    }
}
