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
        assertThrows(.invalidAccountName(name: "bob smith")) {
            try addAccount(vault, "bob smith", roles: [.duty], passphrase: "x-passphrase")
        }
        assertThrows(.noRoles) { try addAccount(vault, "bob", roles: [], passphrase: "x-passphrase") }
        assertUnchanged(before)
    }

    func testChangingAPassphraseRewrapsOnlyThatSlot() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        vault.lock()
        let databaseBefore = snapshot([db, db + "-wal"])
        let ringBefore = try readKeyring()

        let session = try unlock()
        var fresh = Array("alice-new-pass".utf8)
        try session.changePassphrase(of: "alice", to: &fresh)
        XCTAssertEqual(fresh, [], "the new passphrase bytes must be wiped")
        session.lock()

        let renewed = try unlock(db, "alice", "alice-new-pass")
        XCTAssertEqual(try studentNames(renewed), expectedNames())
        renewed.lock()
        assertThrows(.wrongPassphrase(account: "alice")) { try unlock(db, "alice", "alice-pass") }
        try unlock(db, "bob", "bob-pass").lock()

        assertUnchanged(databaseBefore)
        let ringAfter = try readKeyring()
        XCTAssertEqual(ringAfter.fileId, ringBefore.fileId)
        XCTAssertEqual(ringAfter.slots.map(\.name), ringBefore.slots.map(\.name))
        for (old, new) in zip(ringBefore.slots, ringAfter.slots) where old.name != "alice" {
            XCTAssertEqual(try slotJSON(new), try slotJSON(old), "slot \(old.name) must be byte-identical")
        }
        let oldAlice = try XCTUnwrap(ringBefore.slot(named: "alice")), newAlice = try XCTUnwrap(ringAfter.slot(named: "alice"))
        XCTAssertEqual(newAlice.roles, oldAlice.roles)
        XCTAssertEqual(newAlice.kdfParameters, Self.tinyKDF, "the slot keeps its KDF parameters")
        XCTAssertNotEqual(newAlice.salt, oldAlice.salt)
        XCTAssertNotEqual(newAlice.wrappedSecretKey, oldAlice.wrappedSecretKey)
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
