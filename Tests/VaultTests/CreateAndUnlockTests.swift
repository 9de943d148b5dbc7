import Counseling
import Foundation
import GRDB
import GRDBSQLite
import Vault
import XCTest

final class CreateAndUnlockTests: VaultTestCase {
    func testCreateThenUnlockGivesAWorkingPoolAndQueue() throws {
        let (created, _) = try create()
        XCTAssertEqual(created.account, "alice")
        XCTAssertEqual(created.roles, [.counselor, .admin])
        created.lock()

        let vault = try unlock()
        defer { vault.lock() }
        XCTAssertFalse(vault.isLocked)

        let pool = try vault.makePool()
        XCTAssertEqual(try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }, "wal")
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE student(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            try db.execute(sql: "INSERT INTO student(name) VALUES ('李雷'), ('Han Meimei')")
        }
        XCTAssertEqual(try pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM student ORDER BY id") },
                       ["李雷", "Han Meimei"])
        try pool.close()

        let queue = try vault.makeQueue()
        try queue.write { db in try db.execute(sql: "INSERT INTO student(name) VALUES ('韩梅梅')") }
        XCTAssertEqual(try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM student ORDER BY id") },
                       ["李雷", "Han Meimei", "韩梅梅"])
        try queue.close()

        // And the rows survive a lock and a fresh unlock.
        vault.lock()
        let again = try unlock()
        defer { again.lock() }
        XCTAssertEqual(try again.makeQueue().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM student") }, 3)
    }

    func testCreateAndUnlockWipeThePassphraseArray() throws {
        var passphrase = Array("alice-pass".utf8)
        let (created, _) = try Vault.create(database: db, account: "alice", roles: [.admin],
                                            passphrase: &passphrase, kdf: Self.tinyKDF)
        created.lock()
        XCTAssertEqual(passphrase, [], "create must wipe the passphrase bytes")

        passphrase = Array("alice-pass".utf8)
        let vault = try Vault.unlock(database: db, account: "alice", passphrase: &passphrase)
        vault.lock()
        XCTAssertEqual(passphrase, [], "unlock must wipe the passphrase bytes")

        passphrase = Array("not-alice-pass".utf8)
        XCTAssertThrowsError(try Vault.unlock(database: db, account: "alice", passphrase: &passphrase))
        XCTAssertEqual(passphrase, [], "a failed unlock must wipe the passphrase bytes too")

        passphrase = Array("alice-pass".utf8)
        XCTAssertThrowsError(try Vault.create(database: db, account: "alice", roles: [.admin],
                                              passphrase: &passphrase, kdf: Self.tinyKDF))
        XCTAssertEqual(passphrase, [], "a refused create must wipe the passphrase bytes too")
    }

    func testWrongPassphraseIsReportedAndChangesNoByte() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        try writeStudents(vault)
        // Keep a pool open with committed frames in the WAL, as a running
        // workstation would have while someone mistypes in another window.
        let pool = try vault.makePool()
        try pool.write { db in try db.execute(sql: "UPDATE student SET class = '9年级1班' WHERE id < 10") }
        XCTAssertTrue(exists(db + "-wal"))
        let before = snapshot(storeFiles())
        let listing = try folderListing()

        assertThrows(.wrongPassphrase(account: "alice")) { try unlock(db, "alice", "alice-pasS") }
        // The next one waits (see PassphraseThrottleTests); an empty one is no guess at all.
        assertThrows(.throttled(account: "alice", seconds: 1)) { try unlock(db, "alice", "alice-pasX") }
        assertThrows(.passphraseTooShort(minimum: 8)) { try unlock(db, "alice", "") }

