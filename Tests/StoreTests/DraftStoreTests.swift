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

    private func body(_ draft: Typed) throws -> Data { try JSONEncoder().encode(draft) }

    func testOneDraftPerAccountKeptReplacedAndRemovedWithoutItsTextInTheAudit() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(Fixture.day(2026, 11, 2), 16)
        let other = Account(id: StaffID("other"), roles: [.duty])
        let first = Typed(student: "s1", text: "第一稿：睡眠差"), second = Typed(student: "s2", text: "第二稿")
        XCTAssertNil(try store.draft(Typed.self, of: Fixture.counselor))
        try store.execute(.keepDraft(body: try body(first), about: StudentID("s1")), as: .counselor, at: now)
        try store.execute(.keepDraft(body: try body(Typed(student: "s3", text: "别人的")), about: nil), as: other, at: now)
        XCTAssertEqual(try store.draft(Typed.self, of: Fixture.counselor), first)
        try store.execute(.keepDraft(body: try body(second), about: StudentID("s2")), as: .counselor, at: now)
        XCTAssertEqual(try store.draft(Typed.self, of: Fixture.counselor), second, "the newer lock replaces the older draft")
        try store.execute(.removeDraft, as: .counselor, at: now)
        XCTAssertNil(try store.draft(Typed.self, of: Fixture.counselor))
        XCTAssertEqual(try store.draft(Typed.self, of: StaffID("other"))?.text, "别人的", "only the account's own draft goes")
        let audit = try store.auditEntries()
        XCTAssertEqual(audit.map(\.action), ["draft.keep", "draft.keep", "draft.keep", "draft.remove"])
        XCTAssertEqual(audit.filter { $0.action == "draft.keep" }.map(\.subject),
                       [store.auditSubject(.draftKeep, StudentID("s1")), "", store.auditSubject(.draftKeep, StudentID("s2"))])
        XCTAssertEqual(audit.map(\.actor), ["counselor", "other", "counselor", "counselor"])
        XCTAssertEqual(Set(audit.map(\.detail)), [""])
        XCTAssertFalse(audit.contains { $0.detail.contains("稿") })
        XCTAssertEqual(try store.revisionCount(), 0, "drafts pile up no revisions")
        // Removing a draft that is not there writes nothing.
        try store.execute(.removeDraft, as: .counselor, at: now)
        XCTAssertEqual(try store.auditEntries().count, 4)
    }

    /// A draft is every account's own: no role is needed to keep one.
    func testEveryRoleKeepsItsOwnDraft() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(Fixture.day(2026, 11, 2), 16)
        for account in [Account.duty, .head, .admin] {
            try store.execute(.keepDraft(body: try body(Typed(student: "", text: account.id.rawValue)), about: nil),
                              as: account, at: now)
        }
        XCTAssertEqual(try store.draft(Typed.self, of: Fixture.head)?.text, "head")
        XCTAssertEqual(try store.draft(Typed.self, of: Fixture.duty)?.text, "duty")
    }

    /// What a counselor was typing is clinical, a head's oversight: each is
    /// sealed under that tier and bound to its account. A duty teacher's
    /// session holds neither key, so its half-logged visit keeps the page
    /// key's protection alone.
    func testADraftIsSealedUnderTheHighestTierOfTheSessionThatKeptIt() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(Fixture.day(2026, 11, 2), 16)
        let head = try store.headSession(), duty = try store.dutySession()
        try store.execute(.keepDraft(body: try body(Typed(student: "s1", text: "想到过不想活")), about: nil), as: .counselor, at: now)
        try head.execute(.keepDraft(body: try body(Typed(student: "s1", text: "再观察一周")), about: nil), as: .head, at: now)
        try duty.execute(.keepDraft(body: try body(Typed(student: "", text: "午休来访")), about: nil), as: .duty, at: now)
        let rows = Dictionary(uniqueKeysWithValues: try store.rawRows("drafts").map { ($0["account"] as String, $0) })
        XCTAssertEqual(rows.mapValues { $0["tier"] as String? }, ["counselor": "clinical", "head": "oversight", "duty": nil])
        let cells = try store.everyCell().filter { $0.table == "drafts" }.map(\.text).joined()
        XCTAssertFalse(cells.contains("不想活") || cells.contains("再观察"))
        XCTAssertTrue(cells.contains("午休来访"))

        XCTAssertEqual(try store.draft(Typed.self, of: Fixture.counselor)?.text, "想到过不想活")
        XCTAssertNil(try head.draft(Typed.self, of: Fixture.counselor))
        XCTAssertNil(try duty.draft(Typed.self, of: Fixture.counselor))
        XCTAssertEqual(try head.draft(Typed.self, of: Fixture.head)?.text, "再观察一周")
        XCTAssertNil(try duty.draft(Typed.self, of: Fixture.head))
        XCTAssertEqual(try duty.draft(Typed.self, of: Fixture.duty)?.text, "午休来访")
        // Another account's sealed draft moved onto the head's row does not open there.
        try store.writer.write { db in
            try db.execute(sql: "UPDATE drafts SET body = (SELECT body FROM drafts WHERE account = 'counselor'), tier = 'clinical' WHERE account = 'head'")
        }
        XCTAssertNil(try store.draft(Typed.self, of: Fixture.head))
    }
}
