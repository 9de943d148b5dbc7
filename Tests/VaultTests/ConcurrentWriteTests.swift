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

    // MARK: - migrations

    /// Two migrations; after the first commits, `raceAfterFirst` runs (once),
    /// standing for another process that migrates in between.
    private func migrator(raceAfterFirst: (@Sendable () -> Void)?) -> DatabaseMigrator {
        let once = Shared(raceAfterFirst)
        var m = DatabaseMigrator()
        m.registerMigration("one") { db in
            try db.execute(sql: "CREATE TABLE one(x)")
            if let race = once.value {
                once.value = nil
                db.afterNextTransaction(onCommit: { _ in race() })
            }
        }
        m.registerMigration("two") { db in
            try db.execute(sql: "CREATE TABLE two(x); INSERT INTO two VALUES ('applied')")
        }
        return m
    }

    /// Runs `migrate` on one connection while another connection migrates
    /// the same database in between GRDB's look at what is applied and its
    /// second migration. Returns what the other connection's run reported.
    private func race(_ migrate: (DatabaseMigrator, DatabasePool) throws -> Void) throws -> (error: Error?, other: String) {
        let vault = try create().vault
        let pool = try vault.makePool(), other = try vault.makePool()
        defer { _ = try? vault.close(pool); _ = try? vault.close(other) }
        let otherResult = Shared("did not run")
        let plain = migrator(raceAfterFirst: nil)
        let racing = migrator(raceAfterFirst: {
            do { try plain.migrate(other); otherResult.value = "migrated" } catch { otherResult.value = "\(error)" }
        })
        var error: Error?
        do { try migrate(racing, pool) } catch let e { error = e }
        XCTAssertEqual(try pool.read { db in try plain.appliedIdentifiers(db) }, ["one", "two"])
        XCTAssertEqual(try pool.read { db in try String.fetchAll(db, sql: "SELECT x FROM two") }, ["applied"],
                       "a migration must never be applied twice")
        return (error, otherResult.value)
    }

    /// The control: the race is real, and GRDB's plain `migrate` fails on it
    /// ("table two already exists"), as Store.init would on two
    /// workstations starting together.
    func testTheRaceMakesPlainMigrateFail() throws {
        let (error, other) = try race { migrator, pool in try migrator.migrate(pool) }
        XCTAssertEqual(other, "migrated")
        XCTAssertNotNil(error, "GRDB's migrate was expected to fail when another connection migrated in between")
    }

    func testMigrateConcurrentlyGetsPastAnotherConnectionMigratingInBetween() throws {
        let (error, other) = try race { migrator, pool in try migrator.migrateConcurrently(pool) }
        XCTAssertEqual(other, "migrated")
        XCTAssertNil(error)
    }

    /// A migration that fails by itself is still reported, not retried forever.
    func testMigrateConcurrentlyStillReportsABrokenMigration() throws {
        let vault = try create().vault
        let pool = try vault.makePool()
        defer { _ = try? vault.close(pool) }
        var m = DatabaseMigrator()
        m.registerMigration("fine") { db in try db.execute(sql: "CREATE TABLE fine(x)") }
        m.registerMigration("broken") { db in try db.execute(sql: "INSERT INTO missing VALUES (1)") }
        XCTAssertThrowsError(try m.migrateConcurrently(pool)) { error in
            XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_ERROR, "\(error)")
        }
        XCTAssertEqual(try pool.read { db in try m.appliedIdentifiers(db) }, ["fine"])
    }

    // MARK: - several processes

    var writerBinary: URL {
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("store-writer") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Reads from `handle` until a whole line has arrived; returns it.
    private func readLine(_ handle: FileHandle) -> String {
        var data = Data()
        while !data.contains(0x0A) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Four processes open the new store, migrate it and commit 25
    /// read-then-insert transactions each, all started at the same moment:
    /// none fails, every row is there with one sequence number each, and
    /// after the last clean close the `.db` and `.keys` alone hold them all.
    func testFourProcessesWritingAtOnceCommitEveryRowWithoutAFailure() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: writerBinary.path), "store-writer not built")
        try create().vault.lock()
        let writers = ["w0", "w1", "w2", "w3"], perWriter = 25

        var children: [(process: Process, input: Pipe, output: Pipe, errors: Pipe)] = []
        for name in writers {
            let p = Process()
            p.executableURL = writerBinary
            p.arguments = [db, "alice", name, String(perWriter)]
            var env = ProcessInfo.processInfo.environment
            env["STORE_WRITER_PASSPHRASE"] = "alice-pass"
            p.environment = env
            let input = Pipe(), output = Pipe(), errors = Pipe()
            p.standardInput = input
            p.standardOutput = output
            p.standardError = errors
            try p.run()
            children.append((p, input, output, errors))
        }
        // Every child has unlocked; now all open, migrate and write at once.
        for child in children {
            XCTAssertEqual(readLine(child.output.fileHandleForReading), "ready")
        }
        for child in children {
            child.input.fileHandleForWriting.write(Data("go\n".utf8))
            try child.input.fileHandleForWriting.close()
        }
        var outcomes: [String] = []
        for (name, child) in zip(writers, children) {
            let out = String(decoding: child.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let err = String(decoding: child.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.process.waitUntilExit()
            XCTAssertEqual(child.process.terminationStatus, 0, "\(name): \(out) \(err)")
            XCTAssertTrue(out.hasPrefix("wrote \(perWriter) failed 0 close "), "\(name): \(out) \(err)")
            outcomes.append(out.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        XCTAssertEqual(walSize() ?? 0, 0, "after the last clean close the WAL is empty or gone (\(outcomes))")
        let rows = try copyOfDatabaseAndKeys("SELECT writer || ':' || n FROM t ORDER BY writer, n", table: "t")
        assertRows(rows, writers.flatMap { w in (0..<perWriter).map { "\(w):\($0)" } })
        assertRows(try copyOfDatabaseAndKeys("SELECT seq FROM t ORDER BY seq", table: "t"),
                   (1...(writers.count * perWriter)).map(String.init), "(one transaction at a time)")
        XCTAssertEqual(try copyOfDatabaseAndKeys("SELECT identifier FROM grdb_migrations ORDER BY identifier",
                                                 table: "grdb_migrations"), ["t", "t-by-writer"])
        XCTAssertEqual(try copyOfDatabaseAndKeys("PRAGMA integrity_check", table: "t"), ["ok"])
    }
}
