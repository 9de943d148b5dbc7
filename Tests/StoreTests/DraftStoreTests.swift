import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

final class DraftStoreTests: XCTestCase {
    func testOneDraftPerAccountKeptReplacedAndRemovedWithoutItsTextInTheAudit() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        let now = Fixture.at(Fixture.day(2026, 11, 2), 16)
        let first = CaseNoteDraft(student: StudentID("s1"), editing: nil, text: "第一稿：睡眠差", savedAt: now)
        let second = CaseNoteDraft(student: StudentID("s2"), editing: CaseNoteID("n9"), text: "第二稿", savedAt: now)
        XCTAssertNil(try store.draft(of: Fixture.counselor))
        try store.keepDraft(first, account: Fixture.counselor, at: now)
        try store.keepDraft(CaseNoteDraft(student: StudentID("s3"), editing: nil, text: "别人的", savedAt: now), account: StaffID("other"), at: now)
        XCTAssertEqual(try store.draft(of: Fixture.counselor), first)
        try store.keepDraft(second, account: Fixture.counselor, at: now)
        XCTAssertEqual(try store.draft(of: Fixture.counselor), second, "the newer lock replaces the older draft")
        try store.removeDraft(of: Fixture.counselor)
        XCTAssertNil(try store.draft(of: Fixture.counselor))
        XCTAssertEqual(try store.draft(of: StaffID("other"))?.text, "别人的")
        let audit = try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT action, subject, detail FROM audit_log") }
        XCTAssertEqual(audit.filter { $0["action"] == "note.draft.keep" }.count, 3)
        XCTAssertFalse(audit.contains { ($0["detail"] as String).contains("稿") })
        let revisions = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM revisions") }
        XCTAssertEqual(revisions, 0, "drafts pile up no revisions")
    }
}
