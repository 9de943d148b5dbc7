import GRDB
import XCTest
@testable import Store

final class AuditChainTests: XCTestCase {
    /// The audit chain itself does not depend on encryption, so these tests
    /// run on an in-memory database (no file, no VFS).
    private func makeStore() throws -> Store {
        try Store(writer: DatabaseQueue(), keys: .ephemeral())
    }

    private func appendThree(_ store: Store) throws {
        try store.writer.write { db in
            let t = Date(timeIntervalSince1970: 1_790_000_000.123)
            try AuditChain.append(db, at: t, actor: "counselor", action: "student.view", subject: "student:1")
            try AuditChain.append(db, at: t + 1, actor: "counselor", action: "level.change", subject: "student:1",
                                  detail: "level 2 → 3")
            try AuditChain.append(db, at: t + 2, actor: "duty", action: "visit.add", subject: "student:2")
        }
    }

    func testChainOfThreeEntriesVerifiesIntact() throws {
        let store = try makeStore()
        try appendThree(store)
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 3))
        let entries = try store.writer.read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") }
        XCTAssertEqual(entries.map(\.id), [1, 2, 3])
        XCTAssertEqual(entries[1].prevHash, entries[0].hash)
        XCTAssertEqual(entries[0].prevHash, Data(repeating: 0, count: 32))
        XCTAssertEqual(entries[0].atMillis, 1_790_000_000_123)
    }

    func testUpdateAndDeleteAreRefusedByTriggers() throws {
        let store = try makeStore()
        try appendThree(store)
        XCTAssertThrowsError(try store.writer.write { db in
            try db.execute(sql: "UPDATE audit_log SET actor = 'someone' WHERE id = 2")
        })
        XCTAssertThrowsError(try store.writer.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE id = 2") })
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 3))
    }

    func testAlteredRowBreaksTheChainAtThatRow() throws {
        let store = try makeStore()
        try appendThree(store)
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET detail = 'level 2 → 1' WHERE id = 2")
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 2, reason: "contents were altered"))
    }

    func testDeletedRowIsDetected() throws {
        let store = try makeStore()
        try appendThree(store)
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id = 2")
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 2, reason: "row 2 is missing"))
    }

    func testRowRewrittenWithFreshHashStillBreaksTheNextLink() throws {
        let store = try makeStore()
        try appendThree(store)
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            var e = try AuditEntry.fetchOne(db, key: 2)!
            e.actor = "someone else"
            e.hash = AuditChain.hash(of: e)
            try e.update(db)
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 3, reason: "does not follow row 2"))
    }
}
