import Counseling
import Foundation
@testable import Vault
import XCTest

/// An account's display name (周明 for `zhouming`) lives in the keyring's
/// signed header beside its roles: every account reads it, only an
/// administrator (who holds the authority key) gives or changes it, and a
/// keyring written before display names keeps its signature.
final class DisplayNameTests: VaultTestCase {
    private func addAccount(_ vault: UnlockedVault, _ name: String, displayName: String?, roles: [Role],
                            passphrase: String) throws {
        var bytes = Array(passphrase.utf8)
        try vault.addAccount(name, displayName: displayName, roles: roles, passphrase: &bytes, kdf: Self.tinyKDF)
    }

    func testDisplayNamesGivenAtCreateAndAddAreSignedAndReadByEveryAccount() throws {
        var pass = Array("alice-pass".utf8)
        let (vault, _) = try Vault.create(database: db, account: "alice", displayName: "李心怡", roles: [.admin, .counselor],
                                          passphrase: &pass, kdf: Self.tinyKDF)
        try addAccount(vault, "zhouming", displayName: "周明", roles: [.duty], passphrase: "zhou-pass")
        try addAccount(vault, "bob", displayName: nil, roles: [.duty], passphrase: "bob-pass")
        vault.lock()

        let ring = try readKeyring()
        XCTAssertEqual(ring.members.map(\.displayName), ["李心怡", nil, "周明", nil], "alice, recovery, zhouming, bob")
        let zhou = try unlock(db, "zhouming", "zhou-pass")
        defer { zhou.lock() }
        XCTAssertEqual(zhou.accounts.map(\.name), ["alice", "zhouming", "bob"])
        XCTAssertEqual(zhou.accounts.map(\.displayName), ["李心怡", "周明", nil])
        XCTAssertEqual(zhou.accountKeys.map(\.displayName), ["李心怡", "周明", nil])
    }

    /// Renaming signs the header again; the slot, its keys and the data
    /// stay. A passphrase reset (which re-adds the member with a new
    /// signing key) and a key rotation keep the name.
    func testAnAdministratorRenamesAnAccountAndTheNameSurvivesResetAndRotation() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        try addAccount(vault, "zhaomin", displayName: nil, roles: [.duty], passphrase: "zhao-pass")
        try vault.renameAccount("zhaomin", displayName: "赵敏")
        XCTAssertEqual(vault.accounts.first { $0.name == "zhaomin" }?.displayName, "赵敏")
        var fresh = Array("zhao-new-pass".utf8)
        try vault.changePassphrase(of: "zhaomin", to: &fresh, kdf: Self.tinyKDF)
        try addAccount(vault, "carol", displayName: "Carol Wu", roles: [.duty], passphrase: "carol-pass")
        try vault.removeAccount("carol")
        vault.lock()

        XCTAssertEqual(try readKeyring().displayName(of: "zhaomin"), "赵敏")
        let zhao = try unlock(db, "zhaomin", "zhao-new-pass")
        defer { zhao.lock() }
        XCTAssertEqual(zhao.accounts.map(\.displayName), [nil, "赵敏"])
        XCTAssertEqual(try studentNames(zhao), expectedNames(), "the data is still readable after the rename")
    }

    func testOnlyAnAdministratorRenamesAndOnlyAccountsThatExist() throws {
        let (vault, _) = try create()
        try addAccount(vault, "bob", displayName: "周明", roles: [.duty, .head], passphrase: "bob-pass")
        assertThrows(.unknownAccount(account: "nobody")) { try vault.renameAccount("nobody", displayName: "某某") }
        vault.lock()
        let before = snapshot([db + ".keys"])
        let bob = try unlock(db, "bob", "bob-pass")
        defer { bob.lock() }
        assertThrows(.notPermitted(account: "bob", action: "rename accounts")) { try bob.renameAccount("bob", displayName: "周老师") }
        assertThrows(.notPermitted(account: "bob", action: "rename accounts")) { try bob.renameAccount("alice", displayName: "某某") }
        assertUnchanged(before)
    }

    /// Spaces between words are fine in a display name (Li Xinyi); what
    /// would make two people look alike, or not show at all, is refused,
    /// at `init`, `user add` and rename alike, and nothing changes.
    func testDisplayNamesThatWouldMisleadAreRefused() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        try addAccount(vault, "bob", displayName: "Li Xinyi", roles: [.duty], passphrase: "bob-pass")
        let before = snapshot([db + ".keys"])
        for name in ["", " 周明", "周明 ", "Li  Xinyi", "周\u{3000}明", "周\u{200B}明", "\u{202E}明周", "周明\u{1B}[31m", "周\n明",
                     String(repeating: "王", count: 33)] {
            assertThrows(.invalidDisplayName(name: name)) { try vault.renameAccount("bob", displayName: name) }
            assertThrows(.invalidDisplayName(name: name)) {
                try addAccount(vault, "carol", displayName: name, roles: [.duty], passphrase: "carol-pass")
            }
        }
        assertUnchanged(before)
        var pass = Array("dave-pass".utf8)
        assertThrows(.invalidDisplayName(name: "周\u{200B}明")) {
            try Vault.create(database: path("other.db"), account: "dave", displayName: "周\u{200B}明", roles: [.admin],
                             passphrase: &pass, kdf: Self.tinyKDF)
        }
        XCTAssertFalse(exists(path("other.db")), "nothing created")
    }

    /// A keyring signed before display names existed has members without
    /// the field: its header encodes exactly as the earlier code encoded it
    /// (rebuilt here by hand), so its signature still verifies, and its
    /// accounts are called by their names.
    func testAKeyringWithoutDisplayNamesEncodesAsBeforeAndStillUnlocks() throws {
        let (vault, _) = try create()
        try addAccount(vault, "bob", displayName: nil, roles: [.duty], passphrase: "bob-pass")
        vault.lock()
        let text = try XCTUnwrap(String(data: XCTUnwrap(contents(db + ".keys")), encoding: .utf8))
        XCTAssertFalse(text.contains("displayName"), "no field is written for an account without a display name")

        // Nor a reporting key (issue 20), which is encoded the same way: only when there is one.
        var ring = try readKeyring()
        ring.reporting = nil
        var w = CanonicalWriter()
        w.add("xindesk-keyring-header-v2"); w.add(ring.format); w.add(String(ring.version)); w.add(ring.fileId)
        w.add(ring.authority); w.add(ring.clinicalPublicKey); w.add(ring.oversightCheck)
        for m in ring.members.sorted(by: { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }) {
            w.add(m.kind.rawValue); w.add(m.name); w.add(m.roles.sorted().map(\.rawValue).joined(separator: ","))
            w.add(m.signingKey)
        }
        w.add("signers")
        for s in ring.signers { w.add(s.name); w.add(s.signingKey) }
        XCTAssertEqual(ring.headerBytes(), w.bytes)

        let bob = try unlock(db, "bob", "bob-pass")
        defer { bob.lock() }
        XCTAssertEqual(bob.accounts.map(\.displayName), [nil, nil])
    }
}
