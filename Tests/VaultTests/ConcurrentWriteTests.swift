import Foundation
import GRDB
import Vault
import XCTest

/// Several connections and processes on one encrypted store wait for each
/// other instead of failing with "database is locked".
final class ConcurrentWriteTests: SharedStoreTestCase {
    // MARK: - the busy policy, as SQLite sees it

    func testEveryConnectionTheVaultHandsOutHasABusyTimeout() throws {
        let vault = try create().vault
        let pool = try vault.makePool()
        let queue = try vault.makeQueue()
        let timeout = "PRAGMA busy_timeout"
        XCTAssertEqual(CipherRuntime.busyTimeout, 30)
        XCTAssertEqual(try pool.write { db in try Int.fetchOne(db, sql: timeout) }, 30_000, "pool writer")
        XCTAssertEqual(try queue.write { db in try Int.fetchOne(db, sql: timeout) }, 30_000, "queue")
        // GRDB's own timeout for pool readers, which only wait for recovery
        // or a closing connection.
        XCTAssertEqual(try pool.read { db in try Int.fetchOne(db, sql: timeout) }, 10_000, "pool reader")
        // A busy mode the caller chose is kept.
        var own = Configuration()
        own.busyMode = .timeout(5)
        let custom = try vault.makeQueue(configuration: own)
        XCTAssertEqual(try custom.read { db in try Int.fetchOne(db, sql: timeout) }, 5_000)
        for writer in [pool, queue, custom] as [any DatabaseWriter] { try vault.close(writer) }
    }

    /// The busy handler only helps a transaction that takes the write lock
    /// before reading; GRDB's `write` must begin IMMEDIATE.
    func testPoolWritesBeginWithBeginImmediate() throws {
        let vault = try create().vault
        let pool = try vault.makePool()
        defer { _ = try? vault.close(pool) }
        let statements = Shared<[String]>([])
        pool.writeWithoutTransaction { db in
            db.trace { event in statements.update { $0.append(event.description) } }
        }
        try pool.write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        try pool.write { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM t")
            try db.execute(sql: "INSERT INTO t VALUES (1)")
        }
        let begins = statements.value.filter { $0.hasPrefix("BEGIN") }
        XCTAssertEqual(begins, ["BEGIN IMMEDIATE TRANSACTION", "BEGIN IMMEDIATE TRANSACTION"], "\(statements.value)")
    }

    /// One connection holds a write transaction (read first, then write);
    /// another starts a read-then-write transaction meanwhile. It must wait
    /// and commit after the first, not fail with SQLITE_BUSY.
    func testAWriterWaitsForAnotherConnectionsTransactionInsteadOfFailing() throws {
        let vault = try create().vault
        let first = try vault.makePool(), second = try vault.makePool()
        defer { _ = try? vault.close(first); _ = try? vault.close(second) }
        try first.write { db in try db.execute(sql: "CREATE TABLE t(seq INTEGER PRIMARY KEY, who TEXT NOT NULL)") }

        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let firstDone = DispatchSemaphore(value: 0), secondStarting = DispatchSemaphore(value: 0)
        let secondDone = DispatchSemaphore(value: 0)
        let firstResult = Shared<String>("not run"), secondResult = Shared<String>("not run")
        @Sendable func insertNext(_ db: Database, _ who: String) throws {
            let next = try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) + 1 FROM t")!
            try db.execute(sql: "INSERT INTO t(seq, who) VALUES (?, ?)", arguments: [next, who])
        }
        Thread.detachNewThread {
            do {
                try first.write { db in
                    try insertNext(db, "first")
                    holding.signal()
                    release.wait()
                }
                firstResult.value = "ok"
            } catch { firstResult.value = "\(error)" }
            firstDone.signal()
        }
        holding.wait()
        Thread.detachNewThread {
            secondStarting.signal()
            do {
                try second.write { db in try insertNext(db, "second") }
                secondResult.value = "ok"
            } catch { secondResult.value = "\(error)" }
            secondDone.signal()
        }
        secondStarting.wait()
        // Give the second writer time to run into the lock (without a busy
        // handler it fails right there); the assertions do not depend on it.
        usleep(300_000)
        release.signal()
        firstDone.wait()
        secondDone.wait()
        XCTAssertEqual(firstResult.value, "ok")
        XCTAssertEqual(secondResult.value, "ok")
        XCTAssertEqual(try first.read { db in try String.fetchAll(db, sql: "SELECT seq || ':' || who FROM t ORDER BY seq") },
                       ["1:first", "2:second"])
    }
}
