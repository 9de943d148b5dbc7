import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// Whole records sealed by kind: a clinical or oversight record keeps no
/// student, time or text in the clear, and a session reads exactly the
/// tiers it holds.
final class RecordTierTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)
    private let pupil = StudentID("s1")
    private let reason = "自述有自伤念头，已做安全约定"
    private let noteText = "谈到家里的事情，哭了很久"

    /// A counselor's file for s1: a level change with its follow-up, a note and a plan.
    private func store() throws -> Store {
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")], at: now)
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .severe, at: now, reason: reason),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day.adding(days: 7))),
                          as: .counselor, at: now)
        try store.execute(.writeNote(CaseNote(id: CaseNoteID("n1"), student: pupil, author: Fixture.counselor, at: now, text: noteText)),
                          as: .counselor, at: now)
        try store.execute(.savePlan(Fixture.plan("p1", pupil, at: now, goals: ["重建同伴支持"]), basedOn: nil), as: .counselor, at: now)
        return store
    }

    func testATieredRecordKeepsNoStudentTimeOrTextInTheClear() throws {
        let store = try store()
        let rows = try store.rawRows("records")
        XCTAssertEqual(Set(rows.map { $0["kind"] as String }), ["level", "followup", "note", "plan"])
        for row in rows {
            let kind: RecordKind = row["kind"]
            let tier = try XCTUnwrap(kind.tier)
            XCTAssertEqual(row["student"] as String, store.keys.link(tier, "s1"), "\(kind)")
            XCTAssertNotEqual(row["student"] as String, "s1")
            XCTAssertEqual(row["time"] as String, "", "\(kind)")
            XCTAssertNil(row["due"] as String?, "\(kind)")
            XCTAssertEqual(row["open"] as Int, 0, "\(kind)")
            guard case .blob(let body) = (row["body"] as DatabaseValue).storage else { return XCTFail("\(kind) body is not sealed") }
            let text = String(decoding: body, as: UTF8.self)
            for clear in ["s1", "自述", "家里", "重建", "severe", "student", "2026-10"] {
                XCTAssertFalse(text.contains(clear), "\(kind) body holds \(clear)")
            }
        }
        XCTAssertNotEqual(store.keys.link(.clinical, "s1"), store.keys.link(.oversight, "s1"),
                          "a student's clinical and oversight rows cannot be matched to each other")
        XCTAssertNotEqual(store.keys.link(.oversight, "s1"), store.keys.link(.oversight, "s2"))
    }

    func testEachSessionReadsExactlyTheTiersItHolds() throws {
        let counselor = try store()
        let levels = try counselor.records(LevelChange.self, of: pupil)
        XCTAssertEqual(levels.map(\.reason), [reason])
        XCTAssertEqual(try counselor.records(CaseNote.self, of: pupil).map(\.text), [noteText])
        XCTAssertEqual(try counselor.records(SupportPlan.self, of: pupil).map(\.goals), [["重建同伴支持"]])

        let head = try counselor.headSession()
        let headLevels = try head.records(LevelChange.self, of: pupil)
        XCTAssertEqual(headLevels.map(\.to), [.severe], "a head reads levels")
        XCTAssertEqual(headLevels.map { SealedText.visibility($0.reason) }, [.withheld], "but not why")
        XCTAssertEqual(try head.records(FollowUp.self, of: pupil).map(\.due), [now.day.adding(days: 7)])
        XCTAssertEqual(try head.openRecords(FollowUp.self).map(\.id), [FollowUpID("f1")])
        XCTAssertEqual(try head.records(CaseNote.self, of: pupil), [])
        XCTAssertEqual(try head.records(SupportPlan.self, of: pupil), [])
        XCTAssertNil(try head.record(CaseNote.self, id: CaseNoteID("n1")))

        let duty = try counselor.dutySession()
        XCTAssertEqual(try duty.records(LevelChange.self, of: pupil), [])
        XCTAssertEqual(try duty.records(FollowUp.self, of: pupil), [])
        XCTAssertEqual(try duty.openRecords(FollowUp.self), [])
        XCTAssertEqual(try duty.records(CaseNote.self, of: pupil), [])
        XCTAssertNil(try duty.record(LevelChange.self, id: LevelChangeID("l1")))
        XCTAssertEqual(try duty.records(FollowUp.self, from: LocalDateTime(now.day, .midnight),
                                        to: LocalDateTime(now.day.adding(days: 30), .midnight)), [])
    }

    /// What a session can write is decided by its keys, not by the roles
    /// an account claims: without the clinical key no note is written, and
    /// nothing else of the command is either.
    func testASessionWithoutTheClinicalKeyWritesNoNoteWhateverItsRoles() throws {
        let head = try store().headSession()
        let before = try head.snapshot()
        let note = CaseNote(id: CaseNoteID("n2"), student: pupil, author: Account.counselorAdmin.id, at: now, text: "x")
        XCTAssertThrowsError(try head.execute(.writeNote(note), as: .counselorAdmin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .tierNotHeld(.clinical))
        }
        XCTAssertEqual(try head.snapshot(), before)
    }

    /// A sealed body is bound to its kind, id, revision and student link: a
    /// body copied to another row or filed under another student, even one
    /// signed again by a counselor, does not open and is not shown.
    func testABodyMovedToAnotherRowOrStudentIsNotShown() throws {
        let store = try store()
        let original = try XCTUnwrap(try store.writer.read { db in
            try Store.rows(db, where: "kind = 'note' AND id = 'n1'", []).first
        })
        func put(_ row: RecordRow) throws {
            var signed = row
            signed.signature = try store.keys.sign(signed.signedBytes, as: Fixture.counselor.rawValue)
            try store.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO records(kind, id, student, time, due, open, revision, body, author, signature)
                    VALUES (?, ?, ?, '', NULL, 0, ?, ?, ?, ?)
                    """, arguments: [signed.kind, signed.id, signed.student, signed.revision, signed.bodyValue, signed.author,
                                     signed.signatureValue])
            }
        }
        var copied = original
        copied.id = "n-copy"
        try put(copied)
        var refiled = original
        refiled.id = "n-other"
        refiled.student = store.keys.link(.clinical, "s2")
        try put(refiled)

        XCTAssertEqual(try store.records(CaseNote.self, of: pupil).map(\.id), [CaseNoteID("n1")])
        XCTAssertEqual(try store.records(CaseNote.self, of: StudentID("s2")), [])
        XCTAssertNil(try store.record(CaseNote.self, id: CaseNoteID("n-copy")))
        let forged = try store.verifyAuthorship()
        XCTAssertEqual(forged.map(\.id).sorted(), ["n-copy", "n-other"])
        XCTAssertEqual(Set(forged.map(\.reason)), ["does not open under the tier key"])
    }
}
