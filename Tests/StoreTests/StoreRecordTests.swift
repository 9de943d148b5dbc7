import Counseling
import GRDB
import XCTest
@testable import Store

final class StoreRecordTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)

    func testStudentsRoundTripWithPinyinAndLevel() throws {
        let store = try Fixture.store(students: [])
        let result = try store.execute(.importStudents([Fixture.student(1), Fixture.student(2, name: "单雪")]), as: .admin, at: now)
        XCTAssertEqual(result.added, 2)
        XCTAssertEqual(result.updated, 0)
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
        let store = try Fixture.store(at: now)
        var moved = Fixture.student(1)
        moved.className = "初一(2)班"
        let result = try store.execute(.importStudents([moved]), as: .admin, at: now)
        XCTAssertEqual(result.updated, 1)
        XCTAssertEqual(result.added, 0)
        XCTAssertEqual(try store.studentList().first?.className, "初一(2)班")
        XCTAssertEqual(try store.studentRevisions(StudentID("s1")).map(\.className), ["初一(1)班"])
        // Saving the same again changes nothing, but the import is audited.
        XCTAssertEqual(try store.execute(.importStudents([moved]), as: .admin, at: now).updated, 0)
        XCTAssertEqual(try store.studentRevisions(StudentID("s1")).count, 1)
        XCTAssertEqual(try store.auditEntries().map(\.detail), ["added 1, updated 0", "added 0, updated 1", "added 0, updated 0"])
    }

    func testEditedNoteKeepsItsEarlierRevision() throws {
        let store = try Fixture.store(at: now)
        let note = CaseNote(id: CaseNoteID("n1"), student: StudentID("s1"), author: Fixture.counselor, at: now, text: "第一稿")
        try store.execute(.writeNote(note), as: .counselor, at: now)
        var edited = note
        edited.text = "第二稿"
        let later = Fixture.at(Fixture.day(2026, 10, 13), 9)
        try store.execute(.editNote(edited, basedOn: note), as: .counselor, at: later)
        XCTAssertEqual(try store.record(CaseNote.self, id: CaseNoteID("n1"))?.text, "第二稿")
        let history = try store.revisions(of: CaseNote.self, id: CaseNoteID("n1"))
        XCTAssertEqual(history.map(\.value.text), ["第一稿"])
        XCTAssertEqual(history.first?.replacedAt, later)
        XCTAssertEqual(history.first?.replacedBy, Fixture.counselor)
        XCTAssertThrowsError(try store.execute(.writeNote(edited), as: .counselor, at: later)) {
            XCTAssertEqual($0 as? StoreError, .duplicate(kind: .note, id: "n1"))
        }
    }

    func testEveryWriteAndEveryFileViewIsAuditedWithoutNoteText() throws {
        let store = try Fixture.store(at: now)
        try store.execute(.writeNote(CaseNote(id: CaseNoteID("n1"), student: StudentID("s1"), author: Fixture.counselor, at: now,
                                              text: "秘密的谈话内容")), as: .counselor, at: now)
        _ = try store.openFile(StudentID("s1"), as: .counselor2, at: now)
        let entries = try store.auditEntries()
        XCTAssertEqual(entries.map(\.action), ["student.import", "note.add", "student.view"])
        XCTAssertEqual(entries.map(\.actor), ["admin", "counselor", "counselor2"])
        XCTAssertEqual(entries[1].subject, store.auditSubject(.noteAdd, StudentID("s1")))
        XCTAssertEqual(entries[2].subject, store.auditSubject(.studentView, StudentID("s1")))
        XCTAssertFalse(entries.contains { $0.detail.contains("秘密") })
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 3))
    }

    func testLevelChangeUpdatesTheCurrentLevelAndTheQueue() throws {
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四"), Fixture.student(3, name: "王五")],
                                      at: now)
        for (n, level) in [(1, WarningLevel.severe), (2, .major)] {
            let student = StudentID("s\(n)")
            try store.execute(.changeLevel(try Fixture.levelChange("l\(n)", student, from: .none, to: level, at: now),
                                           followUp: FollowUp(id: FollowUpID("f\(n)"), student: student, due: now.day.adding(days: 7))),
                              as: .counselor, at: now)
        }
        let queue = try store.keyAttentionQueue(today: now.day)
        XCTAssertEqual(queue.map(\.student.name), ["李四", "张三"], "major before severe")
        XCTAssertEqual(try store.levelCounts()[.severe], 1)
        XCTAssertEqual(try store.levelCounts()[WarningLevel.none], 1)
        XCTAssertEqual(try store.reloadFile(StudentID("s2"), as: .counselor).level, .major)
        let entries = try store.auditEntries().filter { $0.action == "level.change" }
        XCTAssertEqual(entries.map { store.auditDetail($0) }, ["level 0 → 2", "level 0 → 3"])
        XCTAssertEqual(try store.openRecords(FollowUp.self).map(\.id), [FollowUpID("f1"), FollowUpID("f2")],
                       "each change set its next follow-up")
    }

    func testOverdueFollowUpsAndReferralsWithoutFeedbackComeFromStoredRecords() throws {
        let store = try Fixture.store(at: now)
        let pupil = StudentID("s1")
        let september = Fixture.at(Fixture.day(2026, 9, 20), 10)
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .general, at: september),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: pupil, due: Fixture.day(2026, 10, 1))),
                          as: .counselor, at: september)
        try store.execute(.changeLevel(try Fixture.levelChange("l2", pupil, from: .general, to: .severe, at: september),
                                       followUp: FollowUp(id: FollowUpID("f2"), student: pupil, due: Fixture.day(2026, 10, 30))),
                          as: .counselor, at: september)
        try store.execute(.recordReferral(Referral(id: ReferralID("r1"), student: pupil, institution: "市精神卫生中心",
                                                   referredOn: Fixture.day(2026, 9, 20), greenChannel: true, by: Fixture.counselor)),
                          as: .counselor, at: september)
        let overdue = try store.overdueFollowUps(today: now.day)
        XCTAssertEqual(overdue.map(\.followUp.id), [FollowUpID("f1")])
        XCTAssertEqual(overdue.first?.daysOverdue, 11)
        XCTAssertEqual(try store.referralsWithoutFeedback(today: now.day).map(\.referral.id), [ReferralID("r1")])
    }

    func testCompliancePlannedShiftNobodyCheckedIntoIsAGap() throws {
        let store = try Fixture.store(students: [])
        let monday = Fixture.day(2026, 10, 12)
        let outcome = try store.execute(.importShifts([PlannedShift(id: PlannedShiftID("p1"), person: Fixture.duty,
                                                                    span: TimeSpan(on: monday, from: TimeOfDay(secondsSinceMidnight: 12 * 3600)!,
                                                                                   to: TimeOfDay(secondsSinceMidnight: 13 * 3600)!))]),
                                        as: .head, at: now)
        XCTAssertEqual(outcome.added, 1)
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
        let again = try Store(vault: vault, writer: try vault.makePool(), timeZone: Fixture.zone)
        XCTAssertEqual(try again.studentList(), before)
        XCTAssertEqual(try again.verifyAuditChain(), .intact(entries: 1))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: vault.paths.database))
        XCTAssertNil(bytes.range(of: Data(demo.students[0].name.utf8)), "names never in the file")
        vault.lock()
    }
}

final class RecordRoundTripTests: XCTestCase {
    private func roundTrip<R: StoredRecord>(_ record: R, _ store: Store, kinds: inout Set<RecordKind>) throws {
        let stored = try XCTUnwrap(try store.record(R.self, id: record.id), "\(R.kind) \(record.id) missing")
        XCTAssertEqual(try Store.encode(stored), try Store.encode(record), R.kind.rawValue)
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
        let explained = ViolationNote(about: ComplianceViolation(day: now.day, kind: .notOpen(.closed)), text: "全校停课",
                                      by: DemoSchool.headID, at: now)
        try store.seed([closing, explained])
        try pool.close()
        let reopened = try Store(vault: vault, writer: try vault.makePool(), timeZone: Fixture.zone)
        var kinds = Set<RecordKind>()
        for record in demo.records { try roundTrip(record, reopened, kinds: &kinds) }
        try roundTrip(closing, reopened, kinds: &kinds)
        try roundTrip(explained, reopened, kinds: &kinds)
        XCTAssertEqual(kinds, Set(RecordKind.allCases).subtracting([.student]), "every kind of record round-trips")
        vault.lock()
    }
}
