import Counseling
import GRDB
import XCTest
@testable import Store

final class StoreRecordTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)

    func testStudentsRoundTripWithPinyinAndLevel() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        let result = try store.saveStudents([Fixture.student(1), Fixture.student(2, name: "单雪")], by: Fixture.counselor, at: now)
        XCTAssertEqual(result.added, 2)
        let list = try store.studentList()
        XCTAssertEqual(list.map(\.name), ["单雪", "张三"].sorted { PinyinKey(name: $0).full < PinyinKey(name: $1).full })
        let zhang = try XCTUnwrap(list.first { $0.name == "张三" })
        XCTAssertEqual(zhang.pinyinInitials, "zs")
        XCTAssertTrue(zhang.matches("zs"))
        XCTAssertTrue(try XCTUnwrap(list.first { $0.name == "单雪" }).matches("shanx"))
        XCTAssertEqual(zhang.level, WarningLevel.none)
        XCTAssertTrue(zhang.matches("g7 zs"), "grade and initials together")
        XCTAssertFalse(zhang.matches("g8 zs"))
        XCTAssertTrue(zhang.matches("L0"))
        XCTAssertFalse(zhang.matches("等级2"))
        XCTAssertTrue(zhang.matches("7年级 初一"))
        XCTAssertEqual(zhang.number, Fixture.student(1).number)
    }

    func testSavingAChangedStudentKeepsTheEarlierVersion() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        try store.saveStudents([Fixture.student(1)], by: Fixture.counselor, at: now)
        var moved = Fixture.student(1)
        moved.className = "初一(2)班"
        let result = try store.saveStudents([moved], by: Fixture.counselor, at: now)
        XCTAssertEqual(result.updated, 1)
        XCTAssertEqual(try store.studentList().first?.className, "初一(2)班")
        XCTAssertEqual(try store.studentRevisions(StudentID("s1")).map(\.className), ["初一(1)班"])
        // Saving the same again changes nothing.
        XCTAssertEqual(try store.saveStudents([moved], by: Fixture.counselor, at: now).updated, 0)
    }

    func testEditedNoteKeepsItsEarlierRevision() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        try store.saveStudents([Fixture.student(1)], by: Fixture.counselor, at: now)
        var note = CaseNote(id: CaseNoteID("n1"), student: StudentID("s1"), author: Fixture.counselor, at: now, text: "第一稿")
        try store.add(note, by: Fixture.counselor, at: now, action: "note.add")
        note.text = "第二稿"
        let later = Fixture.at(Fixture.day(2026, 10, 13), 9)
        try store.update(note, by: Fixture.counselor, at: later, action: "note.edit")
        XCTAssertEqual(try store.record(CaseNote.self, id: CaseNoteID("n1"))?.text, "第二稿")
        let history = try store.revisions(of: CaseNote.self, id: CaseNoteID("n1"))
        XCTAssertEqual(history.map(\.value.text), ["第一稿"])
        XCTAssertEqual(history.first?.replacedAt, later)
        XCTAssertEqual(history.first?.replacedBy, Fixture.counselor)
        XCTAssertThrowsError(try store.add(note, by: Fixture.counselor, at: now, action: "note.add"))
    }

    func testEveryWriteAndEveryFileViewIsAuditedWithoutNoteText() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        try store.saveStudents([Fixture.student(1)], by: Fixture.counselor, at: now)
        try store.add(CaseNote(id: CaseNoteID("n1"), student: StudentID("s1"), author: Fixture.counselor, at: now,
                               text: "秘密的谈话内容"), by: Fixture.counselor, at: now, action: "note.add")
        _ = try store.openFile(StudentID("s1"), by: Fixture.duty, at: now)
        let entries = try store.writer.read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") }
        XCTAssertEqual(entries.map(\.action), ["student.import", "note.add", "student.view"])
        XCTAssertEqual(entries.map(\.actor), ["counselor", "counselor", "duty"])
        XCTAssertEqual(entries[2].subject, "student:s1")
        XCTAssertFalse(entries.contains { $0.detail.contains("秘密") })
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 3))
    }

    func testLevelChangeUpdatesTheCurrentLevelAndTheQueue() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        try store.saveStudents([Fixture.student(1), Fixture.student(2, name: "李四"), Fixture.student(3, name: "王五")],
                               by: Fixture.counselor, at: now)
        for (n, level) in [(1, WarningLevel.severe), (2, .major)] {
            try store.changeLevel(try LevelChange.make(id: LevelChangeID("l\(n)"), student: StudentID("s\(n)"), from: .none,
                                                       to: level, by: Fixture.counselor, at: now, reason: "评估后列入"),
                                  by: Fixture.counselor, at: now)
        }
        let queue = try store.keyAttentionQueue(today: now.day)
        XCTAssertEqual(queue.map(\.student.name), ["李四", "张三"], "major before severe")
        XCTAssertEqual(try store.levelCounts()[.severe], 1)
        XCTAssertEqual(try store.levelCounts()[WarningLevel.none], 1)
        let entries = try store.writer.read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log WHERE action = 'level.change'") }
        XCTAssertEqual(entries.map(\.detail), ["level 0 → 2", "level 0 → 3"])
    }

    func testOverdueFollowUpsAndReferralsWithoutFeedbackComeFromStoredRecords() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        try store.saveStudents([Fixture.student(1)], by: Fixture.counselor, at: now)
        try store.add(FollowUp(id: FollowUpID("f1"), student: StudentID("s1"), due: Fixture.day(2026, 10, 1)),
                      by: Fixture.counselor, at: now, action: "followup.add")
        try store.add(FollowUp(id: FollowUpID("f2"), student: StudentID("s1"), due: Fixture.day(2026, 10, 30)),
                      by: Fixture.counselor, at: now, action: "followup.add")
        try store.add(Referral(id: ReferralID("r1"), student: StudentID("s1"), institution: "市精神卫生中心",
                               referredOn: Fixture.day(2026, 9, 20), greenChannel: true, by: Fixture.counselor),
                      by: Fixture.counselor, at: now, action: "referral.add")
        let overdue = try store.overdueFollowUps(today: now.day)
        XCTAssertEqual(overdue.map(\.followUp.id), [FollowUpID("f1")])
        XCTAssertEqual(overdue.first?.daysOverdue, 11)
        XCTAssertEqual(try store.referralsWithoutFeedback(today: now.day).map(\.referral.id), [ReferralID("r1")])
    }

    func testCompliancePlannedShiftNobodyCheckedIntoIsAGap() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        let monday = Fixture.day(2026, 10, 12)
        try store.add(PlannedShift(id: PlannedShiftID("p1"), person: Fixture.duty,
                                   span: TimeSpan(on: monday, from: TimeOfDay(secondsSinceMidnight: 12 * 3600)!,
                                                  to: TimeOfDay(secondsSinceMidnight: 13 * 3600)!)),
                      by: Fixture.counselor, at: now, action: "shift.add")
        let report = try store.compliance(from: monday, through: monday, now: Fixture.at(monday, 20))
        XCTAssertEqual(report.shifts.map(\.coverage), [.gap])
        XCTAssertEqual(report.days.first?.status, .unstaffed)
        XCTAssertFalse(report.violations.isEmpty)
    }
}

