import Counseling
import XCTest

/// A group session's rules (团体辅导): in time order within one day, a
/// theme, 2–40 different current students, led by a member of staff, a
/// note checked like other clinical text.
final class GroupSessionTests: XCTestCase {
    let students = (1...41).map { StudentID("student-\($0)") }
    var current: Set<StudentID> { Set(students) }
    let staff: Set<StaffID> = [counselor, dutyTeacher]

    func session(start: LocalDateTime = at(day(2026, 10, 20), 15, 30), end: LocalDateTime = at(day(2026, 10, 20), 16, 20),
                 facilitator: StaffID = counselor, theme: String = "考前减压", note: String = "") -> GroupSession {
        GroupSession(id: GroupSessionID("gs-1"), start: start, end: end, facilitator: facilitator, theme: theme,
                     participantCount: 0, note: note, loggedBy: counselor)
    }

    func problems(_ s: GroupSession, _ participants: [StudentID]? = nil) -> [ValidationError] {
        s.validate(participants: participants ?? Array(students.prefix(3)), current: current, staff: staff)
    }

    func testAWellFormedSessionPasses() {
        XCTAssertEqual(problems(session()), [])
        XCTAssertEqual(problems(session(note: "同学们分享了各自的减压方法。\n下次练习放松训练。")), [])
    }

    func testItEndsAfterItStartsOnTheSameDay() {
        XCTAssertEqual(problems(session(end: at(day(2026, 10, 20), 15, 30))), [.endNotAfterStart(.time)])
        XCTAssertEqual(problems(session(end: at(day(2026, 10, 20), 14, 0))), [.endNotAfterStart(.time)])
        XCTAssertEqual(problems(session(end: at(day(2026, 10, 21), 9, 0))), [.notWithinOneDay(.time)])
    }

    func testAThemeIsRequiredAndOneLine() {
        XCTAssertEqual(problems(session(theme: "  ")), [.empty(.theme)])
        XCTAssertEqual(problems(session(theme: "情绪\u{1B}[2J")), [.controlCharacters(.theme)])
        XCTAssertEqual(problems(session(theme: String(repeating: "压", count: 61))), [.tooLong(.theme, maximum: 60)])
    }

    func testTwoToFortyParticipants() {
        XCTAssertEqual(problems(session(), Array(students.prefix(2))), [])
        XCTAssertEqual(problems(session(), Array(students.prefix(40))), [])
        XCTAssertEqual(problems(session(), Array(students.prefix(1))), [.outOfRange(.participants, lowest: 2, highest: 40)])
        XCTAssertEqual(problems(session(), []), [.outOfRange(.participants, lowest: 2, highest: 40)])
        XCTAssertEqual(problems(session(), students), [.outOfRange(.participants, lowest: 2, highest: 40)])
    }

    func testNoStudentTwice() {
        XCTAssertEqual(problems(session(), [students[0], students[1], students[0]]), [.duplicate(.participants)])
    }

    func testEachParticipantIsACurrentStudent() {
        let left = StudentID("student-who-left")
        XCTAssertEqual(problems(session(), [students[0], left]), [.notCurrent(.participants)])
    }

    func testTheFacilitatorIsAMemberOfStaff() {
        XCTAssertEqual(problems(session(facilitator: StaffID("stranger"))), [.notCurrent(.facilitator)])
        XCTAssertEqual(problems(session(facilitator: dutyTeacher)), [], "any member of staff may lead a group")
    }

    func testTheNoteIsCheckedLikeClinicalText() {
        XCTAssertEqual(problems(session(note: "记录\u{202E}反转")), [.controlCharacters(.note)])
        XCTAssertEqual(problems(session(note: String(repeating: "记", count: TextCheck.noteLength + 1))),
                       [.tooLong(.note, maximum: TextCheck.noteLength)])
    }

    func testEveryProblemIsToldInBothLanguages() {
        for problem in problems(session(end: at(day(2026, 10, 20), 15, 0), facilitator: StaffID("x"), theme: ""),
                                [students[0], students[0], StudentID("gone")]) {
            XCTAssertFalse(problem.message.zh.isEmpty)
            XCTAssertFalse(problem.message.en.isEmpty)
        }
        XCTAssertTrue(ValidationError.notCurrent(.facilitator).message.zh.contains("教职工"))
        XCTAssertTrue(ValidationError.notCurrent(.participants).message.en.contains("current student"))
    }

    func testTheCountIsTheParticipantsAndEachAttendanceCarriesTheSession() {
        let counted = session().counted(Array(students.prefix(3)))
        XCTAssertEqual(counted.participantCount, 3)
        let attendance = counted.attendance(of: students[1], id: GroupAttendanceID("ga-1"))
        XCTAssertEqual(attendance.session, counted.id)
        XCTAssertEqual(attendance.student, students[1])
        XCTAssertEqual(attendance.participantCount, 3)
        XCTAssertEqual(attendance.theme, "考前减压")
        XCTAssertEqual(attendance.facilitator, counselor)
    }

    func testAGroupSessionIsAContactInTheChronology() {
        let pupil = student("20250701", "张三")
        let attendance = session().counted(Array(students.prefix(3))).attendance(of: pupil.id, id: GroupAttendanceID("ga-1"))
        let file = StudentFile(student: pupil, groupSessions: [attendance])
        XCTAssertEqual(Chronology.entries(for: file).map(\.kind), [.groupSession])
        XCTAssertEqual(Chronology.entries(for: file).first?.actor, counselor)
        XCTAssertEqual(file.lastContact, attendance.start)
    }

    func testOnlyCounselorsLogGroupSessions() {
        XCTAssertTrue(Permission.allows([.counselor], .logGroupSession))
        XCTAssertFalse(Permission.allows([.duty], .logGroupSession))
        XCTAssertFalse(Permission.allows([.head], .logGroupSession))
        XCTAssertFalse(Permission.allows([.admin], .logGroupSession))
    }
}
