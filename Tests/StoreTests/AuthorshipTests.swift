import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// Every version of a record is signed by the account that wrote it; what
/// does not verify is never shown as a record and `verifyAuthorship`
/// (for `xindesk check`) names it.
final class AuthorshipTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)
    private let pupil = StudentID("s1")

    /// A note written and edited by the counselor, a plan by the counselor
    /// edited by counselor2, a visit logged by the duty teacher.
    private func store() throws -> Store {
        let store = try Fixture.store(at: now)
        let note = CaseNote(id: CaseNoteID("n1"), student: pupil, author: Fixture.counselor, at: now, text: "初稿")
        try store.execute(.writeNote(note), as: .counselor, at: now)
        var edited = note
        edited.text = "改稿"
        try store.execute(.editNote(edited, basedOn: note), as: .counselor, at: now.adding(minutes: 5))
        let plan = Fixture.plan("p1", pupil, at: now)
        try store.execute(.savePlan(plan, basedOn: nil), as: .counselor, at: now)
        var reviewed = plan
        reviewed.reviews = [SupportPlan.Review(at: now, by: Fixture.counselor2, note: "复评")]
        try store.execute(.savePlan(reviewed, basedOn: plan), as: .counselor2, at: now.adding(minutes: 10))
        try store.execute(.logVisit(Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: now,
                                          reasons: [.study], brief: "考试焦虑")), as: .duty, at: now)
        return store
    }

    private func row(_ store: Store, _ table: String, _ kind: RecordKind, _ id: String, revision: Int? = nil) throws -> RecordRow {
        try XCTUnwrap(try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(RecordRow.columns) FROM \(table) WHERE kind = ? AND id = ?", arguments: [kind, id])
                .compactMap(RecordRow.init).first { revision == nil || $0.revision == revision }
        })
    }

    /// Puts a row in `records` with plain SQL, as anyone with the page key can.
    private func put(_ store: Store, _ row: RecordRow) throws {
        try store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO records(kind, id, student, time, due, open, revision, body, author, signature)
                VALUES (?, ?, ?, '', NULL, 0, ?, ?, ?, ?)
                """, arguments: [row.kind, row.id, row.student, row.revision, row.bodyValue, row.author, row.signatureValue])
        }
    }

    func testEveryVersionIsSignedByTheAccountThatWroteItAndAnEarlierOneKeepsItsOwn() throws {
        let store = try store()
        let note = try row(store, "records", .note, "n1"), earlier = try row(store, "revisions", .note, "n1")
        XCTAssertEqual([note.author, earlier.author], ["counselor", "counselor"])
        XCTAssertEqual([note.revision, earlier.revision], [2, 1])
        let plan = try row(store, "records", .plan, "p1"), planBefore = try row(store, "revisions", .plan, "p1")
        XCTAssertEqual([plan.author, planBefore.author], ["counselor2", "counselor"])
        XCTAssertEqual(try row(store, "records", .visit, "v1").author, "duty")
        for signed in [note, earlier, plan, planBefore] {
            XCTAssertTrue(store.verifies(signed))
            XCTAssertTrue(store.keys.verify(try XCTUnwrap(signed.signature), of: signed.signedBytes, by: try XCTUnwrap(signed.author)))
        }
        XCTAssertFalse(store.keys.verify(try XCTUnwrap(plan.signature), of: plan.signedBytes, by: "counselor"))
        XCTAssertEqual(try store.revisions(of: CaseNote.self, id: CaseNoteID("n1")).map(\.value.text), ["初稿"])
        XCTAssertEqual(try store.verifyAuthorship(), [])
    }

    /// A duty teacher with the page key and a copy of the files writes a
    /// "case note" into a student's file: whether it names a counselor as
    /// author or signs honestly as itself, no session shows it and the check
    /// names it.
    func testADutyTeachersRowPosingAsACounselorsNoteIsReportedAndNeverShown() throws {
        let store = try store()
        let duty = try store.dutySession()
        let real = try row(store, "records", .note, "n1")
        let json = Array(try Store.encoder.encode(CaseNote(id: CaseNoteID("n-fake"), student: pupil, author: Fixture.counselor, at: now,
                                                            text: "学生承认偷了东西")))
        // Filed under the student's link, copied from a real note.
        var claimed = RecordRow(kind: .note, id: "n-fake", revision: 1, student: real.student, body: json, author: "counselor",
                                signature: Array(repeating: 7, count: 64))
        try put(duty, claimed)
        var honest = claimed
        honest.id = "n-duty"
        honest.author = "duty"
        honest.signature = try duty.keys.sign(honest.signedBytes, as: "duty")
        try put(duty, honest)
        claimed.id = "n-sealed"
        claimed.body = real.body
        try put(duty, claimed)
        var visit = try row(store, "records", .visit, "v1")
        visit.id = "v-fake"
        visit.body = Array(String(decoding: visit.body, as: UTF8.self).replacingOccurrences(of: "\"v1\"", with: "\"v-fake\"").utf8)
        visit.author = "counselor"
        try put(duty, visit)

        XCTAssertEqual(try store.records(CaseNote.self, of: pupil).map(\.id), [CaseNoteID("n1")])
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).caseNotes.map(\.text), ["改稿"])
        XCTAssertEqual(try store.records(Visit.self, of: pupil).map(\.id), [VisitID("v1")])
        XCTAssertEqual(try duty.records(Visit.self, of: pupil).map(\.id), [VisitID("v1")])
        for id in ["n-fake", "n-duty", "n-sealed"] { XCTAssertNil(try store.record(CaseNote.self, id: CaseNoteID(id))) }

        let expected = [
            ForgedRecord(table: "records", kind: "note", id: "n-duty", revision: 1, claimedAuthor: "duty",
                         reason: "duty never writes a note record"),
            ForgedRecord(table: "records", kind: "note", id: "n-fake", revision: 1, claimedAuthor: "counselor",
                         reason: "the signature is not the named author's"),
            ForgedRecord(table: "records", kind: "note", id: "n-sealed", revision: 1, claimedAuthor: "counselor",
                         reason: "the signature is not the named author's"),
            ForgedRecord(table: "records", kind: "visit", id: "v-fake", revision: 1, claimedAuthor: "counselor",
                         reason: "the signature is not the named author's"),
        ]
        XCTAssertEqual(try store.verifyAuthorship().sorted { $0.id < $1.id }, expected)
        // The check needs no tier key to find them: an administrator's session reports the same.
        XCTAssertEqual(try store.session([], as: Fixture.admin).verifyAuthorship().sorted { $0.id < $1.id }, expected)
    }

    func testAnAlteredBodyAnEarlierVersionPutBackAndAnUnknownSignerAreReported() throws {
        let store = try store()
        try store.writer.write { db in
            // One byte of the plan's sealed body changed.
            let body = try XCTUnwrap(try Data.fetchOne(db, sql: "SELECT body FROM records WHERE kind = 'plan'"))
            var altered = [UInt8](body)
            altered[altered.count / 2] ^= 1
            try db.execute(sql: "UPDATE records SET body = ? WHERE kind = 'plan'", arguments: [Data(altered)])
            // The note's first version made current again, signature and all.
            try db.execute(sql: """
                UPDATE records SET revision = 1, body = v.body, author = v.author, signature = v.signature
                FROM (SELECT body, author, signature FROM revisions WHERE kind = 'note' AND id = 'n1') AS v
                WHERE records.kind = 'note' AND records.id = 'n1'
                """)
            try db.execute(sql: "UPDATE records SET author = 'ghost' WHERE kind = 'visit'")
        }
        XCTAssertEqual(try store.records(SupportPlan.self, of: pupil), [])
        XCTAssertEqual(try store.records(Visit.self, of: pupil), [])
        let found = try store.verifyAuthorship()
        XCTAssertEqual(found.map { "\($0.kind) \($0.id): \($0.reason)" }.sorted(), [
            "note n1: an earlier version put back as the current one",
            "plan p1: the signature is not the named author's",
            "visit v1: signed in the name of an account the keyring does not know",
        ])
    }

    /// Rows made by hand may hold anything in any column: reading a file
    /// and checking the store go on, and the check names the row.
    func testARowWithNonsenseInItsColumnsStopsNothing() throws {
        let store = try store()
        try store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO records(kind, id, student, time, due, open, revision, body, author, signature)
                VALUES ('note', 'x1', ?, '', NULL, 0, 'abc', 42, 7, 'x'),
                       ('bogus', 'x2', 's1', '', NULL, 0, 1, '{}', 'counselor', NULL)
                """, arguments: [store.keys.link(.clinical, "s1")])
        }
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).caseNotes.map(\.id), [CaseNoteID("n1")])
        XCTAssertEqual(try store.verifyAuthorship().map { "\($0.id): \($0.reason)" }.sorted(),
                       ["x1: not a record's row", "x2: not a record's row"])
    }
}
