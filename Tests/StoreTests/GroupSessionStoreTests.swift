import Counseling
import Foundation
import XCTest
@testable import Store

/// Group sessions (团体辅导) at the write boundary: counselors log them;
/// the store checks the rules against the roster and the staff, writes the
/// session and every attendance in one transaction, and keeps who took
/// part under the clinical tier, so a head counts sessions and attendance
/// and a duty teacher learns nothing.
final class GroupSessionStoreTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 20), 17)
    private let noteMarker = "NOTE-MARKER-组内分享了失眠"
    private let themeMarker = "THEME-MARKER-考前减压"

    /// Students whose ids, numbers and names are long enough that finding
    /// one in a cell is never chance.
    private let pupils: [Student] = ["甲", "乙", "丙", "丁"].enumerated().map { i, suffix in
        Student(id: StudentID("group-pupil-id-\(i)"), number: "G2026GROUPNO\(i)", name: "欧阳团辅\(suffix)", gender: .female,
                stage: .junior, grade: 8, className: "初二(3)班", headTeacher: "王老师",
                guardians: [Guardian(name: "家长", relation: .mother, phone: "13800138000")])
    }
    private var three: [StudentID] { pupils.prefix(3).map(\.id) }

    private func store() throws -> Store { try Fixture.store(students: pupils, at: Fixture.termStart) }

    private func session(_ id: String = "group-1", facilitator: StaffID = Fixture.counselor, count: Int = 0,
                         end: LocalDateTime? = nil) -> GroupSession {
        GroupSession(id: GroupSessionID(id), start: Fixture.at(now.day, 15, 30), end: end ?? Fixture.at(now.day, 16, 20),
                     facilitator: facilitator, theme: themeMarker, participantCount: count, note: noteMarker,
                     loggedBy: Fixture.counselor)
    }

    private var term: (from: LocalDateTime, to: LocalDateTime) {
        (Fixture.at(Fixture.day(2026, 9, 1), 0), Fixture.at(Fixture.day(2027, 2, 1), 0))
    }

    func testACounselorLogsASessionAndEachParticipantsFileHasIt() throws {
        let store = try store()
        try store.execute(.logGroupSession(session(count: 99), participants: three), as: .counselor, at: now)
        let sessions = try store.groupSessions(from: term.from, to: term.to)
        XCTAssertEqual(sessions.count, 1)
        XCTAssertEqual(sessions.first?.participantCount, 3, "the store counts the participants, not the caller")
        XCTAssertEqual(sessions.first?.note, noteMarker, "a counselor reads the note")
        for id in three {
            let file = try store.reloadFile(id, as: .counselor)
            XCTAssertEqual(file.groupSessions.map(\.session), [GroupSessionID("group-1")])
            XCTAssertEqual(Chronology.entries(for: file).map(\.kind), [.groupSession])
        }
        XCTAssertEqual(try store.reloadFile(pupils[3].id, as: .counselor).groupSessions, [], "who did not attend has none")
        let entry = try XCTUnwrap(try store.auditEntries().last)
        XCTAssertEqual(entry.action, AuditAction.groupSessionLog.rawValue)
        XCTAssertEqual(entry.subject, "group-session:group-1")
        XCTAssertEqual(entry.detail, "3 participants")
        // The period is half-open, by when the session started.
        XCTAssertEqual(try store.groupSessions(from: Fixture.at(now.day, 15, 30), to: Fixture.at(now.day, 15, 31)).count, 1)
        XCTAssertEqual(try store.groupSessions(from: Fixture.at(now.day, 15, 31), to: term.to).count, 0)
    }

    func testOnlyCounselorsLogThem() throws {
        let store = try store()
        let before = try store.snapshot()
        for account in [Account.duty, .head, .admin] {
            XCTAssertThrowsError(try store.execute(.logGroupSession(session(), participants: three), as: account, at: now)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.logGroupSession))
            }
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testTheStoreChecksTheRules() throws {
        let store = try store()
        let before = try store.snapshot()
        func refused(_ s: GroupSession, _ participants: [StudentID], _ expected: [ValidationError],
                     file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try store.execute(.logGroupSession(s, participants: participants), as: .counselor, at: now),
                                 file: file, line: line) {
                XCTAssertEqual($0 as? StoreError, .invalid(expected), file: file, line: line)
            }
        }
        refused(session(end: Fixture.at(now.day, 15, 0)), three, [.endNotAfterStart(.time)])
        refused(session(), [three[0]], [.outOfRange(.participants, lowest: 2, highest: 40)])
        refused(session(), [three[0], three[1], three[0]], [.duplicate(.participants)])
        refused(session(), [three[0], StudentID("nobody")], [.notCurrent(.participants)])
        refused(session(facilitator: StaffID("stranger")), three, [.notCurrent(.facilitator)])
        var untitled = session()
        untitled.theme = ""
        refused(untitled, three, [.empty(.theme)])
        // A student who left is no longer a participant.
        try store.execute(.recordLeaving(three[2], EnrolmentEvent(change: .left(.transferredOut), on: now.day, reason: "转学",
                                                                  by: Fixture.admin, at: now),
                                         basedOn: try store.student(three[2])), as: .admin, at: now)
        let afterLeaving = try store.snapshot()
        refused(session(), three, [.notCurrent(.participants)])
        XCTAssertEqual(try store.snapshot(), afterLeaving)
        XCTAssertNotEqual(before, afterLeaving)
    }

    func testTheSessionAndEveryAttendanceAreOneTransaction() throws {
        let store = try store()
        // A counselor whose session holds the oversight key but is still
        // waiting for the clinical one: the session row is written, the
        // first attendance cannot be, and nothing stays.
        let waiting = try store.session([.oversight], as: Fixture.counselor)
        let before = try store.snapshot()
        XCTAssertThrowsError(try waiting.execute(.logGroupSession(session(), participants: three), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? StoreError, .tierNotHeld(.clinical))
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.groupSessions(from: term.from, to: term.to), [])
        // The same id twice: refused whole.
        try store.execute(.logGroupSession(session(), participants: three), as: .counselor, at: now)
        let once = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.logGroupSession(session(), participants: three), as: .counselor, at: now))
        XCTAssertEqual(try store.snapshot(), once)
    }

    func testAHeadCountsSessionsAndAttendanceWithoutTheNoteOrTheNames() throws {
        let store = try store()
        try store.execute(.logGroupSession(session("group-1"), participants: three), as: .counselor, at: now)
        try store.execute(.logGroupSession(session("group-2"), participants: Array(three.prefix(2))), as: .counselor, at: now)
        let head = try store.headSession()
        let sessions = try head.groupSessions(from: term.from, to: term.to)
        XCTAssertEqual(sessions.count, 2)
        XCTAssertEqual(sessions.map(\.participantCount).reduce(0, +), 5)
        XCTAssertEqual(sessions.first?.theme, themeMarker, "the theme is what the report names")
        XCTAssertFalse(sessions.contains { $0.note.contains("MARKER") }, "the note is clinical")
        for id in three { XCTAssertEqual(try head.records(GroupAttendance.self, of: id), []) }
        // Who took part, session by session, is the counselors' register (团体辅导记录).
        XCTAssertEqual(try head.records(GroupAttendance.self, from: term.from, to: term.to), [])
        let register = try store.records(GroupAttendance.self, from: term.from, to: term.to)
        XCTAssertEqual(Dictionary(grouping: register, by: \.session).mapValues { Set($0.map(\.student)) },
                       [GroupSessionID("group-1"): Set(three), GroupSessionID("group-2"): Set(three.prefix(2))])
        let shown = String(describing: sessions)
        for pupil in pupils {
            XCTAssertFalse(shown.contains(pupil.id.rawValue) || shown.contains(pupil.number) || shown.contains(pupil.name))
        }
    }

    func testADutySessionReadsNothingOfThem() throws {
        let store = try store()
        try store.execute(.logGroupSession(session(), participants: three), as: .counselor, at: now)
        let duty = try store.dutySession()
        XCTAssertThrowsError(try duty.groupSessions(from: term.from, to: term.to)) {
            XCTAssertEqual($0 as? StoreError, .tierNotHeld(.oversight))
        }
        XCTAssertEqual(try duty.records(GroupSession.self, from: term.from, to: term.to), [])
        XCTAssertEqual(try duty.records(GroupAttendance.self, from: term.from, to: term.to), [])
        for id in three { XCTAssertEqual(try duty.records(GroupAttendance.self, of: id), []) }
    }

    /// What the page key reads, cell by cell: no clear cell the log wrote
    /// names a participant, the theme or the note.
    func testNoClearCellNamesAParticipant() throws {
        let store = try store()
        let before = Set(try store.everyCell().map { "\($0.table)|\($0.column)|\($0.text)" })
        try store.execute(.logGroupSession(session(), participants: three), as: .counselor, at: now)
        let written = try store.everyCell().filter { !before.contains("\($0.table)|\($0.column)|\($0.text)") }
        XCTAssertFalse(written.isEmpty)
        for cell in written {
            for pupil in pupils {
                for secret in [pupil.id.rawValue, pupil.number, pupil.name] {
                    XCTAssertFalse(cell.text.contains(secret), "\(cell.table).\(cell.column) names \(secret)")
                }
            }
            XCTAssertFalse(cell.text.contains("MARKER"), "\(cell.table).\(cell.column) holds the theme or the note")
        }
        let rows = try store.rawRows("records").filter { ($0["kind"] as String).hasPrefix("group-") }
        XCTAssertEqual(rows.count, 4, "one session and three attendances")
        XCTAssertEqual(Set(rows.map { $0["time"] as String }), [""], "no time in the clear")
    }

    /// The term's statistics count sessions and attendance for a head, and
    /// the students who took part only for a counselor (who took part is clinical).
    func testTheStatisticsCountSessionsAttendancesAndStudents() throws {
        let store = try store()
        try store.execute(.logGroupSession(session(), participants: three), as: .counselor, at: now)
        try store.execute(.logGroupSession(session("group-2"), participants: Array(pupils.suffix(2).map(\.id))), as: .counselor, at: now)
        let first = Fixture.day(2026, 9, 1), last = Fixture.day(2026, 12, 31)
        let counselor = try store.termStatistics(from: first, through: last, now: now)
        XCTAssertEqual(counselor.figures(in: .groups).map(\.value), [.count(2), .count(5), .count(4)])
        let head = try store.headSession().termStatistics(from: first, through: last, now: now)
        XCTAssertEqual(head.figures(in: .groups).map(\.value), [.count(2), .count(5), .needs(.clinical)])
        XCTAssertEqual(try store.dutySession().termStatistics(from: first, through: last, now: now)[.groupSessions], .needs(.oversight))
    }
}
