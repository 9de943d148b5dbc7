import Counseling
import Foundation
import GRDB
import Vault
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Removing an account replaces the data key, so whatever the removed
/// person learned (their passphrase, even the old data key) opens nothing
/// written afterwards.
final class KeyRotationTests: VaultTestCase {
    /// alice (admin), bob (duty, to be removed), carol (counselor); rows written.
    @discardableResult
    private func makeStore() throws -> String {
        let (vault, recoveryKey) = try create()
        try writeStudents(vault)
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        try addAccount(vault, "carol", roles: [.counselor], passphrase: "carol-pass")
        vault.lock()
        return recoveryKey
    }

    func testRemovingAnAccountRotatesTheDataKey() throws {
        let recoveryKey = try makeStore()
        let oldDatabase = try XCTUnwrap(contents(db))
        let oldKeyring = try XCTUnwrap(contents(db + ".keys"))

        let admin = try unlock()
        let rows = try studentRows(admin)
        XCTAssertEqual(rows.count, 120)
        try admin.removeAccount("bob")
        XCTAssertEqual(admin.accounts.map(\.name), ["alice", "carol"])
        // The session that rotated goes on working under the new key.
        XCTAssertEqual(try studentRows(admin), rows)
        try admin.backup(to: path("after/backup.db"))
        admin.lock()

        // The removed passphrase opens neither the database nor the backup.
        assertThrows(.unknownAccount(account: "bob")) { try unlock(db, "bob", "bob-pass") }
        assertThrows(.unknownAccount(account: "bob")) { try unlock(path("after/backup.db"), "bob", "bob-pass") }

        // Remaining accounts and the recovery key open it, with every row.
        for (account, passphrase) in [("alice", "alice-pass"), ("carol", "carol-pass")] {
            let session = try unlock(db, account, passphrase)
            XCTAssertEqual(try studentRows(session), rows, account)
            session.lock()
        }
        let recovered = try Vault.unlock(database: db, recoveryKey: recoveryKey)
        XCTAssertEqual(try studentRows(recovered), rows)
        XCTAssertTrue(try recovered.check().isSound)
        recovered.lock()
        XCTAssertFalse(exists(db + ".rotate"))
        XCTAssertFalse(exists(db + ".keys.next"))

        // Every page was re-encrypted: no page of the new file equals the old one.
        let newDatabase = try XCTUnwrap(contents(db))
        let pages = min(oldDatabase.count, newDatabase.count) / Self.pageSize
        XCTAssertGreaterThan(pages, 4)
        for page in 0..<pages {
            let range = (page * Self.pageSize + 24)..<((page + 1) * Self.pageSize)
            XCTAssertNotEqual(newDatabase[range], oldDatabase[range], "page \(page + 1) kept its old ciphertext")
        }

        // Someone who kept the old keyring still holds bob's slot and so the
        // old data key; it reads neither the rotated database nor the backup.
        for (i, target) in [db, path("after/backup.db")].enumerated() {
            let copy = path("stolen-\(i).db")
            try FileManager.default.copyItem(atPath: target, toPath: copy)
            try oldKeyring.write(to: URL(fileURLWithPath: copy + ".keys"))
            let stale = try unlock(copy, "bob", "bob-pass")
            XCTAssertThrowsError(try studentNames(stale), "the old key must not read \(target)")
            assertThrows({ try stale.check() }) { error in
                guard case .tampered(_, let page, _) = error else { return XCTFail("got \(error)") }
                XCTAssertEqual(page, 1)
            }
            stale.lock()
        }
    }