final class EncryptedStoreTests: XCTestCase {
    func testStoreOnTheEncryptedPoolReopensWithEverything() throws {
        let (store, vault, pool, dir) = try Fixture.encryptedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let now = Fixture.at(Fixture.day(2026, 11, 20), 18)
        let demo = DemoSchool.generate(students: 300, seed: 2, now: now, calendar: try HolidayFile.bundledCalendar())
        try store.saveDemo(demo, by: DemoSchool.counselorID, at: now)
        let before = try store.studentList()
        try pool.close()
        let again = try Store(writer: try vault.makePool(), timeZone: Fixture.zone)
        XCTAssertEqual(try again.studentList(), before)
        XCTAssertEqual(try again.verifyAuditChain(), .intact(entries: 1))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: vault.paths.database))
        XCTAssertNil(bytes.range(of: Data(demo.students[0].name.utf8)), "names never in the file")
        vault.lock()
    }
}

final class RecordRoundTripTests: XCTestCase {
    private func roundTrip<R: StoredRecord>(_ record: R, _ store: Store, kinds: inout Set<String>) throws {
        let stored = try XCTUnwrap(try store.record(R.self, id: record.id), "\(R.kind) \(record.id) missing")
        XCTAssertEqual(try Store.encode(stored), try Store.encode(record), R.kind)
        kinds.insert(R.kind)
    }

    func testEveryRecordTypeRoundTripsThroughTheEncryptedStore() throws {
        let (store, vault, pool, dir) = try Fixture.encryptedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let now = Fixture.at(Fixture.day(2026, 11, 20), 18)
        let demo = DemoSchool.generate(students: 400, seed: 5, now: now, calendar: try HolidayFile.bundledCalendar())
        try store.saveDemo(demo, by: DemoSchool.counselorID, at: now)
        let student = demo.students[0].id
        let closing = CaseClosing(id: CaseClosingID("c1"), student: student, author: DemoSchool.counselorID, requestedAt: now,
                                  reason: "风险解除，复评正常", newLevel: .general, approver: DemoSchool.headID, approvedAt: now)
        try store.add(closing, by: DemoSchool.counselorID, at: now, action: "closing.request")
        try pool.close()
        let reopened = try Store(writer: try vault.makePool(), timeZone: Fixture.zone)
        var kinds = Set<String>()
        for record in demo.records { try roundTrip(record, reopened, kinds: &kinds) }
        try roundTrip(closing, reopened, kinds: &kinds)
        XCTAssertEqual(kinds, ["visit", "appointment", "shift", "checkin", "level", "plan", "contact", "referral",
                               "followup", "note", "closing", "crisis", "screening", "proposal"])
        vault.lock()
    }
}
