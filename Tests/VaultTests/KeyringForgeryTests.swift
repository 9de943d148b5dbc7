import Counseling
import Foundation
@testable import Vault
import XCTest

/// A duty teacher with a hex editor, their own passphrase and the project's
/// own code: what they can do to the keyring, and what the other accounts
/// make of it.
final class KeyringForgeryTests: VaultTestCase {
    /// alice (admin, counselor) and bob (duty).
    private func school() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        vault.lock()
    }

    /// What bob holds: his slot's secrets and the page key granted to it.
    private func bobsKeys() throws -> (SlotSecrets, SecretBytes) {
        let ring = try readKeyring()
        let slot = try XCTUnwrap(ring.slot(named: "bob"))
        var pass = Array("bob-pass".utf8)
        let secret = SecretBytes(wiping: &pass)
        let secrets = try slot.openSecrets(secret: secret, fileId: ring.fileId)
        let page = try XCTUnwrap(slot.openGrant(.page, boxSecret: secrets.box, fileId: ring.fileId))
        XCTAssertNil(slot.openGrant(.clinical, boxSecret: secrets.box, fileId: ring.fileId), "duty holds no clinical key")
        XCTAssertNil(slot.grants[.oversight], "duty holds no oversight key")
        XCTAssertNil(slot.grants[.authority], "duty holds no authority key")
        return (secrets, page)
    }

    /// bob re-signs the keyring with an authority key of his own, making
    /// himself counselor and administrator: alice refuses the keyring.
    func testAKeyringSignedByANonAdministratorIsRefused() throws {
        try school()
        let (secrets, page) = try bobsKeys()
        var ring = try readKeyring()
        let (fakePublic, fakeAuthority) = TierCrypto.signingKeyPair()
        ring.authority = Data(fakePublic).base64EncodedString()
        let m = try XCTUnwrap(ring.members.firstIndex { $0.name == "bob" })
        ring.members[m].roles = [.admin, .counselor, .duty]
        var pass = Array("bob-pass".utf8)
        var slot = try KeySlot.make(kind: .account, name: "bob", roles: [.admin, .counselor, .duty], kdf: .argon2id13,
                                    parameters: Self.tinyKDF, secret: SecretBytes(wiping: &pass), signing: secrets.signing,
                                    authority: fakePublic, fileId: ring.fileId)
        try slot.grant(.page, page, fileId: ring.fileId)
        try slot.grant(.authority, fakeAuthority, fileId: ring.fileId)
        ring.replaceSlot(slot)
        ring.sign(authority: fakeAuthority)
        try writeKeyring(ring)

        assertThrows(.keyringAltered(path: db + ".keys")) { try unlock() }
        // bob's own session believes his forgery, but the clinical key is
        // not among his grants: no role claim gives him a key he never had.
        let bob = try unlock(db, "bob", "bob-pass")
        defer { bob.lock() }
        XCTAssertFalse(bob.roles.contains(.counselor))
        XCTAssertFalse(try bob.tierKeys().holds(.clinical))
        XCTAssertFalse(try bob.tierKeys().holds(.oversight))
    }

    /// bob plants a slot of his own making ("mallory", counselor): it is not
    /// among the members the authority signed, so it does not open, `check`
    /// reports it, and the next rotation drops it: it never receives the
    /// new page key.
    func testAPlantedSlotIsRefusedAndDroppedByTheNextRotation() throws {
        try school()
        let (secrets, page) = try bobsKeys()
        var ring = try readKeyring()
        var pass = Array("mallory-pass".utf8)
        let (_, signing) = TierCrypto.signingKeyPair()
        var planted = try KeySlot.make(kind: .account, name: "mallory", roles: [.counselor], kdf: .argon2id13,
                                       parameters: Self.tinyKDF, secret: SecretBytes(wiping: &pass), signing: signing,
                                       authority: secrets.authority, fileId: ring.fileId)
        try planted.grant(.page, page, fileId: ring.fileId)
        ring.slots.insert(planted, at: 0)
        try writeKeyring(ring)

        assertThrows(.keyringAltered(path: db + ".keys")) { try unlock(db, "mallory", "mallory-pass") }
        let alice = try unlock()
        assertThrows(.keyringSlotsUntrusted(path: db + ".keys", names: ["mallory"])) { _ = try alice.check() }
        try addAccount(alice, "carol", roles: [.duty], passphrase: "carol-pass")
        try alice.removeAccount("carol")
        alice.lock()

        let after = try readKeyring()
        XCTAssertNil(after.slot(named: "mallory"), "the rotation dropped the planted slot")
        // What bob kept of his planted slot holds the old page key only.
        var again = Array("mallory-pass".utf8)
        let mallory = try planted.openSecrets(secret: SecretBytes(wiping: &again), fileId: ring.fileId)
        let stale = try XCTUnwrap(planted.openGrant(.page, boxSecret: mallory.box, fileId: ring.fileId))
        XCTAssertFalse(stale.equals(try currentPageKey()), "the planted slot's key is not the current one")
    }

    /// bob gives himself the counselor's display name, so that his visits
    /// and hand-overs would read as hers; or takes the name off another
    /// account, or gives one to an account that had none. Each edit breaks
    /// the authority's signature: every account, bob's own too, refuses
    /// the keyring, as for a forged role.
    func testADisplayNameEditedInTheHeaderIsRefusedByEveryone() throws {
        let (vault, _) = try create()
        try vault.renameAccount("alice", displayName: "李心怡")
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        try addAccount(vault, "carol", roles: [.duty], passphrase: "carol-pass")
        try vault.renameAccount("bob", displayName: "周明")
        vault.lock()
        let signed = try readKeyring()
        let edits: [(String, (inout Keyring) -> Void)] = [
            ("bob calls himself 李心怡", { ring in ring.members[ring.members.firstIndex { $0.name == "bob" }!].displayName = "李心怡" }),
            ("alice's name removed", { ring in ring.members[ring.members.firstIndex { $0.name == "alice" }!].displayName = nil }),
            ("carol given a name", { ring in ring.members[ring.members.firstIndex { $0.name == "carol" }!].displayName = "李心怡" }),
        ]
        for (what, edit) in edits {
            var ring = signed
            edit(&ring)
            try writeKeyring(ring)
            for (account, passphrase) in [("alice", "alice-pass"), ("bob", "bob-pass"), ("carol", "carol-pass")] {
                assertThrows(.keyringAltered(path: db + ".keys")) { try unlock(db, account, passphrase) }
            }
            XCTAssertNotEqual(ring.headerBytes(), signed.headerBytes(), what)
        }
        try writeKeyring(signed)
        let carol = try unlock(db, "carol", "carol-pass")
        defer { carol.lock() }
        XCTAssertEqual(carol.accounts.map(\.displayName), ["李心怡", "周明", nil], "the signed names, once the edit is undone")
    }

    /// The page key now in force, as alice's slot holds it.
    private func currentPageKey() throws -> SecretBytes {
        let ring = try readKeyring()
        let slot = try XCTUnwrap(ring.slot(named: "alice"))
        var pass = Array("alice-pass".utf8)
        let secrets = try slot.openSecrets(secret: SecretBytes(wiping: &pass), fileId: ring.fileId)
        return try XCTUnwrap(slot.openGrant(.page, boxSecret: secrets.box, fileId: ring.fileId))
    }
}
