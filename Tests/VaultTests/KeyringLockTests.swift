import Counseling
import Foundation
import Vault
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Every keyring change takes `<db>.keys.lock` exclusively, re-reads the
/// keyring inside it, changes it and writes it back: two sessions changing
/// it at once (each its own `UnlockedVault`, as two processes would be)
/// both keep their change. Reading it earlier and writing it back later
/// lost one of two accounts added at once, and a passphrase change raced
/// by an added account.
final class KeyringLockTests: VaultTestCase {
    /// Dearer than `tinyKDF`, so that the slot's key derivation (between
    /// reading the keyring and writing it) takes some milliseconds: without
    /// the lock both sessions then read the same keyring.
    static let slowerKDF = KDFParameters(opsLimit: 1, memLimit: 32 << 20)

    /// Runs `first` and `second` on two threads started together; returns
    /// what each threw, if anything.
    private func together(_ first: @escaping @Sendable () throws -> Void,
                          _ second: @escaping @Sendable () throws -> Void) -> [String] {
        let errors = Shared<[String]>([])
        let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        for body in [first, second] {
            Thread.detachNewThread {
                ready.signal()
                go.wait()
                do { try body() } catch { errors.update { $0.append("\(error)") } }
                done.signal()
            }
        }
        ready.wait(); ready.wait()
        go.signal(); go.signal()
        done.wait(); done.wait()
        return errors.value
    }

    func testTwoSessionsAddingAccountsAtOnceKeepBothTenTimesOutOfTen() throws {
        let (admin, _) = try create()
        admin.lock()
        for round in 0..<10 {
            let one = try unlock(), other = try unlock()
            let errors = together({
                var p = Array("first-passphrase".utf8)
                try one.addAccount("first\(round)", roles: [.duty], passphrase: &p, kdf: Self.slowerKDF)
            }, {
                var p = Array("second-passphrase".utf8)
                try other.addAccount("second\(round)", roles: [.counselor], passphrase: &p, kdf: Self.slowerKDF)
            })
            one.lock(); other.lock()
            XCTAssertEqual(errors, [], "round \(round)")
            let names = Set(try Vault.accounts(database: db).map(\.name))
            XCTAssertTrue(names.isSuperset(of: ["first\(round)", "second\(round)"]), "round \(round): \(names.sorted())")
        }
        XCTAssertEqual(try Vault.accounts(database: db).count, 21, "alice and 20 added")
        // The keyring is whole and verified: each added account opens.
        try unlock(db, "first9", "first-passphrase").lock()
        try unlock(db, "second9", "second-passphrase").lock()
    }

    func testAPassphraseChangeRacingAnAddedAccountKeepsBothTenTimesOutOfTen() throws {
        let (admin, _) = try create()
        try addAccount(admin, "bob", roles: [.duty], passphrase: "bob-passphrase-0")
        admin.lock()
        for round in 0..<10 {
            let alice = try unlock(), bob = try unlock(db, "bob", "bob-passphrase-\(round)")
            // As two `xindesk user` commands do: each session ends when its
            // change is made. The passphrase change rotates the page key, so
            // it waits for alice's session to end.
            let errors = together({
                var p = Array("carol-passphrase".utf8)
                defer { alice.lock() }
                try alice.addAccount("carol\(round)", roles: [.counselor], passphrase: &p, kdf: Self.slowerKDF)
            }, {
                var p = Array("bob-passphrase-\(round + 1)".utf8)
                defer { bob.lock() }
                try bob.changePassphrase(of: "bob", to: &p, kdf: Self.slowerKDF)
            })
            XCTAssertEqual(errors, [], "round \(round)")
            XCTAssertTrue(try Vault.accounts(database: db).contains { $0.name == "carol\(round)" }, "round \(round)")
            try unlock(db, "bob", "bob-passphrase-\(round + 1)").lock()
        }
        // Once, at the end: a wrong passphrase makes bob's next unlock wait
        // (PassphraseThrottle), and each round above starts with one.
        assertThrows(.wrongPassphrase(account: "bob")) { try unlock(db, "bob", "bob-passphrase-9") }
    }

    /// The lock is honoured: while someone else holds `<db>.keys.lock` a
    /// change waits, and goes through once it is released. Sessions that are
    /// merely open (holding `<db>.lock` shared) do not hold it up.
    func testAKeyringChangeWaitsForTheKeyringLockAndOnlyForIt() throws {
        let (vault, _) = try create()
        let bystander = try unlock()   // an open workstation
        defer { vault.lock(); bystander.lock() }
        let holder = open(db + ".keys.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(holder, 0)
        XCTAssertEqual(flock(holder, LOCK_EX), 0)
        let finished = DispatchSemaphore(value: 0)
        let outcome = Shared<String>("running")
        Thread.detachNewThread {
            var p = Array("bob-passphrase".utf8)
            do {
                try vault.addAccount("bob", roles: [.duty], passphrase: &p, kdf: Self.tinyKDF)
                outcome.value = "added"
            } catch { outcome.value = "\(error)" }
            finished.signal()
        }
        XCTAssertEqual(finished.wait(timeout: .now() + 0.5), .timedOut, "the change must wait for the lock")
        XCTAssertEqual(outcome.value, "running")
        XCTAssertFalse(try Vault.accounts(database: db).contains { $0.name == "bob" })
        close(holder)
        XCTAssertEqual(finished.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(outcome.value, "added")
        XCTAssertEqual(try Vault.accounts(database: db).map(\.name), ["alice", "bob"])
        XCTAssertEqual(try mode(db + ".keys.lock"), 0o600)
    }

    func testOnlyAnAdministratorWritesABackup() throws {
        // An administrator who is also a counselor, so the head and the
        // counselor added get their tier keys at once (see
        // `AccessGrantTests` for an administrator who is not).
        let (admin, _) = try create(roles: [.admin, .counselor])
        for (name, roles) in [("duty", [Role.duty]), ("head", [.head]), ("counselor", [.counselor])] {
            try addAccount(admin, name, roles: roles, passphrase: "\(name)-passphrase")
            let session = try unlock(db, name, "\(name)-passphrase")
            let backup = path("\(name)/backup.db")
            assertThrows(.notPermitted(account: name, action: "make backups")) { try session.backup(to: backup) }
            session.lock()
            XCTAssertFalse(exists(backup))
            XCTAssertFalse(exists(backup + ".keys"))
        }
        try admin.backup(to: path("admin/backup.db"))
        admin.lock()
        try unlock(path("admin/backup.db"), "duty", "duty-passphrase").lock()
    }
}
