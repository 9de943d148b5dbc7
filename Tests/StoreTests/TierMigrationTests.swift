import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// v5: a store written before roles became keys is sealed the way it is
/// written now, by the first counselor's session that opens it.
final class TierMigrationTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)
    private let pupil = StudentID("s1")
    private let noteText = "谈到父母离婚，夜里睡不着"
    private let brief = "考试焦虑，练习了呼吸放松"

    /// A database as v4 left it: 张三 at level 3 with a flag, guardians, a
    /// level change, a note edited once, a visit and a counselor's draft.
    private func previousRelease() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try StoreMigrator.beforeTiers.migrate(queue)
        var student = Fixture.student(1)
        student.flags = [.leftBehind]
        let change = try Fixture.levelChange("l1", pupil, from: .none, to: .major, at: now, reason: "自述有自伤念头")
        let first = CaseNote(id: CaseNoteID("n1"), student: pupil, author: Fixture.counselor, at: now, text: "初稿")
        var note = first
        note.text = noteText
        let visit = Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: now, reasons: [.study],
                          brief: brief)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO students(id, number, name, grade, class_name, level, flags, pinyin_full, pinyin_initials, body)
                VALUES ('s1', ?, ?, 7, ?, 3, ?, 'zhangsan', 'zs', ?)
                """, arguments: [student.number, student.name, student.className, StudentFlag.bits(student.flags), try Store.encode(student)])
            for (kind, id, time, revision, body) in [(RecordKind.level, "l1", change.timeKey, 1, try Store.encode(change)),
                                                     (.note, "n1", note.timeKey, 2, try Store.encode(note)),
                                                     (.visit, "v1", visit.timeKey, 1, try Store.encode(visit))] {
                try db.execute(sql: """
                    INSERT INTO records(kind, id, student, time, due, open, revision, body) VALUES (?, ?, 's1', ?, NULL, 0, ?, ?)
                    """, arguments: [kind, id, time, revision, body])
            }
            try db.execute(sql: """
                INSERT INTO revisions(kind, id, revision, body, replaced_by, replaced_at) VALUES ('note', 'n1', 1, ?, 'counselor', ?)
                """, arguments: [try Store.encode(first), now.description])
            try db.execute(sql: "INSERT INTO drafts(account, body) VALUES ('counselor', ?)", arguments: [#"{"text":"草稿：想到过"}"#])
        }
        return queue
    }

    func testASessionWithoutBothTiersCannotUpgradeAStoreThatHoldsData() throws {
        let queue = try previousRelease()
        let keys = TierKeys.ephemeral()
        for tiers in [Set<Tier>(), [.oversight]] {
            XCTAssertThrowsError(try Store(writer: queue, timeZone: Fixture.zone, accounts: Account.everyone,
                                           keys: keys.limited(to: tiers, account: "head"))) {
                XCTAssertEqual($0 as? StoreError, .upgradeNeedsCounselor)
            }
        }
        XCTAssertFalse(try queue.read { db in try StoreMigrator.beforeTiers.appliedMigrations(db) }.contains("v6-tiers"))
        XCTAssertTrue(try queue.read { db in try db.columns(in: "students").map(\.name) }.contains("level"), "nothing half done")
        // A new, empty store needs no key to set up.
        XCTAssertNoThrow(try Store(writer: DatabaseQueue(), timeZone: Fixture.zone, keys: keys.limited(to: [], account: "admin")))
    }

    func testACounselorsSessionSealsEverythingAndTheFileReadsAsBefore() throws {
        let queue = try previousRelease()
        let store = try Store(writer: queue, timeZone: Fixture.zone, accounts: Account.everyone,
                              keys: TierKeys.ephemeral().limited(to: [.oversight, .clinical], account: "counselor"))
        let file = try store.reloadFile(pupil, as: .counselor)
        XCTAssertEqual(file.level, .major)
        XCTAssertEqual(file.levelChanges.map(\.reason), ["自述有自伤念头"])
        XCTAssertEqual(file.caseNotes.map(\.text), [noteText])
        XCTAssertEqual(file.visits.map(\.brief), [brief])
        XCTAssertEqual(file.student.guardians.map(\.phone), ["13800138000"])
        XCTAssertEqual(file.student.flags, [.leftBehind])
        XCTAssertEqual(try store.revisions(of: CaseNote.self, id: CaseNoteID("n1")).map(\.value.text), ["初稿"])
        XCTAssertEqual(try store.studentList().map(\.level), [.major])
        XCTAssertEqual(try store.draft([String: String].self, of: Fixture.counselor)?["text"], "草稿：想到过")

        XCTAssertFalse(try queue.read { db in try db.columns(in: "students").map(\.name) }.contains("level"))
        let everything = try store.everyCell().filter { $0.table != "audit_log" }.map(\.text).joined()
        for clear in [noteText, "初稿", brief, "自述", "13800138000", "leftBehind", "草稿"] {
            XCTAssertFalse(everything.contains(clear), clear)
        }
        let authors = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT author FROM records UNION SELECT author FROM revisions WHERE kind != 'student'")
        }
        XCTAssertEqual(Set(authors), ["upgrade:counselor"], "signed by the counselor who upgraded, saying so")
        XCTAssertEqual(try store.verifyAuthorship(), [])
        XCTAssertEqual(try store.headSession().studentList().map(\.flags), [[.leftBehind]])
    }
}
