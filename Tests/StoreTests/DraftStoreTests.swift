import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

final class DraftStoreTests: XCTestCase {
    /// Any Codable value is a draft to the store (the workstation's own).
    private struct Typed: Codable, Equatable {
        var student: String
        var text: String
    }

    func testOneDraftPerAccountKeptReplacedAndRemovedWithoutItsTextInTheAudit() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        let now = Fixture.at(Fixture.day(2026, 11, 2), 16)
        let first = Typed(student: "s1", text: "第一稿：睡眠差"), second = Typed(student: "s2", text: "第二稿")
        XCTAssertNil(try store.draft(Typed.self, of: Fixture.counselor))
        try store.keepDraft(first, about: StudentID("s1"), account: Fixture.counselor, at: now)
        try store.keepDraft(Typed(student: "s3", text: "别人的"), about: nil, account: StaffID("other"), at: now)
        XCTAssertEqual(try store.draft(Typed.self, of: Fixture.counselor), first)
        try store.keepDraft(second, about: StudentID("s2"), account: Fixture.counselor, at: now)
        XCTAssertEqual(try store.draft(Typed.self, of: Fixture.counselor), second, "the newer lock replaces the older draft")
        try store.removeDraft(of: Fixture.counselor)
        XCTAssertNil(try store.draft(Typed.self, of: Fixture.counselor))
        XCTAssertEqual(try store.draft(Typed.self, of: StaffID("other"))?.text, "别人的")
        let audit = try store.writer.read { db in try Row.fetchAll(db, sql: "SELECT action, subject, detail FROM audit_log") }
        XCTAssertEqual(audit.filter { $0["action"] == "draft.keep" }.map { $0["subject"] as String }, ["student:s1", "", "student:s2"])
        XCTAssertFalse(audit.contains { ($0["detail"] as String).contains("稿") })
        let revisions = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM revisions") }
        XCTAssertEqual(revisions, 0, "drafts pile up no revisions")
    }
}
