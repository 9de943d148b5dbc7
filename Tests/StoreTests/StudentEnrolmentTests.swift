import Counseling
import GRDB
import XCTest
@testable import Store

/// Students added and edited one by one, their leaving (转出, 毕业, 休学) and
/// return (复学): every rule at the store's write boundary.
final class StudentEnrolmentTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 11, 2), 10)
    private let s1 = StudentID("s1")

    private func leave(_ kind: LeavingKind, on day: Day? = nil, reason: String = "家长申请，因病休学") -> EnrolmentEvent {
        EnrolmentEvent(change: .left(kind), on: day ?? now.day, reason: reason, by: Fixture.admin, at: now)
    }

    private func back(on day: Day? = nil) -> EnrolmentEvent {
        EnrolmentEvent(change: .returned, on: day ?? now.day, reason: "", by: Fixture.admin, at: now)
    }

    func testAnAdministratorAddsAStudentOnceAndTheNumberStaysUnique() throws {
        let store = try Fixture.store(at: now)
        let new = Fixture.student(2, name: "李四")
        try store.execute(.addStudent(new), as: .admin, at: now)
        XCTAssertEqual(try store.studentList().map(\.name).sorted(), ["张三", "李四"].sorted())
        XCTAssertEqual(try store.student(StudentID("s2")).guardians.first?.name, "张父", "guardians sealed and kept")
        var sameNumber = Fixture.student(3, name: "王五")
        sameNumber.number = new.number
        XCTAssertThrowsError(try store.execute(.addStudent(sameNumber), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StudentRosterProblem, .numberTaken)
        }
        XCTAssertEqual(try store.auditActions().filter { $0 == AuditAction.studentAdd.rawValue }.count, 1)
    }

    func testAddingIsTheAdministratorsAndAnInvalidStudentIsRefused() throws {
        let store = try Fixture.store(at: now)
        for account in [Account.counselor, .duty, .head] {
            XCTAssertThrowsError(try store.execute(.addStudent(Fixture.student(5)), as: account, at: now)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.editStudentRoster))
            }
        }
        var bad = Fixture.student(6)
        bad.grade = 11
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.addStudent(bad), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.outOfRange(.grade, lowest: 6, highest: 9)]))
        }
        var left = Fixture.student(7)
        left.enrolment = [leave(.graduated)]
        XCTAssertThrowsError(try store.execute(.addStudent(left), as: .admin, at: now))
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testAnEditKeepsTheEarlierVersionAndIsRefusedWhenSomeoneSavedFirst() throws {
        let store = try Fixture.store(at: now)
        let admin = try store.session([], as: Fixture.admin)
        let shown = try admin.student(s1)
        XCTAssertEqual(shown.guardians, [], "an administrator's session cannot open guardians")
        var edited = shown
        edited.className = "初一(2)班"
        try admin.execute(.editStudent(edited, basedOn: shown), as: .admin, at: now)
        XCTAssertEqual(try store.student(s1).className, "初一(2)班")
        XCTAssertEqual(try store.student(s1).guardians.first?.phone, "13800138000", "the sealed guardians survive the edit")
        XCTAssertEqual(try store.studentRevisions(s1).map(\.className), ["初一(1)班"])
        var late = shown
        late.name = "张叁"
        XCTAssertThrowsError(try admin.execute(.editStudent(late, basedOn: shown), as: .admin, at: now)) { error in
            guard case .stale(.student, "admin"?, _)? = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try store.student(s1).name, "张三")
        XCTAssertEqual(try store.auditActions().last, AuditAction.studentEdit.rawValue)
    }

    /// A database from before the `leaving` column gets it filled from the
    /// bodies: who left stays off the lists after the upgrade.
    func testTheLeavingColumnIsFilledFromTheBodiesOfAnOlderDatabase() throws {
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")], at: now)
        try store.execute(.recordLeaving(s1, leave(.transferredOut), basedOn: try store.student(s1)), as: .admin, at: now)
        try store.writer.write { db in
            // As a database from before v7 has it: no column, and the list's index without it.
            try db.execute(sql: "DROP INDEX students_list; CREATE INDEX students_list ON students(grade, class_name, pinyin_full)")
            try db.execute(sql: "ALTER TABLE students DROP COLUMN leaving")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('v7-leaving-column', 'v8-student-list-index')")
        }
        let upgraded = try Store(writer: store.writer, timeZone: Fixture.zone, accounts: store.accounts, keys: store.keys)
        XCTAssertEqual(try upgraded.studentList().map(\.name), ["李四"])
        XCTAssertEqual(try upgraded.studentList(includingLeft: true).first { $0.id == s1 }?.leaving, .transferredOut)
        // The column holds the kind as the body encodes it.
        try upgraded.writer.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT leaving FROM students WHERE id = 's1'"), LeavingKind.transferredOut.rawValue)
        }
    }

    func testALeftStudentKeepsTheFileButLeavesTheListsQueueAndCounts() throws {
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")], at: now)
        try store.execute(.changeLevel(try Fixture.levelChange("lc1", s1, from: .none, to: .severe, at: now),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: s1, due: now.day.adding(days: 1))),
                          as: .counselor, at: now)
        XCTAssertEqual(try store.keyAttentionQueue(today: now.day).map(\.student.id), [s1])
        let base = try store.student(s1)
        try store.execute(.recordLeaving(s1, leave(.leaveOfAbsence), basedOn: base), as: .admin, at: now)

        XCTAssertEqual(try store.studentList().map(\.name), ["李四"])
        XCTAssertEqual(try store.studentList(includingLeft: true).first { $0.id == s1 }?.leaving, .leaveOfAbsence)
        XCTAssertEqual(try store.keyAttentionQueue(today: now.day), [])
        XCTAssertEqual(try store.keyAttentionFiles(), [])
        XCTAssertEqual(try store.levelCounts()[.severe], 0)
        XCTAssertEqual(try store.levelCounts()[WarningLevel.none], 1)
        XCTAssertEqual(try store.overdueFollowUps(today: now.day.adding(days: 5)).count, 0)
        XCTAssertEqual(try store.allStudents().map(\.name), ["李四"], "nor in an export of the roster")
        // The file is whole and still opens, with when and why.
        let file = try store.openFile(s1, as: .counselor, at: now)
        XCTAssertEqual(file.level, .severe)
        XCTAssertEqual(file.levelChanges.count, 1)
        XCTAssertEqual(file.student.leaving?.change, .left(.leaveOfAbsence))
        XCTAssertEqual(file.student.leaving?.reason, "家长申请，因病休学")
        XCTAssertEqual(file.student.leaving?.by, Fixture.admin)
        XCTAssertEqual(file.student.leaving?.on, now.day)
        let entry = try XCTUnwrap(store.auditEntries().last { $0.action == AuditAction.studentLeave.rawValue })
        XCTAssertEqual(entry.detail, "leaveOfAbsence", "the audit names the kind, never the reason")
    }

    func testTheReasonIsSealedForCounselors() throws {
        let store = try Fixture.store(at: now)
        try store.execute(.recordLeaving(s1, leave(.leaveOfAbsence, reason: "抑郁住院治疗"), basedOn: try store.student(s1)),
                          as: .admin, at: now)
        XCTAssertFalse(try store.everyCell().contains { $0.text.contains("抑郁住院") }, "never in the clear")
        XCTAssertEqual(try store.student(s1).leaving?.reason, "抑郁住院治疗")
        let duty = try store.dutySession()
        XCTAssertEqual(SealedText.visibility(try duty.student(s1).leaving?.reason ?? ""), .withheld)
        XCTAssertEqual(try duty.student(s1).leaving?.change, .left(.leaveOfAbsence), "the kind and day stay readable")
    }

    func testLeavingNeedsAReasonAPastDayAnEnrolledStudentAndTheVersionShown() throws {
        let store = try Fixture.store(at: now)
        let base = try store.student(s1)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.recordLeaving(s1, leave(.transferredOut, reason: " "), basedOn: base), as: .admin, at: now)) {
            XCTAssertEqual($0 as? ValidationError, .empty(.reason))
        }
        XCTAssertThrowsError(try store.execute(.recordLeaving(s1, leave(.transferredOut, on: now.day.adding(days: 1)), basedOn: base),
                                               as: .admin, at: now)) {
            XCTAssertEqual($0 as? EnrolmentProblem, .dayInFuture)
        }
        XCTAssertThrowsError(try store.execute(.recordLeaving(s1, leave(.graduated), basedOn: base), as: .duty, at: now)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.recordEnrolment))
        }
        XCTAssertThrowsError(try store.execute(.recordLeaving(s1, leave(.graduated), basedOn: base), as: .head, at: now))
        XCTAssertThrowsError(try store.execute(.recordLeaving(s1, back(), basedOn: base), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.unrecognized(.status, choices: LeavingKind.choices)]), "a return is no leaving")
        }
        XCTAssertEqual(try store.snapshot(), before)
        try store.execute(.recordLeaving(s1, leave(.graduated), basedOn: base), as: .counselor, at: now)
        let after = try store.student(s1)
        XCTAssertThrowsError(try store.execute(.recordLeaving(s1, leave(.transferredOut), basedOn: base), as: .admin, at: now)) { error in
            guard case .stale(.student, _, _)? = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try store.execute(.recordLeaving(s1, leave(.transferredOut), basedOn: after), as: .admin, at: now)) {
            XCTAssertEqual($0 as? EnrolmentProblem, .alreadyLeft(.graduated))
        }
    }

    func testOnlyAStudentOnLeaveReturnsAndNotBeforeTheLeave() throws {
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")], at: now)
        let due = now.day.adding(days: 7)
        XCTAssertThrowsError(try store.execute(.recordReturn(s1, back(), followUpDue: due, basedOn: try store.student(s1)),
                                               as: .admin, at: now)) {
            XCTAssertEqual($0 as? EnrolmentProblem, .notOnLeave(nil))
        }
        let s2 = StudentID("s2")
        try store.execute(.recordLeaving(s2, leave(.transferredOut, reason: "转学至外市"), basedOn: try store.student(s2)), as: .admin, at: now)
        XCTAssertThrowsError(try store.execute(.recordReturn(s2, back(), followUpDue: due, basedOn: try store.student(s2)),
                                               as: .admin, at: now)) {
            XCTAssertEqual($0 as? EnrolmentProblem, .notOnLeave(.transferredOut))
        }
        try store.execute(.recordLeaving(s1, leave(.leaveOfAbsence), basedOn: try store.student(s1)), as: .admin, at: now)
        XCTAssertThrowsError(try store.execute(.recordReturn(s1, back(on: now.day.adding(days: -1)), followUpDue: due,
                                                             basedOn: try store.student(s1)), as: .admin, at: now)) {
            XCTAssertEqual($0 as? EnrolmentProblem, .returnBeforeLeave)
        }
        XCTAssertThrowsError(try store.execute(.recordReturn(s1, back(), followUpDue: now.day.adding(days: -1),
                                                             basedOn: try store.student(s1)), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.inPast(.dueDate)]))
        }
    }

    func testAReturnPutsTheStudentBackWithAFollowUpThroughTheCounselorsInbox() throws {
        let store = try Fixture.store(at: now)
        let admin = try store.session([], as: Fixture.admin)
        try admin.execute(.recordLeaving(s1, leave(.leaveOfAbsence), basedOn: try admin.student(s1)), as: .admin, at: now)
        let later = Fixture.at(Fixture.day(2026, 12, 1), 9)
        let due = later.day.adding(days: 7)
        try admin.execute(.recordReturn(s1, back(on: later.day), followUpDue: due, basedOn: try admin.student(s1)), as: .admin, at: later)
        XCTAssertEqual(try store.rawRows("tier_inbox").count, 1, "an administrator holds no oversight key: the follow-up waits for a counselor")
        XCTAssertEqual(try admin.studentList().map(\.id), [s1], "back on the lists")
        // A counselor's next command takes it in.
        try store.execute(.removeDraft, as: .counselor, at: later)
        let file = try store.openFile(s1, as: .counselor, at: later)
        XCTAssertEqual(file.followUps.map(\.due), [due])
        XCTAssertTrue(file.student.flags.contains(.returnedAfterLeave))
        XCTAssertEqual(file.student.enrolment.map(\.change), [.left(.leaveOfAbsence), .returned])
        XCTAssertEqual(try store.rawRows("tier_inbox").count, 0)
        XCTAssertEqual(try store.overdueFollowUps(today: due.adding(days: 1)).map(\.student.id), [s1])
    }

    func testACounselorsReturnSetsTheFollowUpAtOnce() throws {
        let store = try Fixture.store(at: now)
        try store.execute(.recordLeaving(s1, leave(.leaveOfAbsence), basedOn: try store.student(s1)), as: .counselor, at: now)
        let due = now.day.adding(days: 3)
        try store.execute(.recordReturn(s1, back(), followUpDue: due, basedOn: try store.student(s1)), as: .counselor, at: now)
        XCTAssertEqual(try store.rawRows("tier_inbox").count, 0)
        XCTAssertEqual(try store.auditActions().suffix(3), ["student.leave", "student.return", "followup.add"])
        XCTAssertEqual(try store.openFile(s1, as: .counselor, at: now).nextFollowUp?.due, due)
    }

    func testAnImportKeepsWhoLeft() throws {
        let store = try Fixture.store(at: now)
        try store.execute(.recordLeaving(s1, leave(.graduated), basedOn: try store.student(s1)), as: .admin, at: now)
        var again = Fixture.student(1)
        again.headTeacher = "李老师"
        try store.execute(.importStudents([again]), as: .admin, at: now)
        XCTAssertEqual(try store.student(s1).leaving?.change, .left(.graduated))
        XCTAssertEqual(try store.student(s1).headTeacher, "李老师")
        XCTAssertEqual(try store.studentList(), [])
    }
}
