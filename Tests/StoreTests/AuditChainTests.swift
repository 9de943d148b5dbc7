import GRDB
import XCTest
@testable import Store

final class AuditChainTests: XCTestCase {
    /// The audit chain itself does not depend on encryption, so these tests
    /// run on an in-memory database (no file, no VFS). Ephemeral keys: every
    /// actor gets a signing key the first time it signs.
    private func makeStore() throws -> Store {
        try Store(writer: DatabaseQueue(), keys: .ephemeral())
    }

    private func appendThree(_ store: Store) throws {
        try store.writer.write { db in
            let t = Date(timeIntervalSince1970: 1_790_000_000.123)
            try AuditChain.append(db, keys: store.keys, at: t, actor: "counselor", action: "student.view", subject: "student:1")
            try AuditChain.append(db, keys: store.keys, at: t + 1, actor: "counselor", action: "level.change",
                                  subject: "student:1", detail: "level 2 → 3")
            try AuditChain.append(db, keys: store.keys, at: t + 2, actor: "duty", action: "visit.add", subject: "student:2")
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

    func testEveryEntryIsSignedByItsActorOverItsHash() throws {
        let store = try makeStore()
        try appendThree(store)
        for e in try store.auditEntries() {
            let signature = try XCTUnwrap(e.signature, "entry \(e.id)")
            XCTAssertEqual(signature.count, 64)
            XCTAssertTrue(store.keys.verify([UInt8](signature), of: e.signedBytes, by: e.actor))
            let other = e.actor == "duty" ? "counselor" : "duty"
            XCTAssertFalse(store.keys.verify([UInt8](signature), of: e.signedBytes, by: other), "not another account's")
        }
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
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 2, reason: .altered))
    }

    func testDeletedRowIsDetected() throws {
        let store = try makeStore()
        try appendThree(store)
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id = 2")
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 2, reason: .missing))
    }

    /// Rewritten with a fresh hash, the row no longer carries its author's
    /// signature: it is caught at that row, not only at the next link.
    func testRowRewrittenWithFreshHashIsNotSignedByItsAuthor() throws {
        let store = try makeStore()
        try appendThree(store)
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            var e = try AuditEntry.fetchOne(db, key: 2)!
            e.actor = "someone else"
            e.hash = AuditChain.hash(of: e)
            try e.update(db)
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 2, reason: .notSignedByAuthor(actor: "someone else")))
    }

    /// Even re-signed by a key the keyring vouches for, a rewritten row
    /// breaks the next link.
    func testRowRewrittenAndResignedStillBreaksTheNextLink() throws {
        let store = try makeStore()
        try appendThree(store)
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            var e = try AuditEntry.fetchOne(db, key: 2)!
            e.actor = "someone else"
            e.hash = AuditChain.hash(of: e)
            e.signature = Data(try store.keys.sign(e.signedBytes, as: "someone else"))
            try e.update(db)
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 3, reason: .doesNotFollow))
    }
}
