import Counseling
import Foundation
@testable import Vault
import XCTest

/// The school's reporting key (issue 20): one Ed25519 key per school that
/// signs what goes to the district, its public half vouched for by the
/// authority-signed keyring header, its secret granted to heads of
/// guidance, administrators and the recovery key, and to nobody else.
final class ReportingKeyTests: VaultTestCase {
    func testANewSchoolsReportingKeyIsSignedIntoTheHeaderAndHeldByHeadsAndAdministratorsOnly() throws {
        let (alice, recoveryKey) = try create()
        try addAccount(alice, "bob", roles: [.duty], passphrase: "bob-pass")
        try addAccount(alice, "carol", roles: [.counselor], passphrase: "carol-pass")
        try addAccount(alice, "dan", roles: [.head], passphrase: "dan-pass")
        let key = try XCTUnwrap(alice.reportingPublicKey)
        XCTAssertTrue(alice.holdsReportingKey)
        let signature = try alice.signReport(Array("figures".utf8))
        XCTAssertTrue(TierCrypto.verify(signature, of: Array("figures".utf8), publicKey: key))
        alice.lock()

        let dan = try unlock(db, "dan", "dan-pass")
        XCTAssertTrue(dan.holdsReportingKey, "a head holds it")
        XCTAssertTrue(TierCrypto.verify(try dan.signReport([1, 2]), of: [1, 2], publicKey: key))
        dan.lock()
        for (name, pass) in [("bob", "bob-pass"), ("carol", "carol-pass")] {
            let v = try unlock(db, name, pass)
            XCTAssertEqual(v.reportingPublicKey, key, "everyone reads the public half")
            XCTAssertFalse(v.holdsReportingKey, name)
            assertThrows(.notPermitted(account: name, action: "sign district reports without the school's reporting key")) {
                try v.signReport([1])
            }
            XCTAssertThrowsError(try v.openSealedToReportingKey([UInt8](repeating: 0, count: 80)))
            v.lock()
        }
        let recovery = try Vault.unlock(database: db, recoveryKey: recoveryKey)
        XCTAssertTrue(recovery.holdsReportingKey)
        recovery.lock()

        // The header vouches for the key: another one written into the file is refused.
        var ring = try readKeyring()
        let (otherPublic, _) = TierCrypto.signingKeyPair()
        ring.reporting = Data(otherPublic).base64EncodedString()
        try writeKeyring(ring)
        assertThrows(.keyringAltered(path: db + ".keys")) { try unlock(db, "dan", "dan-pass") }
    }

    func testAKeyringMadeBeforeReportsGetsItsKeyAtAnAdministratorsUnlock() throws {
        let (alice, _) = try create()
        try addAccount(alice, "dan", roles: [.head], passphrase: "dan-pass")
        try addAccount(alice, "erin", roles: [.head], passphrase: "erin-pass")
        try addAccount(alice, "carol", roles: [.counselor], passphrase: "carol-pass")
        alice.lock()
        try removeReportingKey()

        // A head works as before, without the key; a head cannot make it.
        let dan = try unlock(db, "dan", "dan-pass")
        XCTAssertEqual(dan.roles, [.head])
        XCTAssertNil(dan.reportingPublicKey)
        XCTAssertFalse(dan.holdsReportingKey)
        XCTAssertEqual(dan.accountKeys.first { $0.name == "dan" }?.waiting, [], "the head role is not waiting")
        _ = dan.grantWaiting()
        XCTAssertNil(try readKeyring().reporting)
        dan.lock()

        // The administrator's unlock makes it, signs it into the header and grants it.
        let admin = try unlock()
        _ = admin.grantWaiting()
        let key = try XCTUnwrap(admin.reportingPublicKey)
        XCTAssertTrue(admin.holdsReportingKey, "usable in the session that made it")
        XCTAssertTrue(TierCrypto.verify(try admin.signReport([7]), of: [7], publicKey: key))
        admin.lock()
        let ring = try readKeyring()
        XCTAssertEqual(ring.reporting, Data(key).base64EncodedString())
        XCTAssertEqual(Set(ring.slots.filter { $0.grants[.reporting] != nil }.map(\.name)), ["alice", "dan", "erin", "recovery"])

        for (name, pass) in [("alice", "alice-pass"), ("dan", "dan-pass"), ("erin", "erin-pass")] {
            let v = try unlock(db, name, pass)
            XCTAssertTrue(v.holdsReportingKey, name)
            XCTAssertEqual(v.reportingPublicKey, key, name)
            v.lock()
        }
        let carol = try unlock(db, "carol", "carol-pass")
        XCTAssertFalse(carol.holdsReportingKey)
        carol.lock()
    }

    /// Turns the keyring into one written before district reports: no
    /// reporting key in the header, none granted, signed again by the
    /// authority (alice's, opened with her passphrase).
    private func removeReportingKey() throws {
        var ring = try readKeyring()
        let slot = try XCTUnwrap(ring.slot(named: "alice"))
        var pass = Array("alice-pass".utf8)
        let secrets = try slot.openSecrets(secret: SecretBytes(wiping: &pass), fileId: ring.fileId)
        let authority = try XCTUnwrap(slot.openGrant(.authority, boxSecret: secrets.box, fileId: ring.fileId))
        ring.reporting = nil
        for i in ring.slots.indices { ring.slots[i].grants[.reporting] = nil }
        ring.sign(authority: authority)
        try writeKeyring(ring)
    }
}
