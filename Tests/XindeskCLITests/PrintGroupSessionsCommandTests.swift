import Counseling
import Foundation
import Store
import Vault
import XCTest

/// `xindesk print group-sessions` on the demo, which holds a group session
/// every other Wednesday: one block per session of the period, each with
/// its participants; refused to a head (who took part is clinical).
final class PrintGroupSessionsCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]
    private let period = ["--from", "2026-09-01", "--to", "2026-11-30"]

    /// The demo's sessions of the period and each one's participants' names, as a counselor's keys read them.
    private func sessions() throws -> [(GroupSession, [String])] {
        try demoStore { store in
            let from = LocalDateTime(Day(year: 2026, month: 9, day: 1)!, .midnight)
            let to = LocalDateTime(Day(year: 2026, month: 12, day: 1)!, .midnight)
            let names = Dictionary(try store.studentList(includingLeft: true).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let attendances = try store.records(GroupAttendance.self, from: from, to: to)
            return try store.groupSessions(from: from, to: to).map { session in
                (session, attendances.filter { $0.session == session.id }.compactMap { names[$0.student] })
            }
        }
    }

    func testTheDemosGroupSessionsPrintOneBlockEachWithTheirParticipants() throws {
        try demo(students: 60)
        let out = dir + "/groups.html"
        let run = try xindesk(["print", "group-sessions", "--db", db, "--user", "counselor", "--out", out, "--lang", "zh"] + period,
                              env: pass)
        XCTAssertEqual(run.status, 0, run.stderr)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.contains("<h1>团体辅导记录</h1>"))
        let expected = try sessions()
        XCTAssertGreaterThan(expected.count, 3, "every other Wednesday from September to November")
        let blocks = Array(html.components(separatedBy: "<section class=\"session\">").dropFirst())
        XCTAssertEqual(blocks.count, expected.count)
        for ((session, names), block) in zip(expected, blocks) {
            XCTAssertTrue(block.contains("\(session.start.day)"), "blocks in order")
            XCTAssertTrue(block.contains(Markup.escape(session.theme)))
            XCTAssertTrue(block.contains("<td>\(session.participantCount)</td>"))
            XCTAssertEqual(names.count, session.participantCount)
            for name in names { XCTAssertTrue(block.contains(Markup.escape(name)), "\(session.start.day) lacks \(name)") }
            XCTAssertTrue(block.contains("主持教师签名"))
        }

        let refused = try xindesk(["print", "group-sessions", "--db", db, "--user", "head", "--out", dir + "/head.html"] + period,
                                  env: pass)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("Not allowed to print the group counseling record") && refused.stderr.contains("counselor"),
                      refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/head.html"))
    }
}
