import Counseling
import Foundation
import Vault
import XCTest

/// The keyring sidecar is a plain file anyone with the laptop can edit; an
/// edit must never give an account more than it had.
final class KeyringTamperTests: VaultTestCase {
    /// alice (admin, counselor) and bob (duty), with rows.
    private func makeStoreWithDutyAccount() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        vault.lock()
    }

    /// bob (duty) gives his own slot more roles: his passphrase no longer
    /// opens it (the roles are bound into its wrapping), the others still
    /// unlock, and `check` names the slot.
    func testRoleEditedInASlotIsRefusedAndReported() throws {
        try makeStoreWithDutyAccount()
        var ring = try readKeyring()
        let i = try XCTUnwrap(ring.slots.firstIndex { $0.name == "bob" })
        ring.slots[i].roles = [.duty, .admin]
        try writeKeyring(ring)

        assertThrows(.wrongPassphrase(account: "bob")) { try unlock(db, "bob", "bob-pass") }
        let alice = try unlock()
        defer { alice.lock() }
        XCTAssertEqual(alice.accounts.map(\.name), ["alice"], "an untrusted slot is no account")
        assertThrows(.keyringSlotsUntrusted(path: db + ".keys", names: ["bob"])) { _ = try alice.check() }
    }

    /// The roles in the signed header: editing them breaks the authority's
    /// signature, and every account refuses the keyring.
    func testRoleEditedInTheSignedHeaderIsRefusedByEveryone() throws {
        try makeStoreWithDutyAccount()
        var ring = try readKeyring()
        let m = try XCTUnwrap(ring.members.firstIndex { $0.name == "bob" })
        ring.members[m].roles = [.duty, .counselor, .admin]
        let i = try XCTUnwrap(ring.slots.firstIndex { $0.name == "bob" })
        ring.slots[i].roles = [.duty, .counselor, .admin]
        try writeKeyring(ring)
        assertThrows(.keyringAltered(path: db + ".keys")) { try unlock() }
    }

    func testSlotCopiedUnderANewNameIsRefusedAndReported() throws {
        try makeStoreWithDutyAccount()
        var ring = try readKeyring()
        var copy = try XCTUnwrap(ring.slot(named: "alice"))
        copy.name = "mallory"
        ring.slots.insert(copy, at: 0)
        try writeKeyring(ring)

        assertThrows(.wrongPassphrase(account: "mallory")) { try unlock(db, "mallory", "alice-pass") }
        let bob = try unlock(db, "bob", "bob-pass")
        defer { bob.lock() }
        assertThrows(.keyringSlotsUntrusted(path: db + ".keys", names: ["mallory"])) { _ = try bob.check() }
    }

    func testSlotRemovedFromTheKeyringIsReported() throws {
        try makeStoreWithDutyAccount()
        var ring = try readKeyring()
        ring.slots.removeAll { $0.name == "alice" }
        try writeKeyring(ring)
        let bob = try unlock(db, "bob", "bob-pass")
        defer { bob.lock() }
        assertThrows(.keyringSlotsUntrusted(path: db + ".keys", names: ["alice"])) { _ = try bob.check() }
    }

    func testKeyringOfAnotherDatabaseIsAMismatch() throws {
        try makeStoreWithDutyAccount()
        let other = path("other.db")
        try create(other).vault.lock()
        try FileManager.default.removeItem(atPath: db + ".keys")
        try FileManager.default.copyItem(atPath: other + ".keys", toPath: db + ".keys")
        assertThrows(.keyringMismatch(path: db + ".keys")) { try unlock() }
    }

    func testUnreadableKeyringIsReported() throws {
        try makeStoreWithDutyAccount()
        try Data("{\"format\": \"something else\"".utf8).write(to: URL(fileURLWithPath: db + ".keys"))
        assertThrows({ try unlock() }) { error in
            guard case .keyringUnreadable(let p, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(p, db + ".keys")
        }
    }

    /// An edited keyring must not make unlock run Argon2 with parameters
    /// outside the safe range, on the recovery path as on the account path.
    func testOutOfRangeKDFParametersAreRefusedBeforeDerivation() throws {
        let (vault, recoveryKey) = try create()
        vault.lock()
        var ring = try readKeyring()
        let expensive = KDFParameters(opsLimit: 1000, memLimit: 8192)
        XCTAssertFalse(expensive.isAcceptable)

        let a = try XCTUnwrap(ring.slots.firstIndex { $0.name == "alice" })
        ring.slots[a].kdfParameters = expensive
        let r = try XCTUnwrap(ring.slots.firstIndex { $0.kind == .recovery })
        ring.slots[r].kdf = .argon2id13
        ring.slots[r].kdfParameters = expensive
        try writeKeyring(ring)

        assertThrows({ try unlock() }) { error in
            guard case .weakKDF = error else { return XCTFail("got \(error)") }
        }
        assertThrows({ try Vault.unlock(database: db, recoveryKey: recoveryKey) }) { error in
            guard case .weakKDF = error else { return XCTFail("got \(error)") }
        }
    }
}