        assertUnchanged(before)
        // Only the throttle, which counts wrong passphrases, and its lock appear.
        XCTAssertEqual(try folderListing(), (listing + ["school.db.throttle", "school.db.throttle.lock"]).sorted(),
                       "no other file may appear or disappear")
        try pool.close()
    }

    func testUnknownAccountIsReported() throws {
        try create().vault.lock()
        assertThrows(.unknownAccount(account: "mallory")) { try unlock(db, "mallory", "alice-pass") }
        // The recovery slot is not an account one can name.
        assertThrows(.unknownAccount(account: "recovery")) { try unlock(db, "recovery", "alice-pass") }
    }

    func testMissingDatabaseIsReported() throws {
        let missing = path("nowhere/school.db")
        assertThrows(.databaseMissing(path: missing)) { try unlock(missing, "alice", "alice-pass") }
        XCTAssertFalse(exists(path("nowhere")), "unlock must not create folders or files")
    }

    func testMissingKeyringIsReported() throws {
        try create().vault.lock()
        try FileManager.default.removeItem(atPath: db + ".keys")
        assertThrows(.keyringMissing(path: db + ".keys")) { try unlock() }
    }

    func testPlainSQLiteFileIsNotAnXindeskDatabase() throws {
        let plain = path("plain.db")
        try makePlainSQLiteDatabase(at: plain)
        assertThrows(.notXindeskDatabase(path: plain)) { try unlock(plain, "alice", "alice-pass") }

        // Even with a (real) keyring beside it, it is not ours.
        try create().vault.lock()
        try FileManager.default.copyItem(atPath: db + ".keys", toPath: plain + ".keys")
        assertThrows(.notXindeskDatabase(path: plain)) { try unlock(plain, "alice", "alice-pass") }
    }

    func testCreateRefusesExistingFilesAndChangesNothing() throws {
        // An existing plain database.
        let plain = path("plain.db")
        try makePlainSQLiteDatabase(at: plain)
        var before = snapshot(storeFiles(plain))
        var listing = try folderListing()
        assertThrows(.databaseExists(path: plain)) { try create(plain) }
        assertUnchanged(before)
        XCTAssertEqual(try folderListing(), listing)

        // An existing xindesk store: neither the database nor its keyring is touched.
        let (vault, _) = try create()
        try writeStudents(vault)
        vault.lock()
        before = snapshot(storeFiles())
        listing = try folderListing()
        assertThrows(.databaseExists(path: db)) { try create(db, account: "mallory", passphrase: "mallory-pass") }
        assertUnchanged(before)
        XCTAssertEqual(try folderListing(), listing)

        // A leftover keyring or WAL alone also blocks a new database there,
        // and so do the leftovers of a crashed key rotation: the next unlock
        // would install that old pending keyring over the new one.
        for (i, leftover) in [".keys", "-wal", ".keys.next", ".rotate"].enumerated() {
            let other = path("other\(i).db")
            try Data("leftover".utf8).write(to: URL(fileURLWithPath: other + leftover))
            before = snapshot(storeFiles(other))
            assertThrows(.databaseExists(path: other + leftover)) { try create(other) }
            assertUnchanged(before)
        }
    }

    func testStoreFilesAreOwnerOnly() throws {
        let (vault, _) = try create()
        defer { vault.lock() }
        let pool = try vault.makePool()
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE t(x)")
            try db.execute(sql: "INSERT INTO t VALUES ('x')")
        }
        for file in [db, db + ".keys", db + ".lock", db + "-wal", db + "-shm"] {
            XCTAssertTrue(exists(file), "\(file) should exist while a pool is open")
            XCTAssertEqual(try mode(file), 0o600, "\(file) must be readable by its owner only")
        }
        try pool.close()
    }

    /// Switching accounts opens the new session before the old one is
    /// locked; the cipher VFS holds one key per path for the whole process,
    /// so locking the old session must not pull the key from the new one.
    func testLockingOneSessionLeavesAnotherSessionOnTheSameDatabaseWorking() throws {
        let (first, _) = try create()
        try writeStudents(first)
        try addAccount(first, "bob", roles: [.duty], passphrase: "bob-pass")
        let second = try unlock(db, "bob", "bob-pass")
        first.lock()
        XCTAssertEqual(try studentNames(second), expectedNames())
        second.lock()
        XCTAssertThrowsError(try DatabaseQueue(path: db, configuration: CipherRuntime.configuration())
            .read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM student") },
            "after the last session locked, the key must be gone")
    }

    // MARK: -

    /// A plain SQLite database on the "unix" VFS (the cipher VFS, which is
    /// the process default, would refuse to create it without a key).
    func makePlainSQLiteDatabase(at path: String) throws {
        var handle: OpaquePointer?
        XCTAssertEqual(sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "unix"), SQLITE_OK)
        defer { sqlite3_close(handle) }
        XCTAssertEqual(sqlite3_exec(handle, "CREATE TABLE t(x); INSERT INTO t VALUES ('plain');", nil, nil, nil),
                       SQLITE_OK)
        XCTAssertEqual(contents(path)?.prefix(16), Data("SQLite format 3\0".utf8))
    }
}
