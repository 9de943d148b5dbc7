import Counseling
import Foundation
import Vault
import XCTest

/// Roles are keys: an administrator who is no counselor can create a
/// counselor account but cannot give it the clinical key; a holder of it
/// (a counselor's next unlock, or the recovery key) does.
final class AccessGrantTests: VaultTestCase {
    func testACounselorAddedByANonCounselorWaitsForAHolderOfTheClinicalKey() throws {
        let (it, recoveryKey) = try create(account: "it", roles: [.admin])
        XCTAssertEqual(it.roles, [.admin])
        XCTAssertFalse(try it.tierKeys().holds(.clinical), "an administrator alone reads no clinical data")
        XCTAssertFalse(try it.tierKeys().holds(.oversight))
        try addAccount(it, "li", roles: [.counselor], passphrase: "li-passphrase")
        try addAccount(it, "wang", roles: [.head], passphrase: "wang-passphrase")
        let listed = it.accountKeys.first { $0.name == "li" }
        XCTAssertEqual(listed?.tiers, [])
        XCTAssertEqual(listed?.waiting, [.counselor])
        it.lock()
        assertThrows(.grantPending(account: "li")) { try unlock(db, "li", "li-passphrase") }

        // The recovery key holds every tier; its unlock grants what waits.
        let recovery = try Vault.unlock(database: db, recoveryKey: recoveryKey)
        XCTAssertEqual(recovery.grantWaiting().map(\.account), ["li", "wang"])
        XCTAssertEqual(recovery.grantWaiting().count, 0, "nothing waits any more")
        recovery.lock()

        let li = try unlock(db, "li", "li-passphrase")
        XCTAssertEqual(li.roles, [.counselor])
        XCTAssertTrue(try li.tierKeys().holds(.clinical))
        XCTAssertTrue(try li.tierKeys().holds(.oversight))
        XCTAssertEqual(li.accountKeys.first { $0.name == "wang" }?.tiers, [.oversight])
        XCTAssertEqual(li.accountKeys.first { $0.name == "li" }?.waiting, [])
        li.lock()
        let wang = try unlock(db, "wang", "wang-passphrase")
        XCTAssertEqual(wang.roles, [.head])
        XCTAssertTrue(try wang.tierKeys().holds(.oversight))
        XCTAssertFalse(try wang.tierKeys().holds(.clinical), "a head reads levels, never note text")
        wang.lock()
    }

    /// A counselor's unlock grants the clinical key to a counselor added
    /// since: the same key, so what one seals the other opens.
    func testACounselorsUnlockGrantsTheSameClinicalKey() throws {
        let (it, recoveryKey) = try create(account: "it", roles: [.admin])
        try addAccount(it, "li", roles: [.counselor], passphrase: "li-passphrase")
        it.lock()
        let recovery = try Vault.unlock(database: db, recoveryKey: recoveryKey)
        _ = recovery.grantWaiting()
        recovery.lock()

        let it2 = try unlock(db, "it", "alice-pass")
        try addAccount(it2, "zhao", roles: [.counselor], passphrase: "zhao-passphrase")
        it2.lock()
        assertThrows(.grantPending(account: "zhao")) { try unlock(db, "zhao", "zhao-passphrase") }

        let li = try unlock(db, "li", "li-passphrase")
        XCTAssertEqual(li.grantWaiting().map(\.account), ["zhao"])
        let sealed = try XCTUnwrap(li.tierKeys().seal(.clinical, Array("谈话记录".utf8), ad: Array("note/1".utf8)))
        li.lock()
        let zhao = try unlock(db, "zhao", "zhao-passphrase")
        defer { zhao.lock() }
        XCTAssertEqual(try zhao.tierKeys().open(.clinical, sealed, ad: Array("note/1".utf8)), Array("谈话记录".utf8))
    }
}
