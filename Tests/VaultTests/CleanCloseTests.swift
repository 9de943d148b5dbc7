import Foundation
import GRDB
import Vault
import XCTest

/// `UnlockedVault.close(_:)`: nothing is left only in the WAL after the last
/// user closes cleanly, and a reader elsewhere does not make closing fail.
final class CleanCloseTests: SharedStoreTestCase {
    /// Another workstation keeps the store open (so SQLite's own
    /// checkpoint-on-last-close cannot happen) while this one writes, reads
    /// and closes: the clean close alone must move every commit into the
    /// `.db` file.
    func testCleanCloseLeavesEveryCommitInTheDatabaseFileWhileAnotherConnectionIsOpen() throws {
        let vault = try create().vault
        let elsewhere = try vault.makePool()
        XCTAssertEqual(try elsewhere.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }, 0)

        let pool = try vault.makePool()
        try insertStudents(pool, 0..<80)
        try insertStudents(pool, 80..<120)
        // The control: so far the commits are only in the WAL, and a copy of
        // the .db and .keys has none of them. (Without this the test below
        // could pass with a close that did nothing.)
        XCTAssertGreaterThan(walSize() ?? 0, 0)
        assertRows(try copyOfDatabaseAndKeys(Self.everyStudentRow), [])

        XCTAssertEqual(try vault.close(pool), .checkpointed)
        XCTAssertEqual(walSize() ?? 0, 0, "the WAL must be empty or gone after a clean close")
        assertRows(try copyOfDatabaseAndKeys(Self.everyStudentRow), expectedRows(0..<120))
        XCTAssertThrowsError(try pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }, "the pool is closed")

        // The other workstation still works, sees everything, and closes last.
        XCTAssertEqual(try elsewhere.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM student") }, 120)
        try insertStudents(elsewhere, 120..<130)
        XCTAssertEqual(try vault.close(elsewhere), .checkpointed)
        XCTAssertEqual(walSize() ?? 0, 0)
        assertRows(try copyOfDatabaseAndKeys(Self.everyStudentRow), expectedRows(0..<130))
        XCTAssertEqual(try copyOfDatabaseAndKeys("PRAGMA integrity_check"), ["ok"])
    }

    /// A reader in another connection holds a snapshot that uses the WAL:
    /// the checkpoint cannot finish. The close must not fail (the writer is
    /// closed all the same, the WAL kept), and the reader's own clean close
    /// later finishes the job.
    func testAReaderElsewhereDoesNotFailTheCloseAndTheLaterCloserCheckpoints() throws {
        let vault = try create().vault
        let pool = try vault.makePool()
        try insertStudents(pool, 0..<60)
        let reader = try vault.makePool()

        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let seen = Shared<Int?>(nil)
        Thread.detachNewThread {
            seen.value = try? reader.read { db -> Int in
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM student")!
                holding.signal()
                release.wait()
                return n
            }
            done.signal()
        }
        holding.wait()
        let outcome: CloseOutcome
        do {
            outcome = try vault.close(pool, checkpointPatience: 0.2)
        } catch {
            release.signal()
            done.wait()
            throw error
        }
        XCTAssertEqual(outcome, .walKept)
        XCTAssertGreaterThan(walSize() ?? 0, 0, "the WAL still holds the frames the reader uses")
        XCTAssertThrowsError(try pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }, "closed even so")
        release.signal()
        done.wait()
        XCTAssertEqual(seen.value, 60)

        XCTAssertEqual(try vault.close(reader), .checkpointed)
        XCTAssertEqual(walSize() ?? 0, 0)
        assertRows(try copyOfDatabaseAndKeys(Self.everyStudentRow), expectedRows(0..<60))
    }

    /// `lock()` after a clean close, twice; and a clean close after `lock()`
    /// (the open files keep their key), on a pool and on a queue.
    func testLockAndCloseWorkInEitherOrder() throws {
        let first = try create().vault
        let pool = try first.makePool()
        try insertStudents(pool, 0..<20)
        XCTAssertEqual(try first.close(pool), .checkpointed)
        first.lock()
        first.lock()
        XCTAssertTrue(first.isLocked)
        XCTAssertEqual(try first.close(pool), .alreadyClosed, "closing again does nothing")
        assertThrows(.notPermitted(account: "alice", action: "work while locked")) { try first.makePool() }

        let second = try unlock()
        let pool2 = try second.makePool()
        let queue = try second.makeQueue()
        try insertStudents(pool2, 20..<40)
        try insertStudents(queue, 40..<50)
        second.lock()
        XCTAssertEqual(try second.close(pool2), .checkpointed)
        XCTAssertEqual(try second.close(queue), .checkpointed)
        XCTAssertEqual(try second.close(queue), .alreadyClosed)
        second.lock()
        XCTAssertEqual(walSize() ?? 0, 0)
        assertRows(try copyOfDatabaseAndKeys(Self.everyStudentRow), expectedRows(0..<50))
    }

    /// A writer closed through the vault no longer counts as open for key
    /// rotation, even while the caller still holds it (a session that
    /// keeps its closed pool in a property).
    func testAClosedWriterNoLongerBlocksRemovingAnAccount() throws {
        let vault = try create().vault
        try addAccount(vault, "bob", roles: [.counselor], passphrase: "bob-pass")
        let pool = try vault.makePool()
        try insertStudents(pool, 0..<10)
        assertThrows(.inUse(path: vault.paths.database)) { try vault.removeAccount("bob") }
        try withExtendedLifetime(pool) {
            XCTAssertEqual(try vault.close(pool), .checkpointed)
            try vault.removeAccount("bob")
        }
        XCTAssertEqual(vault.accounts.map(\.name), ["alice"])
        XCTAssertEqual(try studentNames(vault), expectedNames(10))
    }
}
