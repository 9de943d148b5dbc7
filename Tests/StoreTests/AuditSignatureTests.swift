import Counseling
import GRDB
import Vault
import XCTest
@testable import Store

/// Every audit entry is signed by its actor: an entry in another account's
/// name, written with raw SQL and a correct chain hash by someone who has
/// the page key but not that account's signing key, is reported.
final class AuditSignatureTests: XCTestCase {
    private let t = Fixture.at(Fixture.day(2026, 9, 2), 9)

    /// The case: the duty teacher, with their own passphrase and raw
    /// SQL, adds a level change "by counselor" to the encrypted store.
    func testEntryInTheCounselorsNameSignedWithTheDutyTeachersKeyIsReported() throws {
        let (store, vault, pool, dir) = try Fixture.encryptedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var pass = Array("duty-passphrase".utf8)
        try vault.addAccount("duty", roles: [.duty], passphrase: &pass, kdf: KDFParameters(opsLimit: 1, memLimit: 8192))
        let counselor = Account(vault)
        try store.execute(.importStudents([Fixture.student(1)]), as: counselor, at: t)
        _ = try store.openFile(StudentID("s1"), as: counselor, at: t)
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 2))

        pass = Array("duty-passphrase".utf8)
        let duty = try Vault.unlock(database: vault.paths.database, account: "duty", passphrase: &pass)
        let dutyKeys = try duty.tierKeys()
        XCTAssertFalse(dutyKeys.canSign(as: "counselor"))
        XCTAssertThrowsError(try dutyKeys.sign([1, 2, 3], as: "counselor")) {
            XCTAssertEqual($0 as? TierKeyError, .cannotSign(account: "counselor"))
        }
        let queue = try duty.makeQueue()
        try queue.write { db in
            try AuditTampering.append(db, actor: "counselor", action: "level.change", signedBy: (dutyKeys, "duty"))
        }
        try duty.close(queue)

        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 3, reason: .notSignedByAuthor(actor: "counselor")))
        let dutyStore = try Store(vault: duty, writer: try duty.makeQueue(), timeZone: Fixture.zone)
        XCTAssertEqual(try dutyStore.verifyAuditChain(), .broken(atId: 3, reason: .notSignedByAuthor(actor: "counselor")),
                       "every account's check sees it")
        try pool.close()
        duty.lock()
        vault.lock()
    }

    /// A counselor key the keyring does not vouch for (made elsewhere) is
    /// no counselor's signature either.
    func testSignatureByAKeyTheKeyringDoesNotVouchForIsReported() throws {
        let store = try Fixture.store()
        let elsewhere = TierKeys.ephemeral(accounts: ["counselor"])
        try store.writer.write { db in
            try AuditTampering.append(db, actor: "counselor", action: "level.change", signedBy: (elsewhere, "counselor"))
        }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 2, reason: .notSignedByAuthor(actor: "counselor")))
    }

    func testUnsignedEntryAfterSignedOnesIsReported() throws {
        let store = try Fixture.store()
        _ = try store.openFile(StudentID("s1"), as: .counselor, at: t)
        try store.writer.write { db in try AuditTampering.append(db, actor: "counselor", action: "level.change", signedBy: nil) }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 3, reason: .unsigned))
    }

    /// A log stripped of its signatures is not an old log: an unsigned
    /// entry is refused even as the first.
    func testAnUnsignedEntryIsRefusedEvenAsTheFirst() throws {
        let queue = try DatabaseQueue()
        let keys = TierKeys.ephemeral()
        let store = try Store(writer: queue, timeZone: Fixture.zone, accounts: Account.everyone, keys: keys)
        try store.writer.write { db in try AuditTampering.append(db, actor: "admin", action: "student.view", signedBy: nil) }
        XCTAssertEqual(try store.verifyAuditChain(), .broken(atId: 1, reason: .unsigned))
    }

    /// The recovery key is a member of the keyring with a signing key of
    /// its own: what it changes is signed "recovery", and its close signs
    /// the head.
    func testTheRecoveryKeySignsItsChangesAsRecovery() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var pass = Array("store-test".utf8)
        let (created, recoveryKey) = try Vault.create(database: dir + "/s.db", account: "counselor", roles: [.counselor, .admin],
                                                      passphrase: &pass, kdf: KDFParameters(opsLimit: 1, memLimit: 8192))
        created.lock()
        let recovery = try Vault.unlock(database: dir + "/s.db", recoveryKey: recoveryKey)
        defer { recovery.lock() }
        let store = try Store(vault: recovery, writer: try recovery.makePool(), timeZone: Fixture.zone)
        let account = Account(recovery)
        XCTAssertEqual(account.id, StaffID("recovery"))
        try store.execute(.importStudents([Fixture.student(1)]), as: account, at: t)
        XCTAssertEqual(try store.allStudents().map(\.id), [StaffID("s1")].map { StudentID($0.rawValue) })
        XCTAssertEqual(try store.auditEntries().map(\.actor), ["recovery"])
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 1))
        XCTAssertEqual(try store.close(vault: recovery), .checkpointed)

        // Another account's session verifies what the recovery key signed.
        var again = Array("store-test".utf8)
        let counselor = try Vault.unlock(database: dir + "/s.db", account: "counselor", passphrase: &again)
        defer { counselor.lock() }
        let reader = try Store(vault: counselor, writer: try counselor.makeQueue(), timeZone: Fixture.zone)
        XCTAssertEqual(try reader.verifyAuditChain(), .intact(entries: 1))
    }
}
