import Counseling
import GRDB
import Vault
import XCTest
@testable import Store

/// The signed head every clean close leaves: the newest entries deleted,
/// or the log rewritten under it, are reported; a forged head is too.
final class AuditHeadTests: XCTestCase {
    private let t = Fixture.at(Fixture.day(2026, 9, 2), 9)

    private func heads(_ store: Store) throws -> [AuditHead] {
        try store.writer.read { db in try AuditHead.fetchAll(db, sql: "SELECT * FROM audit_heads ORDER BY id") }
    }

    /// An in-memory store whose session is the counselor's, with `n`
    /// entries: the import, then the counselor opening the file.
    private func store(entries n: Int) throws -> Store {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone, accounts: Account.everyone,
                              keys: .ephemeral(accounts: ["counselor"]))
        try store.execute(.importStudents([Fixture.student(1)]), as: .admin, at: t)
        for _ in 1..<n { _ = try store.openFile(StudentID("s1"), as: .counselor, at: t) }
        return store
    }

    func testHeadCountsTheEntriesAndEndsOnTheNewestHashSignedByTheSession() throws {
        let store = try store(entries: 3)
        let head = try XCTUnwrap(try store.signAuditHead(at: Date(timeIntervalSince1970: 1_790_000_000.5)))
        XCTAssertEqual(head.entries, 3)
        XCTAssertEqual(head.lastHash, try store.auditEntries().last?.hash)
        XCTAssertEqual(head.signer, "counselor")
        XCTAssertEqual(head.atMillis, 1_790_000_000_500)
        XCTAssertTrue(head.isSigned(by: store.keys))
        XCTAssertNil(try store.signAuditHead(), "nothing new since: no second head")
        _ = try store.openFile(StudentID("s1"), as: .counselor, at: t)
        XCTAssertEqual(try store.signAuditHead()?.entries, 4)
        XCTAssertEqual(try heads(store).map(\.entries), [3, 4])
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 4))
    }

    func testHeadsRefuseUpdateAndDeleteLikeTheLog() throws {
        let store = try store(entries: 2)
        try store.signAuditHead()
        XCTAssertThrowsError(try store.writer.write { db in try db.execute(sql: "UPDATE audit_heads SET entries = 1") })
        XCTAssertThrowsError(try store.writer.write { db in try db.execute(sql: "DELETE FROM audit_heads") })
        XCTAssertEqual(try heads(store).map(\.entries), [2])
    }

    /// The case: after a clean close of the encrypted store, the
    /// newest entries are deleted with the triggers dropped. The next
    /// session's close does not sign over the gap.
    func testNewestEntriesDeletedAfterACleanCloseAreReported() throws {
        let (store, vault, _, dir) = try Fixture.encryptedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        defer { vault.lock() }
        let me = Account(vault)
        try store.execute(.importStudents([Fixture.student(1)]), as: me, at: t)
        for _ in 0..<3 { _ = try store.openFile(StudentID("s1"), as: me, at: t) }
        XCTAssertEqual(try store.close(vault: vault), .checkpointed)

        let pool = try vault.makePool()
        try pool.write { db in
            try AuditTampering.dropTriggers(db)
            try db.execute(sql: "DELETE FROM audit_log WHERE id > 2")
        }
        let next = try Store(vault: vault, writer: pool, timeZone: Fixture.zone)
        XCTAssertEqual(try next.verifyAuditChain(), .broken(atId: 3, reason: .cutShort(counted: 4, signer: "counselor")))
        _ = try next.openFile(StudentID("s1"), as: me, at: t)
        try next.close(vault: vault)

        let reopened = try Store(vault: vault, writer: try vault.makePool(), timeZone: Fixture.zone)
        XCTAssertEqual(try heads(reopened).map(\.entries), [4], "no head vouches for the cut log")
        XCTAssertEqual(try reopened.verifyAuditChain(), .broken(atId: 4, reason: .cutShort(counted: 4, signer: "counselor")),
                       "a new entry 3 does not make up for the lost ones")
        try reopened.close(vault: vault)
    }

    /// One entry removed from the middle and every later one re-chained and
    /// re-hashed: the later entries no longer carry their authors' signatures.
    func testEntryCutFromTheMiddleAndTheRestRehashedIsReported() throws {
        let store = try store(entries: 5)
        try store.signAuditHead()
        try store.writer.write { db in try AuditTampering.cut(db, entry: 3) }
        XCTAssertEqual(try store.auditEntries().map(\.id), [1, 2, 3, 4])
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 3, reason: .notSignedByAuthor(actor: "counselor")))
    }

    func testHeadNotSignedByItsSignerIsReported() throws {
        let store = try store(entries: 3)
        try store.signAuditHead()
        let elsewhere = TierKeys.ephemeral(accounts: ["counselor"])
        try store.writer.write { db in
            let last = try XCTUnwrap(try AuditEntry.fetchOne(db, key: 3))
            var forged = AuditHead(id: 2, entries: 9, lastHash: last.hash, atMillis: 0, signer: "counselor", signature: Data())
            forged.signature = Data(try elsewhere.sign(forged.signedBytes, as: "counselor"))
            try forged.insert(db)
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 9, reason: .forgedHead(head: 2, signer: "counselor")))
    }

    /// A session that wrote nothing, when nobody else did either, leaves no
    /// head; the untouched log verifies with its count.
    func testUntouchedLogVerifiesIntactAcrossCleanClosesAndAReadOnlyCloseSignsNothing() throws {
        let (store, vault, _, dir) = try Fixture.encryptedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        defer { vault.lock() }
        let me = Account(vault)
        try store.execute(.importStudents([Fixture.student(1)]), as: me, at: t)
        try store.close(vault: vault)
        let second = try Store(vault: vault, writer: try vault.makePool(), timeZone: Fixture.zone)
        _ = try second.openFile(StudentID("s1"), as: me, at: t)
        try second.close(vault: vault)
        let reader = try Store(vault: vault, writer: try vault.makePool(), timeZone: Fixture.zone)
        XCTAssertEqual(try reader.studentList().count, 1)
        try reader.close(vault: vault)

        let last = try Store(vault: vault, writer: try vault.makePool(), timeZone: Fixture.zone)
        XCTAssertEqual(try heads(last).map(\.entries), [1, 2])
        XCTAssertEqual(try heads(last).map(\.signer), ["counselor", "counselor"])
        XCTAssertEqual(try last.verifyAuditChain(), .intact(entries: 2))
        try last.close(vault: vault)
    }
}
