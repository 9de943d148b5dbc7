import CipherVFS
import Foundation
import GRDB
import GRDBSQLite
import XCTest

/// What the app and GRDB ask of SQLite keeps working through the cipher.
final class CompatibilityTests: CipherTestCase {
    private func makeTable(_ w: any DatabaseWriter, rows: Int = 200) throws {
        try w.write { db in
            try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, payload BLOB)")
            for i in 0..<rows {
                try db.execute(sql: "INSERT INTO t(name, payload) VALUES (?, randomblob(300))", arguments: ["名字\(i)"])
            }
        }
    }

    private func count(_ r: any DatabaseReader) throws -> Int {
        try r.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t")! }
    }

    func testDatabasePoolReadsWhatItWroteAndSurvivesReopen() throws {
        let p = try pool()
        try makeTable(p)
        XCTAssertEqual(try p.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }, "wal")
        XCTAssertEqual(try count(p), 200)
        try p.close()
        let again = try pool()
        XCTAssertEqual(try count(again), 200)
        XCTAssertEqual(try again.read { db in try String.fetchOne(db, sql: "SELECT name FROM t WHERE id = 7") }, "名字6")
    }

    func testDatabaseQueueInRollbackModeReadsWhatItWrote() throws {
        let q = try queue()
        try makeTable(q)
        XCTAssertEqual(try q.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }, "delete")
        XCTAssertEqual(try count(q), 200)
    }

    func testNestedSavepointsRollBackOnlyTheirPart() throws {
        let q = try queue()
        try makeTable(q, rows: 0)
        try q.write { db in
            try db.execute(sql: "INSERT INTO t(name) VALUES ('outer')")
            try db.inSavepoint {
                try db.execute(sql: "INSERT INTO t(name) VALUES ('kept')")
                try db.inSavepoint {
                    try db.execute(sql: "INSERT INTO t(name) VALUES ('dropped')")
                    return .rollback
                }
                return .commit
            }
            try db.execute(sql: "SAVEPOINT s1")
            try db.execute(sql: "INSERT INTO t(name) VALUES ('rolled back')")
            try db.execute(sql: "ROLLBACK TO s1")
            try db.execute(sql: "RELEASE s1")
        }
        XCTAssertEqual(try q.read { db in try String.fetchAll(db, sql: "SELECT name FROM t ORDER BY id") }, ["outer", "kept"])
    }

    func testBlobsOverOneMegabyteRoundTrip() throws {
        let p = try pool()
        var rng = SystemRandomNumberGenerator()
        let blob = Data((0..<(3 << 20)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        try p.write { db in
            try db.execute(sql: "CREATE TABLE b(id INTEGER PRIMARY KEY, data BLOB)")
            try db.execute(sql: "INSERT INTO b(data) VALUES (?)", arguments: [blob])
        }
        try p.close()
        let again = try pool()
        XCTAssertEqual(try again.read { db in try Data.fetchOne(db, sql: "SELECT data FROM b") }, blob)
    }

    func testTinyCacheSpillsMidTransactionAndRollsBackCleanly() throws {
        let q = try queue()
        try makeTable(q)
        try q.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = 2") }
        // A transaction far larger than the cache: SQLite spills dirty pages
        // to the database mid-transaction, writing more journal headers.
        struct Abort: Error {}
        XCTAssertThrowsError(try q.write { db in
            try db.execute(sql: "UPDATE t SET payload = randomblob(900)")
            try db.execute(sql: "INSERT INTO t(name, payload) SELECT name || '副本', randomblob(500) FROM t")
            throw Abort()
        })
        XCTAssertEqual(try count(q), 200)
        try q.write { db in try db.execute(sql: "INSERT INTO t(name, payload) SELECT name || '副本', randomblob(500) FROM t") }
        XCTAssertEqual(try count(q), 400)
        XCTAssertEqual(try q.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }, ["ok"])
    }

    func testVacuumKeepsEveryRow() throws {
        let q = try queue()
        try makeTable(q, rows: 500)
        try q.write { db in try db.execute(sql: "DELETE FROM t WHERE id % 2 = 0") }
        let before = contents(db).count
        try q.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        XCTAssertLessThan(contents(db).count, before)
        XCTAssertEqual(try count(q), 250)
        XCTAssertEqual(try q.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }, ["ok"])
    }

    func testVacuumIntoWritesAnEncryptedCopy() throws {
        let p = try pool()
        try makeTable(p)
        let target = dir + "/copy.db"
        let targetKey = Self.random(32), targetId = Self.random(12)
        try register(target, key: targetKey, fileId: targetId)
        defer { _ = xcipher_key_remove(target) }
        try p.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [target]) }
        let copy = contents(target)
        XCTAssertEqual(Array(copy[0..<4]), Array("XDK\u{1}".utf8))
        XCTAssertEqual(Array(copy[4..<16]), targetId)
        XCTAssertFalse(Self.contains(copy, Array("名字1".utf8)))
        let q = try queue(target)
        XCTAssertEqual(try count(q), 200)
        try q.close()
        _ = xcipher_key_remove(target)
        XCTAssertThrowsError(try { let q = try queue(target); _ = try count(q) }())
    }

    func testEveryCheckpointModeKeepsTheData() throws {
        let p = try pool()
        try makeTable(p)
        for mode in ["PASSIVE", "FULL", "RESTART", "TRUNCATE"] {
            try p.write { db in
                try db.execute(sql: "INSERT INTO t(name) VALUES (?)", arguments: ["after \(mode)"])
            }
            // A reader holds a snapshot across the checkpoint.
            let snapshot = try p.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t")! }
            let result = try p.writeWithoutTransaction { db in
                try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(\(mode))")!
            }
            XCTAssertEqual(result[0] as Int, 0, "\(mode) reported busy")
            XCTAssertEqual(try count(p), snapshot)
        }
        XCTAssertEqual(contents(db + "-wal").count, 0, "TRUNCATE empties the WAL")
        try p.close()
        XCTAssertEqual(try count(try pool()), 204)
    }

    func testOpeningWithoutAKeyFails() throws {
        let q = try queue()
        try makeTable(q)
        try q.close()
        _ = xcipher_key_remove(db)
        XCTAssertThrowsError(try { let q = try queue(); _ = try count(q) }())
        let fresh = dir + "/never-keyed.db"
        XCTAssertThrowsError(try { let q = try queue(fresh); try makeTable(q) }())
        XCTAssertEqual(contents(fresh).count, 0, "nothing may be written without a key")
    }

    func testPageSizeAndMmapPragmasAreRefused() throws {
        let q = try queue()
        try makeTable(q)
        XCTAssertThrowsError(try q.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA page_size = 8192") })
        XCTAssertThrowsError(try q.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA mmap_size = 1048576") })
        XCTAssertEqual(try q.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }, 4096)
    }

    func testDatabaseWithoutReservedBytesCannotBeWritten() throws {
        // GRDB without the cipher's configuration: no reserved bytes, so
        // the first write of page 1 does not have the format's shape.
        let q = try DatabaseQueue(path: db)
        XCTAssertThrowsError(try q.write { db in try db.execute(sql: "CREATE TABLE t(x)") })
        XCTAssertEqual(contents(db).count, 0)
    }

    func testTemporaryTablesAndSortsStayInMemory() throws {
        let q = try queue()
        try makeTable(q, rows: 2000)
        let names = try q.write { db -> [String] in
            try db.execute(sql: "CREATE TEMP TABLE scratch AS SELECT name FROM t")
            return try String.fetchAll(db, sql: "SELECT name FROM scratch ORDER BY name DESC LIMIT 3")
        }
        XCTAssertEqual(names.count, 3)
    }

    func testTwoProcessesWritingAtOnceLoseNoRow() throws {
        let p = try pool()
        try p.write { db in try db.execute(sql: "CREATE TABLE rows(writer TEXT, n INTEGER, PRIMARY KEY(writer, n))") }
        let children = try ["a", "b"].map { writer -> Process in
            let c = try torture(["write", db, Self.hex(key), Self.hex(fileId), writer, "300"])
            c.standardError = FileHandle.standardError
            try c.run()
            return c
        }
        // This process writes at the same time, through its own pool.
        for n in 0..<300 {
            try p.write { db in try db.execute(sql: "INSERT INTO rows(writer, n) VALUES ('test', ?)", arguments: [n]) }
        }
        for c in children {
            c.waitUntilExit()
            XCTAssertEqual(c.terminationStatus, 0)
        }
        let counts = try p.read { db in
            try Row.fetchAll(db, sql: "SELECT writer, count(*) AS c, count(DISTINCT n) AS d FROM rows GROUP BY writer ORDER BY writer")
                .map { "\($0["writer"] as String)=\($0["c"] as Int)/\($0["d"] as Int)" }
        }
        XCTAssertEqual(counts, ["a=300/300", "b=300/300", "test=300/300"])
        XCTAssertEqual(try p.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }, ["ok"])
    }
}
