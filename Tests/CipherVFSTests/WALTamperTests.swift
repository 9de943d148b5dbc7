import CipherVFS
import Foundation
import GRDB
import GRDBSQLite
import XCTest

/// A WAL that was tampered with is refused when SQLite recovers it (the
/// store does not open, the files stay as they are) and reported by
/// `xcipher_verify_wal`, naming the frame; a WAL that a crash left (a torn
/// last frame, a transaction never committed) still recovers every commit.
final class WALTamperTests: CipherTestCase {
    private let rowsPerTransaction = 30

    /// The database file and a WAL holding `transactions` committed
    /// transactions of `rowsPerTransaction` rows each (table `t` itself is in
    /// the database file), copied while the writer was still open, as a crash
    /// would leave them.
    private func makeWAL(transactions: Int = 5) throws -> (database: [UInt8], wal: WALFile) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let q = try queue(journal: "WAL")
        try q.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try q.write { db in try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, tx INTEGER, v TEXT)") }
        try q.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        for tx in 1...transactions { try insert(q, tx) }
        let files = (contents(db), WALFile(bytes: contents(db + "-wal")))
        try q.close()
        XCTAssertEqual(files.1.commitFrames.count, transactions)
        XCTAssertGreaterThanOrEqual(files.1.frames(ofTransaction: 2).count, 3, "transaction 2 spans several frames")
        return files
    }

    private func insert(_ writer: any DatabaseWriter, _ tx: Int) throws {
        try writer.write { db in
            for i in 0..<rowsPerTransaction {
                try db.execute(sql: "INSERT INTO t(tx, v) VALUES (?, ?)",
                               arguments: [tx, String(repeating: "事务\(tx)行\(i) ", count: 25)])
            }
        }
    }

    /// Puts the database and `wal` in place, as a copy or a crash leaves them.
    private func install(_ database: [UInt8], _ wal: WALFile) {
        write(database, to: db)
        write(wal.bytes, to: db + "-wal")
        try? FileManager.default.removeItem(atPath: db + "-shm")
    }

    /// Rows per transaction after opening the database the usual way.
    private func transactionsRecovered() throws -> [Int: Int] {
        let q = try queue(journal: "WAL")
        defer { try? q.close() }
        let rows = try q.read { db in try Row.fetchAll(db, sql: "SELECT tx, count(*) AS n FROM t GROUP BY tx") }
        XCTAssertEqual(try q.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }, ["ok"])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["tx"] as Int, $0["n"] as Int) })
    }

    private func verifyWAL() -> (rc: Int32, failure: xcipher_failure) {
        var failure = xcipher_failure()
        var frames: Int64 = 0
        let rc = xcipher_verify_wal(db, key, fileId, &failure, &frames)
        return (rc, failure)
    }

    private func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
    }

    /// The tampered WAL is reported (naming `frame`, 0 for the header) and
    /// refused at open, and nothing on disk changes.
    private func assertTampered(_ wal: WALFile, database: [UInt8], frame: UInt32, _ label: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        install(database, wal)
        let verdict = verifyWAL()
        XCTAssertEqual(verdict.rc, SQLITE_IOERR_DATA_CODE, "\(label): check", file: file, line: line)
        XCTAssertEqual(verdict.failure.kind, XCIPHER_FILE_WAL, label, file: file, line: line)
        XCTAssertEqual(string(verdict.failure.path), db + "-wal", label, file: file, line: line)
        XCTAssertEqual(verdict.failure.page, frame, "\(label): \(string(verdict.failure.reason))", file: file, line: line)
        XCTAssertFalse(string(verdict.failure.reason).isEmpty, label, file: file, line: line)

        xcipher_failure_clear()
        XCTAssertThrowsError(try transactionsRecovered(), "\(label): opened", file: file, line: line) { error in
            XCTAssertEqual((error as? DatabaseError)?.extendedResultCode.rawValue, SQLITE_IOERR_DATA_CODE,
                           "\(label): \(error)", file: file, line: line)
        }
        var failure = xcipher_failure()
        XCTAssertEqual(xcipher_last_failure(&failure), 1, label, file: file, line: line)
        XCTAssertEqual(failure.kind, XCIPHER_FILE_WAL, label, file: file, line: line)
        XCTAssertEqual(failure.page, frame, label, file: file, line: line)
        XCTAssertTrue(string(failure.path).hasSuffix("/test.db-wal"), string(failure.path), file: file, line: line)
        // Refused means untouched: SQLite neither checkpointed nor rewrote it.
        XCTAssertEqual(contents(db), database, "\(label): the database changed", file: file, line: line)
        XCTAssertEqual(contents(db + "-wal"), wal.bytes, "\(label): the WAL changed", file: file, line: line)
    }

    // MARK: - the review's nine cases

    func testAFlippedByteOfTheWALHeaderIsReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        for offset in [0, 3, 5, 10, 14] {   // magic, version, page size, checkpoint sequence
            var wal = original
            wal.flip(offset)
            assertTampered(wal, database: database, frame: 0, "header byte \(offset)")
        }
    }

    func testEachChangedSaltIsReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        for offset in [16, 19, 20, 23] {
            var wal = original
            wal.flip(offset)
            assertTampered(wal, database: database, frame: 0, "salt byte \(offset)")
            // The header checksum is not keyed: recomputing it changes nothing.
            wal.recomputeHeaderChecksum()
            assertTampered(wal, database: database, frame: 0, "salt byte \(offset), checksum recomputed")
        }
    }

    func testAChangedHeaderChecksumIsReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        for offset in [24, 31] {
            var wal = original
            wal.flip(offset)
            assertTampered(wal, database: database, frame: 0, "checksum byte \(offset)")
        }
        // The checkpoint sequence changed and the checksum recomputed: the
        // header is valid, but the frames' checksums chain from the old one,
        // so recovery would stop at frame 1.
        var wal = original
        wal.setUInt32(original.uint32(at: 12) + 1, at: 12)
        wal.recomputeHeaderChecksum()
        assertTampered(wal, database: database, frame: 1, "checkpoint sequence, checksum recomputed")
    }

    func testAChangedCommitFieldIsReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        let tx2 = original.frames(ofTransaction: 2)
        var wal = original
        wal.setUInt32(0, at: wal.offset(ofFrame: tx2.upperBound) + 4)   // transaction 2 no longer commits
        assertTampered(wal, database: database, frame: UInt32(tx2.upperBound), "commit cleared")
        wal = original
        wal.setUInt32(original.commitField(ofFrame: tx2.upperBound), at: wal.offset(ofFrame: tx2.lowerBound) + 4)
        assertTampered(wal, database: database, frame: UInt32(tx2.lowerBound), "half of transaction 2 made a commit")
    }

    func testAChangedPageNumberIsReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        let frame = original.frames(ofTransaction: 2).lowerBound + 1
        var wal = original
        wal.setUInt32(original.pageNumber(ofFrame: frame) + 1, at: wal.offset(ofFrame: frame))
        assertTampered(wal, database: database, frame: UInt32(frame), "page number of frame \(frame)")
    }

    func testSwappedFramesAreReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        let tx2 = original.frames(ofTransaction: 2)
        for (a, b) in [(tx2.lowerBound, tx2.lowerBound + 1), (1, original.frameCount)] {
            var wal = original
            wal.swapFrames(a, b)
            assertTampered(wal, database: database, frame: UInt32(a), "frames \(a) and \(b) swapped")
        }
    }

    func testADroppedMiddleFrameIsReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        let frame = original.frames(ofTransaction: 2).lowerBound + 1
        var wal = original
        wal.removeFrames(frame...frame)
        assertTampered(wal, database: database, frame: UInt32(frame), "frame \(frame) dropped")
    }

    /// Transaction 2 cut short in the middle, transaction 3 (and the rest)
    /// kept behind the cut.
    func testACommittedTransactionCutShortBeforeTheNextIsReportedAndRefused() throws {
        let (database, original) = try makeWAL()
        let tx2 = original.frames(ofTransaction: 2)
        var wal = original
        wal.removeFrames((tx2.lowerBound + 1)...tx2.upperBound)
        assertTampered(wal, database: database, frame: UInt32(tx2.lowerBound + 1), "transaction 2 cut short")
    }

    // MARK: - more of the same

    func testAChangedFrameChecksumOrSaltBeforeALaterCommitIsReported() throws {
        let (database, original) = try makeWAL()
        let frame = original.frames(ofTransaction: 3).lowerBound
        for (offset, what) in [(20, "checksum"), (9, "salt-1"), (14, "salt-2")] {
            var wal = original
            wal.flip(wal.offset(ofFrame: frame) + offset)
            assertTampered(wal, database: database, frame: UInt32(frame), "\(what) of frame \(frame)")
        }
        var wal = original
        wal.flip(wal.offset(ofFrame: frame) + 24 + 1000)   // the page itself
        assertTampered(wal, database: database, frame: UInt32(frame), "page of frame \(frame)")
    }

    func testAFrameFromAnotherCopyOfTheWALIsReported() throws {
        let (database, original) = try makeWAL()
        // The same slot of a WAL written later with other rows: authentic,
        // but of another generation than this header.
        let (_, other) = try makeWAL()
        let frame = original.frames(ofTransaction: 2).lowerBound
        var wal = original
        let range = wal.offset(ofFrame: frame)..<wal.offset(ofFrame: frame) + WALFile.frameSize
        wal.bytes.replaceSubrange(range, with: other.bytes[range])
        install(database, wal)
        XCTAssertEqual(verifyWAL().rc, SQLITE_IOERR_DATA_CODE)
        XCTAssertThrowsError(try transactionsRecovered())
    }

    func testAnIntactWALVerifiesAndRecoversEveryTransaction() throws {
        let (database, wal) = try makeWAL()
        install(database, wal)
        var failure = xcipher_failure()
        var frames: Int64 = 0
        XCTAssertEqual(xcipher_verify_wal(db, key, fileId, &failure, &frames), SQLITE_OK)
        XCTAssertEqual(frames, Int64(wal.frameCount))
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30, 3: 30, 4: 30, 5: 30])
        var all = xcipher_failure()
        var pages: Int64 = 0
        XCTAssertEqual(xcipher_verify(db, key, fileId, &all, &pages), SQLITE_OK)
    }

    // MARK: - what a crash leaves still recovers

    /// A transaction larger than the cache spills frames into the WAL before
    /// it commits; the files are copied at that moment (a crash mid-
    /// transaction), and again with its last frame cut in half.
    func testACrashMidTransactionAndATornLastFrameRecoverEveryCommit() throws {
        let (database, wal) = try makeWAL(transactions: 3)
        install(database, wal)
        let q = try queue(journal: "WAL")
        var inFlight: (database: [UInt8], wal: WALFile)?
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = 2")
            try db.execute(sql: "BEGIN IMMEDIATE")
            for i in 0..<400 {
                try db.execute(sql: "INSERT INTO t(tx, v) VALUES (4, ?)", arguments: [String(repeating: "未提交\(i) ", count: 30)])
            }
            inFlight = (contents(self.db), WALFile(bytes: contents(self.db + "-wal")))
            try db.execute(sql: "ROLLBACK")
        }
        try q.close()
        let crash = try XCTUnwrap(inFlight)
        XCTAssertGreaterThan(crash.wal.frameCount, wal.frameCount + 5, "the transaction spilled frames")

        install(crash.database, crash.wal)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30, 3: 30])

        var torn = crash.wal
        torn.truncate(to: torn.bytes.count - WALFile.frameSize / 2)
        install(crash.database, torn)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30, 3: 30])

        // A frame torn by the crash (its header written, its page not):
        // SQLite's header over the page that was there before.
        var halfWritten = crash.wal
        let last = halfWritten.frameCount
        halfWritten.setUInt32(halfWritten.pageNumber(ofFrame: last) + 7, at: halfWritten.offset(ofFrame: last))
        install(crash.database, halfWritten)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30, 3: 30])
    }

    /// A torn commit frame loses its transaction and nothing else, as a crash
    /// during that commit would (it was never reported committed).
    func testATornCommitFrameLosesOnlyItsTransaction() throws {
        let (database, original) = try makeWAL(transactions: 3)
        var wal = original
        wal.truncate(to: wal.bytes.count - 2060)
        install(database, wal)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30])
    }

    /// The limit of what the WAL alone can tell: cut back to a point inside a
    /// transaction, with nothing after the cut, it is the WAL a crash while
    /// that transaction was written would have left. Like replacing the
    /// files with an older copy, it is a rollback nobody can detect from
    /// the files (README, threat model).
    func testAWALCutBackLooksLikeACrashAndRollsBack() throws {
        let (database, original) = try makeWAL()
        var wal = original
        wal.truncate(to: wal.offset(ofFrame: original.frames(ofTransaction: 2).lowerBound + 1) + 1000)
        install(database, wal)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30])
    }

    /// SQLite rewrites a page it already spilled in the same transaction in
    /// place, writes the frames after it with zero salts and checksums, and
    /// fixes those at commit: both states recover.
    func testPagesRewrittenInPlaceBeforeCommitRecover() throws {
        let (database, wal) = try makeWAL(transactions: 2)
        install(database, wal)
        let q = try queue(journal: "WAL")
        var pending: (database: [UInt8], wal: WALFile)?
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = 2")
            try db.execute(sql: "BEGIN IMMEDIATE")
            for i in 0..<200 {
                try db.execute(sql: "INSERT INTO t(tx, v) VALUES (3, ?)", arguments: [String(repeating: "重写\(i) ", count: 30)])
            }
            // Every spilled page changed again: more than the cache holds,
            // so they are spilled again, rewritten in place.
            try db.execute(sql: "UPDATE t SET v = v || '改' WHERE tx = 3")
            for i in 0..<50 {
                try db.execute(sql: "INSERT INTO t(tx, v) VALUES (3, ?)", arguments: [String(repeating: "后\(i) ", count: 30)])
            }
            pending = (contents(self.db), WALFile(bytes: contents(self.db + "-wal")))
            try db.execute(sql: "COMMIT")
        }
        let committed = (contents(db), WALFile(bytes: contents(db + "-wal")))
        XCTAssertEqual(try q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE tx = 3") }, 250)
        try q.close()

        let before = try XCTUnwrap(pending)
        XCTAssertTrue((1...before.wal.frameCount).contains { before.wal.uint32(at: before.wal.offset(ofFrame: $0) + 8) == 0 },
                      "some frames wait for their checksums (zero salts)")
        install(before.database, before.wal)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30])

        install(committed.0, committed.1)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30, 3: 250])
    }

    /// Frames of older generations (the WAL restarted after a checkpoint)
    /// behind the current ones are leftovers, not tampering.
    func testLeftoversOfAnEarlierGenerationAreNotTampering() throws {
        let q = try queue(journal: "WAL")
        try q.write { db in try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, tx INTEGER, v TEXT)") }
        for tx in 1...6 { try insert(q, tx) }
        try q.writeWithoutTransaction { db in _ = try db.checkpoint(.restart) }
        try insert(q, 7)   // restarts the WAL: a new header, frames from 1 again
        try insert(q, 8)
        let files = (contents(db), WALFile(bytes: contents(db + "-wal")))
        try q.close()
        let wal = files.1
        XCTAssertGreaterThan(wal.frameCount, wal.frames(ofTransaction: 2).upperBound, "older frames remain behind the new ones")
        XCTAssertNotEqual(wal.uint32(at: 12), 0, "the checkpoint sequence moved")
        install(files.0, wal)
        XCTAssertEqual(verifyWAL().rc, SQLITE_OK)
        XCTAssertEqual(try transactionsRecovered(), [1: 30, 2: 30, 3: 30, 4: 30, 5: 30, 6: 30, 7: 30, 8: 30])

        // A crash right after the restart's header was written, before its
        // first frame: the older frames are all in the database.
        do {
            let q = try queue(journal: "WAL")
            try q.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try insert(q, 9)
            try insert(q, 10)
            try q.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
            let before = WALFile(bytes: contents(db + "-wal"))
            try insert(q, 11)   // restarts
            let restarted = WALFile(bytes: contents(db + "-wal"))
            let database = contents(db)
            try q.close()
            var crash = before
            crash.bytes.replaceSubrange(0..<32, with: restarted.bytes[0..<32])
            XCTAssertNotEqual(crash.uint32(at: 16), before.uint32(at: 16))
            install(database, crash)
            XCTAssertEqual(verifyWAL().rc, SQLITE_OK, "a restart cut short by a crash")
            XCTAssertEqual(try transactionsRecovered().count, 10)
        }

        // An older header put back over the new frames is not.
        var older = wal
        older.setUInt32(wal.uint32(at: 12) - 1, at: 12)
        older.setUInt32(wal.uint32(at: 16) - 1, at: 16)
        older.recomputeHeaderChecksum()
        assertTampered(older, database: files.0, frame: 0, "an older header")
    }
}
