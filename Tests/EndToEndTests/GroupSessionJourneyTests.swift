import Counseling
import Foundation
@testable import Store
import Vault
import Workstation
import XCTest

/// Issue 18, point 3, in the real `xindesk` in tmux: a counselor logs a
/// group session with three students from the workstation (`G`); it
/// appears in each student's chronology, and the store holds one session
/// of three and an attendance in each file.
final class GroupSessionJourneyTests: DemoJourneyCase {
    private let zone = TimeZone(identifier: "Asia/Shanghai")!
    private let theme = "考前减压团辅"

    func testACounselorLogsAGroupSessionWithThreeStudentsAndItIsInEachChronology() throws {
        // Three current students, typed by student number.
        let three = try reading { store, _ in Array(try store.studentList().filter { $0.leaving == nil }.dropFirst(5).prefix(3)) }
        XCTAssertEqual(three.count, 3)
        let before = try groupFigures()
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 120, height: 40,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config"])
        try tmux.waitFor("the unlock screen") { $0.contains("Unlock") && $0.contains("recovery key") }
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the counselor's main screen") { $0.contains(DemoDatabase.title("counselor")) }

        try tmux.press("G")
        try tmux.waitFor("the group-session form") { $0.contains("Log a group session") && $0.contains("Participants") }
        try tmux.type("15:30")
        try tmux.press("Tab")
        try tmux.type("16:20")
        try tmux.press("Tab")
        try tmux.press("Tab")
        try tmux.type(theme)
        try tmux.press("Tab")
        try tmux.waitFor("the theme typed") { $0.contains(self.theme) }
        try tmux.type(three.map(\.number).joined(separator: " "))
        try tmux.press("Tab")
        try tmux.waitFor("the participants typed") { $0.contains(three[2].number) }
        try tmux.type("分享考前的紧张，练习腹式呼吸。")
        try tmux.waitFor("the note typed") { $0.contains("腹式呼吸") }
        try tmux.press("F2")
        try tmux.waitFor("the session saved") { $0.contains("Group session saved (3 students)") }

        for student in three {
            try tmux.press("1")
            try tmux.press("/")
            try tmux.press("C-u")
            try tmux.waitFor("the filter") { $0.contains("Find:") }
            try tmux.type(student.number)
            try tmux.waitFor("\(student.number) found") { $0.contains("Find: \(student.number)") && $0.contains(student.name) }
            try tmux.press("Enter")
            try tmux.waitFor("\(student.name)'s file with the group session") {
                $0.contains("2 File · \(student.name)") && $0.contains("15:30  group session  \(self.theme)")
            }
        }
        try tmux.press("q")
        try tmux.waitFor("quit or the duty question") { $0.contains("check out before quitting") || (try? self.tmux.paneDead()) == true }
        if try !tmux.paneDead(), try tmux.screen().contains("check out before quitting") { try tmux.press("y") }
        try tmux.waitUntilDead("the workstation")

        try reading { store, _ in
            let today = LocalDateTime(Date(), in: zone).day
            let sessions = try store.groupSessions(from: LocalDateTime(today, .midnight), to: LocalDateTime(today.adding(days: 1), .midnight))
                .filter { $0.theme == theme }
            XCTAssertEqual(sessions.count, 1)
            XCTAssertEqual(sessions.first?.participantCount, 3)
            XCTAssertEqual(sessions.first?.facilitator, StaffID("counselor"))
            for student in three {
                // (The demo's own sessions may have this student too.)
                XCTAssertEqual(try store.records(GroupAttendance.self, of: student.id).map(\.session).filter(sessions.map(\.id).contains),
                               sessions.map(\.id))
            }
        }
        // The term's statistics count it (the demo may hold sessions today too: the difference).
        let after = try groupFigures()
        XCTAssertEqual(after.sessions - before.sessions, 1)
        XCTAssertEqual(after.attendances - before.attendances, 3)
        // A head counts it, and reads neither the note nor who took part.
        try reading("head") { store, _ in
            let today = LocalDateTime(Date(), in: zone).day
            let sessions = try store.groupSessions(from: LocalDateTime(today, .midnight), to: LocalDateTime(today.adding(days: 1), .midnight))
                .filter { $0.theme == theme }
            XCTAssertEqual(sessions.map(\.participantCount), [3])
            XCTAssertFalse(sessions.contains { $0.note.contains("腹式呼吸") })
            for student in three { XCTAssertEqual(try store.records(GroupAttendance.self, of: student.id), []) }
        }
    }

    /// Today's group sessions and attendances as a head's `xindesk stats` prints them.
    private func groupFigures() throws -> (sessions: Int, attendances: Int) {
        let today = LocalDateTime(Date(), in: zone).day.description
        let out = try XindeskRun.succeed(["stats", "--from", today, "--to", today, "--exact", "--db", db, "--user", "head"], home: dir,
                                         environment: ["XINDESK_PASSPHRASE": "demo1234"])
        func figure(_ name: String) throws -> Int {
            let line = try XCTUnwrap(out.split(separator: "\n").first { $0.hasPrefix("  " + name + " ") }, out)
            return try XCTUnwrap(Int(line.split(separator: " ").last ?? ""), String(line))
        }
        return (try figure("group sessions"), try figure("attendances"))
    }
}
