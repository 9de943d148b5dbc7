import Counseling
import Foundation
import Vault
import XCTest

final class AccountTests: VaultTestCase {
    func testAddedAccountUnlocksWithItsRoles() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        try addAccount(vault, "bob", roles: [.duty, .head], passphrase: "bob-pass")
        XCTAssertEqual(vault.accounts.map(\.name), ["alice", "bob"])
        vault.lock()

        let bob = try unlock(db, "bob", "bob-pass")
        defer { bob.lock() }
        XCTAssertEqual(bob.roles, [.duty, .head])
        XCTAssertEqual(try studentNames(bob), expectedNames())
        XCTAssertEqual(try Vault.accounts(database: db).map(\.name), ["alice", "bob"])
    }

    func testAddingAnExistingOrInvalidAccountIsRefused() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        let before = snapshot([db + ".keys"])
        assertThrows(.accountExists(account: "alice")) { try addAccount(vault, "alice", roles: [.duty], passphrase: "x-passphrase") }
        assertThrows(.invalidAccountName(name: "recovery")) {
            try addAccount(vault, "recovery", roles: [.duty], passphrase: "x-passphrase")
        }
        // Spaces, invisible and direction-changing characters, control
        // characters, too long: each would make names hard to tell apart.
        for name in ["bob smith", "bob\u{3000}", "ali\u{200B}ce", "\u{202E}ecila", "bob\u{1B}[31m", "", String(repeating: "王", count: 33)] {
            assertThrows(.invalidAccountName(name: name)) {
                try addAccount(vault, name, roles: [.duty], passphrase: "x-passphrase")
            }
        }
        assertThrows(.noRoles) { try addAccount(vault, "bob", roles: [], passphrase: "x-passphrase") }
        assertUnchanged(before)
    }

    /// A teacher is called what the school calls them: 王老师 is an account.
    func testAChineseAccountNameIsAnAccount() throws {
        let (vault, _) = try create()
        try addAccount(vault, "王老师", roles: [.duty], passphrase: "wang-passphrase")
        try addAccount(vault, "zhao.min-2", roles: [.duty], passphrase: "zhao-passphrase")
        vault.lock()
        XCTAssertEqual(try Vault.accounts(database: db).map(\.name), ["alice", "王老师", "zhao.min-2"])
        let wang = try unlock(db, "王老师", "wang-passphrase")
        XCTAssertEqual(wang.account, "王老师")
        XCTAssertEqual(wang.roles, [.duty])
        wang.lock()
    }

    /// `user passwd` rotates the page key: the old passphrase with the
    /// keyring from before (every backup has one) opens nothing current.
    func testChangingAPassphraseRotatesThePageKey() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        vault.lock()
        let ringBefore = try Data(contentsOf: URL(fileURLWithPath: db + ".keys"))
        let databaseBefore = try Data(contentsOf: URL(fileURLWithPath: db))

        let session = try unlock()
        var fresh = Array("alice-new-pass".utf8)
        try session.changePassphrase(of: "alice", to: &fresh)
        XCTAssertEqual(fresh, [], "the new passphrase bytes must be wiped")
        session.lock()

        let renewed = try unlock(db, "alice", "alice-new-pass")
        XCTAssertEqual(try studentNames(renewed), expectedNames())
        renewed.lock()
        assertThrows(.wrongPassphrase(account: "alice")) { try unlock(db, "alice", "alice-pass") }
        let bob = try unlock(db, "bob", "bob-pass")
        XCTAssertEqual(try studentNames(bob), expectedNames(), "every other slot is granted the new page key")
        bob.lock()
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: db)), databaseBefore, "re-encrypted under a new key")

        // The attacker's way back: the old keyring file and the old
        // passphrase (and the throttle file, theirs to delete).
        try ringBefore.write(to: URL(fileURLWithPath: db + ".keys"))
        try? FileManager.default.removeItem(atPath: db + ".throttle")
        let old = try unlock(db, "alice", "alice-pass")
        XCTAssertThrowsError(try studentNames(old), "the old page key must open nothing current")
        old.lock()
    }

    func testDutyOnlyAccountCannotManageOtherAccounts() throws {
        let (vault, _) = try create()
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        try addAccount(vault, "carol", roles: [.counselor], passphrase: "carol-pass")
        vault.lock()
        let before = snapshot(storeFiles())

        let bob = try unlock(db, "bob", "bob-pass")
        defer { bob.lock() }
        assertThrows(.notPermitted(account: "bob", action: "add accounts")) {
            try addAccount(bob, "dave", roles: [.admin], passphrase: "dave-pass")
        }
        assertThrows(.notPermitted(account: "bob", action: "remove accounts")) { try bob.removeAccount("carol") }
        assertThrows(.notPermitted(account: "bob", action: "remove accounts")) { try bob.removeAccount("alice") }
        var other = Array("carol-new-pass".utf8)
        assertThrows(.notPermitted(account: "bob", action: "change another account's passphrase")) {
            try bob.changePassphrase(of: "carol", to: &other)
        }
        for file in [db, db + ".keys"] { XCTAssertEqual(contents(file), before[file] ?? nil, file) }

        // His own passphrase he may change.
        var own = Array("bob-new-pass".utf8)
        try bob.changePassphrase(of: "bob", to: &own)
        try unlock(db, "bob", "bob-new-pass").lock()
    }

    func testTheLastAdministratorCannotBeRemoved() throws {
        let (vault, recoveryKey) = try create()
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        assertThrows(.notPermitted(account: "alice", action: "remove its own account")) { try vault.removeAccount("alice") }
        vault.lock()
        let before = snapshot(storeFiles())

        let recovered = try Vault.unlock(database: db, recoveryKey: recoveryKey)
        defer { recovered.lock() }
        assertThrows(.lastAdministrator(account: "alice")) { try recovered.removeAccount("alice") }
        assertThrows(.unknownAccount(account: "nobody")) { try recovered.removeAccount("nobody") }
        for file in [db, db + ".keys"] { XCTAssertEqual(contents(file), before[file] ?? nil, file) }
        try unlock().lock()
    }

    private func slotJSON(_ slot: KeySlot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(slot)
    }
}
