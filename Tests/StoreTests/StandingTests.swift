import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// A student's level and flags are oversight data: they left the students
/// table for `standing`, one sealed row per student who has either, which
/// the list, the level counts and the key-attention queue open.
final class StandingTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)
    private let zhang = StudentID("s1"), li = StudentID("s2"), wang = StudentID("s3")

    /// 张三 flagged left-behind and hardship by the import, 李四 at level 3, 王五 neither.
    private func store() throws -> Store {
        var flagged = Fixture.student(1, name: "张三")
        flagged.flags = [.leftBehind, .hardship]
        let store = try Fixture.store(students: [flagged, Fixture.student(2, name: "李四"), Fixture.student(3, name: "王五")], at: now)
        try store.execute(.changeLevel(try Fixture.levelChange("l1", li, from: .none, to: .major, at: now),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: li, due: now.day.adding(days: 1))),
                          as: .counselor, at: now)
        return store
    }

    func testTheStudentsTableHoldsNoLevelOrFlagAndStandingOneSealedRowPerStudentWithEither() throws {
        let store = try store()
        let columns = try store.writer.read { db in try db.columns(in: "students").map(\.name) }
        XCTAssertFalse(columns.contains("level"))
        XCTAssertFalse(columns.contains("flags"))
        XCTAssertFalse(try store.writer.read { db in try db.indexes(on: "students").map(\.name) }.contains("students_key_attention"))
        for row in try store.rawRows("students") {
            let body: String = row["body"]
            XCTAssertFalse(body.contains("leftBehind") || body.contains("hardship"), "no flag in the roster body")
            XCTAssertFalse(body.contains("13800138000"), "no guardian's phone in the roster body")
        }
        let standing = try store.rawRows("standing")
        XCTAssertEqual(Set(standing.map { $0["link"] as String }),
                       Set([zhang, li].compactMap { store.keys.link(.oversight, $0.rawValue) }))
        for row in standing {
            let body = String(decoding: row["body"] as Data, as: UTF8.self)
            XCTAssertFalse(body.contains("s1") || body.contains("s2") || body.contains("level"))
        }
    }

    func testAHeadsSessionReadsLevelsAndFlagsAndADutyTeachersNone() throws {
        let head = try store().headSession()
        let list = try head.studentList()
        XCTAssertEqual(list.first { $0.id == zhang }?.flags, [.leftBehind, .hardship])
        XCTAssertEqual(list.first { $0.id == li }?.level, .major)
        XCTAssertEqual(list.filter { $0.matches("L3") }.map(\.id), [li])
        XCTAssertEqual(list.filter { $0.matches("#留守") }.map(\.id), [zhang])
        XCTAssertEqual(try head.levelCounts(), [.none: 2, .general: 0, .severe: 0, .major: 1])
        XCTAssertEqual(try head.keyAttentionQueue(today: now.day).map(\.student.id), [li])

        let duty = try head.dutySession()
        let dutyList = try duty.studentList(withLevelsAndFlags: true)
        XCTAssertEqual(Set(dutyList.map(\.level)), [WarningLevel.none], "without the key there is nothing to read, asked or not")
        XCTAssertEqual(Set(dutyList.map(\.flags)), [[]])
        XCTAssertEqual(try duty.levelCounts(), [.none: 3, .general: 0, .severe: 0, .major: 0])
        XCTAssertEqual(try duty.keyAttentionQueue(today: now.day), [])
    }

    func testAStandingRowUnderAnotherStudentsLinkIsIgnored() throws {
        let store = try store()
        try store.writer.write { db in
            try db.execute(sql: "UPDATE standing SET link = ? WHERE link = ?",
                           arguments: [store.keys.link(.oversight, "s3"), store.keys.link(.oversight, "s2")])
        }
        let list = try store.studentList()
        XCTAssertEqual(list.first { $0.id == wang }?.level, WarningLevel.none, "the seal is bound to its link")
        XCTAssertEqual(list.first { $0.id == li }?.level, WarningLevel.none)
    }

    /// An administrator holds no tier: the flags of an import reach the
    /// oversight tier through the counselors' inbox, taken in when a
    /// counselor's session opens the store.
    func testAnAdministratorsImportedFlagsReachOversightThroughTheInbox() throws {
        let store = try store()
        let admin = try store.session([], as: Fixture.admin)
        var wangFlagged = Fixture.student(3, name: "王五")
        wangFlagged.flags = [.disability]
        try admin.execute(.importStudents([Fixture.student(1, name: "张三"), wangFlagged]), as: .admin, at: now)
        XCTAssertEqual(try store.rawRows("tier_inbox").count, 1)
        XCTAssertEqual(try store.headSession().studentList().first { $0.id == wang }?.flags, [], "not yet: no counselor has opened it")

        _ = try store.session([.oversight, .clinical], as: Fixture.counselor)
        XCTAssertEqual(try store.rawRows("tier_inbox").count, 0)
        let list = try store.headSession().studentList()
        XCTAssertEqual(list.first { $0.id == wang }?.flags, [.disability])
        XCTAssertEqual(list.first { $0.id == zhang }?.flags, [], "the import cleared 张三's flags")
        XCTAssertEqual(list.first { $0.id == li }?.level, .major, "levels are not the import's")
    }

    /// Anyone can seal to the clinical tier, so only the signature says who
    /// left an item: flags from an account that never imports are dropped.
    func testInboxFlagsFromAnAccountThatDoesNotImportAreDropped() throws {
        let store = try store()
        let duty = try store.dutySession()
        try duty.writer.write { db in try duty.post(.flags(["s3": [.hardship]]), by: Fixture.duty, db) }
        _ = try store.session([.oversight, .clinical], as: Fixture.counselor)
        XCTAssertEqual(try store.rawRows("tier_inbox").count, 0)
        XCTAssertEqual(try store.studentList().first { $0.id == wang }?.flags, [])
    }

    /// A duty teacher who records the last acute step cannot write the
    /// follow-up it sets (oversight); the counselor's next command does.
    func testADutyTeachersCrisisFollowUpIsWrittenByTheNextCounselorsCommand() throws {
        let store = try store()
        let duty = try store.dutySession()
        try duty.execute(.startCrisisRun(CrisisRun(id: CrisisRunID("r1"), student: wang, startedBy: Fixture.duty, startedAt: now,
                                                   checklist: .standard)), as: .duty, at: now)
        for step in CrisisChecklist.standard.steps.dropLast() {
            try duty.execute(.recordCrisisStep(CrisisRunID("r1"), step: step.id, outcome: .done, note: ""), as: .duty, at: now)
        }
        XCTAssertEqual(try store.records(FollowUp.self, of: wang), [])
        XCTAssertEqual(try store.rawRows("tier_inbox").count, 1)
        let later = now.adding(minutes: 30)
        try store.execute(.writeNote(CaseNote(id: CaseNoteID("n1"), student: li, author: Fixture.counselor, at: later, text: "面谈")),
                          as: .counselor, at: later)
        XCTAssertEqual(try store.records(FollowUp.self, of: wang).map(\.due), [now.day.adding(days: 1)])
        let added = try XCTUnwrap(try store.auditEntries().first { $0.action == "followup.add" && $0.actor == "counselor" && $0.at > now.date(in: Fixture.zone) })
        XCTAssertEqual(added.subject, store.auditSubject(.followUpAdd, wang))
        XCTAssertEqual(store.auditDetail(added), "crisis")
        XCTAssertEqual(try store.verifyAuthorship(), [])
    }
}