    func testRemovalIsRefusedWhileAPoolFromThisVaultIsAlive() throws {
        try makeStore()
        let admin = try unlock()
        defer { admin.lock() }
        var pool: DatabasePool? = try admin.makePool()
        XCTAssertEqual(try pool?.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM student") }, 120)
        let before = snapshot(storeFiles())

        assertThrows(.inUse(path: db)) { try admin.removeAccount("bob") }
        try pool?.close()
        assertThrows(.inUse(path: db), { try admin.removeAccount("bob") })   // closed but still held
        for file in [db, db + ".keys"] { XCTAssertEqual(contents(file), before[file] ?? nil, file) }

        pool = nil
        try admin.removeAccount("bob")
        XCTAssertEqual(try studentNames(admin), expectedNames())
    }

    /// Another UnlockedVault stands for another xindesk process: it holds
    /// the lock file shared, and rotation needs it alone.
    func testRemovalIsRefusedWhileAnotherSessionHoldsTheDatabase() throws {
        try makeStore()
        let first = try unlock()
        let second = try unlock(db, "carol", "carol-pass")
        let before = snapshot(storeFiles())

        assertThrows(.inUse(path: db)) { try first.removeAccount("bob") }
        // The refused attempt must leave `first` still holding its share of
        // the lock: a third session may not rotate from under it either.
        let third = try unlock()
        second.lock()
        assertThrows(.inUse(path: db)) { try third.removeAccount("bob") }
        for file in [db, db + ".keys"] { XCTAssertEqual(contents(file), before[file] ?? nil, file) }

        first.lock()
        try third.removeAccount("bob")
        XCTAssertEqual(try studentNames(third), expectedNames())
        third.lock()
        assertThrows(.unknownAccount(account: "bob")) { try unlock(db, "bob", "bob-pass") }
    }

    /// A crash after the copy was made but before it replaced the database:
    /// the old database and keyring are still the truth.
    func testInterruptedRotationBeforeTheRenameIsDiscarded() throws {
        try makeStore()
        let before = snapshot([db, db + ".keys"])
        try Data("half-written copy".utf8).write(to: URL(fileURLWithPath: db + ".rotate"))
        try Data("wal of the copy".utf8).write(to: URL(fileURLWithPath: db + ".rotate-wal"))
        var pending = try readKeyring()
        pending.slots.removeAll { $0.name == "bob" }
        let encoder = JSONEncoder()
        try encoder.encode(pending).write(to: URL(fileURLWithPath: db + ".keys.next"))

        let session = try unlock(db, "bob", "bob-pass")
        XCTAssertEqual(try studentNames(session), expectedNames())
        session.lock()
        for leftover in [".rotate", ".rotate-wal", ".keys.next"] {
            XCTAssertFalse(exists(db + leftover), "\(leftover) should have been discarded")
        }
        assertUnchanged(before)
    }

    /// A crash after the re-encrypted copy replaced the database but before
    /// the new keyring was installed: the next unlock installs it.
    func testInterruptedRotationAfterTheRenameIsCompleted() throws {
        try makeStore()
        let oldKeyring = try XCTUnwrap(contents(db + ".keys"))
        let admin = try unlock()
        try admin.removeAccount("bob")
        admin.lock()
        let newKeyring = try XCTUnwrap(contents(db + ".keys"))
        XCTAssertNotEqual(newKeyring, oldKeyring)
        // Put the files back into the state the crash left.
        try FileManager.default.moveItem(atPath: db + ".keys", toPath: db + ".keys.next")
        try oldKeyring.write(to: URL(fileURLWithPath: db + ".keys"))

        let carol = try unlock(db, "carol", "carol-pass")
        XCTAssertEqual(try studentNames(carol), expectedNames())
        carol.lock()
        XCTAssertFalse(exists(db + ".keys.next"))
        XCTAssertEqual(contents(db + ".keys"), newKeyring)
        assertThrows(.unknownAccount(account: "bob")) { try unlock(db, "bob", "bob-pass") }
    }

    /// A rotation that another xindesk is running right now (it holds the
    /// lock file exclusively) is not an interrupted one: unlock must not
    /// delete its files, or the rotation could install a keyring for a
    /// database it never renamed into place.
    func testUnlockLeavesARotationInProgressAlone() throws {
        try makeStore()
        let rotator = open(db + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(rotator, 0)
        XCTAssertEqual(flock(rotator, LOCK_EX), 0)
        try Data("copy being written".utf8).write(to: URL(fileURLWithPath: db + ".rotate"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: db + ".keys.next"))

        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let database = db
        Thread.detachNewThread {
            var passphrase = Array("carol-pass".utf8)
            do {
                let session = try Vault.unlock(database: database, account: "carol", passphrase: &passphrase)
                session.lock()
                outcome.set("unlocked")
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertTrue(exists(db + ".rotate"), "unlock deleted the copy of a running rotation")
        XCTAssertTrue(exists(db + ".keys.next"), "unlock deleted the keyring of a running rotation")
        // The rotator gives up and cleans up after itself, then lets go.
        try? FileManager.default.removeItem(atPath: db + ".rotate")
        try? FileManager.default.removeItem(atPath: db + ".keys.next")
        close(rotator)

        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(outcome.value, "unlocked")
    }
}

/// A result handed from a background thread.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = ""
    var value: String { lock.withLock { stored } }
    func set(_ s: String) { lock.withLock { stored = s } }
}

extension KeyRotationTests {
    /// An unlock holds the lock file from before it reads the keyring: a
    /// rotation that ran while it was still deriving its key (Argon2id takes
    /// a while at real settings) would hand it the old data key for a
    /// database already under the new one.
    func testRemovalIsRefusedWhileAnotherUnlockIsDerivingItsKey() throws {
        let (vault, _) = try create()
        try writeStudents(vault)
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-pass")
        // carol's slot is slow to open on purpose.
        var slow = Array("carol-pass".utf8)
        try vault.addAccount("carol", roles: [.counselor], passphrase: &slow,
                             kdf: KDFParameters(opsLimit: 12, memLimit: 64 << 20))
        vault.lock()

        let admin = try unlock()
        defer { admin.lock() }
        let started = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let outcome = Outcome(), unlocked = Outcome()
        let database = db
        Thread.detachNewThread {
            var passphrase = Array("carol-pass".utf8)
            started.signal()
            do {
                let carol = try Vault.unlock(database: database, account: "carol", passphrase: &passphrase)
                unlocked.set("\(Date().timeIntervalSinceReferenceDate)")
                let queue = try carol.makeQueue()
                let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM student") }
                try queue.close()
                carol.lock()
                outcome.set("read \(count ?? -1)")
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        started.wait()
        // Long enough for carol's unlock to take the lock file, well short
        // of her key derivation (checked below).
        Thread.sleep(forTimeInterval: 0.15)
        let tried = Date().timeIntervalSinceReferenceDate
        // The removal waits for carol's session to end instead of rotating
        // the key from under it.
        XCTAssertNoThrow(try admin.removeAccount("bob"))
        let removed = Date().timeIntervalSinceReferenceDate
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(outcome.value, "read 120")
        XCTAssertGreaterThan(Double(unlocked.value) ?? 0, tried,
                             "carol's unlock must still have been deriving when the removal was tried")
        XCTAssertGreaterThan(removed, Double(unlocked.value) ?? .infinity, "the rotation waited for carol")
    }
}

extension KeyRotationTests {
    /// Accounts are added and passphrases changed without the exclusive
    /// lock, so another xindesk may have changed the keyring since this
    /// session unlocked. Removing an account must start from the keyring on
    /// disk: rewriting the one read at unlock dropped new accounts and gave
    /// back a replaced (perhaps leaked) passphrase its power.
    func testRemovalKeepsKeyringChangesMadeByAnotherSessionSinceUnlock() throws {
        try makeStore()
        let admin = try unlock()
        defer { admin.lock() }

        // Meanwhile, in another window: dave is added (a passphrase change
        // would wait for this session: it rotates the page key too).
        let other = try unlock()
        try addAccount(other, "dave", roles: [.head], passphrase: "dave-pass")
        other.lock()

        try admin.removeAccount("carol")
        XCTAssertEqual(admin.accounts.map(\.name), ["alice", "bob", "dave"])
        for (account, passphrase) in [("bob", "bob-pass"), ("dave", "dave-pass")] {
            let session = try unlock(db, account, passphrase)
            XCTAssertEqual(try studentNames(session), expectedNames(), account)
            session.lock()
        }
        assertThrows(.unknownAccount(account: "carol")) { try unlock(db, "carol", "carol-pass") }
    }
}
