import CipherVFS
import Foundation
import GRDB
import GRDBSQLite
import XCTest

/// Any change to the file ends in an error on open or read, never in rows
/// that differ from what was stored; `xcipher_verify` names the page.
final class TamperTests: CipherTestCase {
    /// A deterministic generator, so a failing case can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private let pageSize = Int(XCIPHER_PAGE_SIZE)

    /// Builds a database of a few dozen pages in rollback mode (everything in
    /// the main file) and returns its bytes and rows.
    private func makeDatabase(at path: String) throws -> (bytes: [UInt8], rows: [[String]]) {
        let q = try queue(path)
        try q.write { db in
            try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, note TEXT)")
            try db.execute(sql: "CREATE INDEX t_name ON t(name)")
            for i in 0..<400 {
                try db.execute(sql: "INSERT INTO t(name, note) VALUES (?, ?)",
                               arguments: ["学生\(i)", String(repeating: "记录\(i) ", count: 8)])
            }
        }
        let rows = try readAll(q)
        try q.close()
        return (contents(path), rows)
    }

    private func readAll(_ q: DatabaseQueue) throws -> [[String]] {
        try q.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, note FROM t ORDER BY id").map { r in
                [String(r["id"] as Int64), r["name"] as String, r["note"] as String]
            }
        }
    }

    enum Outcome: Equatable { case failed, sameRows }

    /// Opens the tampered file, reads every row and runs integrity_check.
    private func outcome(_ bytes: [UInt8], expected: [[String]]) -> Outcome {
        write(bytes, to: db)
        do {
            let q = try queue()
            defer { try? q.close() }
            let rows = try readAll(q)
            let check = try q.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            XCTAssertEqual(rows, expected, "tampering produced different rows")
            XCTAssertEqual(check, ["ok"])
            return .sameRows
        } catch {
            return .failed
        }
    }

    private func verify(_ bytes: [UInt8]) -> (rc: Int32, page: UInt32) {
        write(bytes, to: db)
        var failure = xcipher_failure()
        var pages: Int64 = 0
        let rc = xcipher_verify(db, key, fileId, &failure, &pages)
        return (rc, failure.page)
    }

    func testFlippingAnyByteOfPageOneHeaderFails() throws {
        let (original, rows) = try makeDatabase(at: db)
        for offset in 0..<Int(XCIPHER_PAGE1_CLEAR_BYTES) {
            var bytes = original
            bytes[offset] ^= 0x01
            XCTAssertEqual(outcome(bytes, expected: rows), .failed, "byte \(offset) of page 1")
            XCTAssertEqual(verify(bytes).rc, SQLITE_NOTADB, "byte \(offset) of page 1")
        }
    }

    func testFlippingRandomBytesOfCiphertextNonceOrTagFailsAndNamesThePage() throws {
        let (original, rows) = try makeDatabase(at: db)
        let pages = original.count / pageSize
        XCTAssertGreaterThan(pages, 10)
        var rng = SplitMix64(state: 0x5EED_0001)
        let regions: [(String, Range<Int>)] = [
            ("ciphertext", 0..<(pageSize - 40)), ("nonce", (pageSize - 40)..<(pageSize - 16)), ("tag", (pageSize - 16)..<pageSize),
        ]
        for round in 0..<240 {
            let (region, range) = regions[round % regions.count]
            let page = Int.random(in: 0..<pages, using: &rng)
            var within = Int.random(in: range, using: &rng)
            if page == 0 && region == "ciphertext" { within = max(within, 24) }
            var bytes = original
            bytes[page * pageSize + within] ^= UInt8.random(in: 1...255, using: &rng)
            let label = "round \(round): \(region) byte \(within) of page \(page + 1)"
            XCTAssertEqual(outcome(bytes, expected: rows), .failed, label)
            let v = verify(bytes)
            XCTAssertEqual(v.page, UInt32(page + 1), label)
            XCTAssertEqual(v.rc, page == 0 ? SQLITE_NOTADB : SQLITE_IOERR_DATA_CODE, label)
        }
    }

    func testReadingATamperedPageRecordsWhichPageFailed() throws {
        let (original, _) = try makeDatabase(at: db)
        var bytes = original
        bytes[5 * pageSize + 100] ^= 0x80
        write(bytes, to: db)
        xcipher_failure_clear()
        XCTAssertThrowsError(try { let q = try queue(); defer { try? q.close() }; _ = try readAll(q) }())
        var failure = xcipher_failure()
        XCTAssertEqual(xcipher_last_failure(&failure), 1)
        XCTAssertEqual(failure.page, 6)
        XCTAssertEqual(failure.kind, XCIPHER_FILE_DB)
    }

    func testSwappingTwoPagesFails() throws {
        let (original, rows) = try makeDatabase(at: db)
        let pages = original.count / pageSize
        var rng = SplitMix64(state: 0x5EED_0002)
        for _ in 0..<40 {
            let a = Int.random(in: 0..<pages, using: &rng)
            var b = Int.random(in: 0..<pages, using: &rng)
            if a == b { b = (a + 1) % pages }
            var bytes = original
            let pa = Array(bytes[a * pageSize..<(a + 1) * pageSize]), pb = Array(bytes[b * pageSize..<(b + 1) * pageSize])
            bytes.replaceSubrange(a * pageSize..<(a + 1) * pageSize, with: pb)
            bytes.replaceSubrange(b * pageSize..<(b + 1) * pageSize, with: pa)
            XCTAssertEqual(outcome(bytes, expected: rows), .failed, "swap \(a + 1) and \(b + 1)")
            XCTAssertEqual(verify(bytes).page, UInt32(min(a, b) + 1))
        }
    }

    func testGraftingAPageFromAnotherDatabaseFails() throws {
        let (original, rows) = try makeDatabase(at: db)
        // Another database with the same key but its own file id, and one
        // with another key: neither's pages belong here.
        let sameKey = dir + "/same-key.db", otherKey = dir + "/other-key.db"
        try register(sameKey, key: key, fileId: Self.random(12))
        try register(otherKey, key: Self.random(32), fileId: Self.random(12))
        defer { _ = xcipher_key_remove(sameKey); _ = xcipher_key_remove(otherKey) }
        let donors = [try makeDatabase(at: sameKey).bytes, try makeDatabase(at: otherKey).bytes]
        let pages = min(original.count, donors[0].count, donors[1].count) / pageSize
        var rng = SplitMix64(state: 0x5EED_0003)
        for round in 0..<40 {
            let donor = donors[round % 2]
            let page = Int.random(in: 0..<pages, using: &rng)
            var bytes = original
            bytes.replaceSubrange(page * pageSize..<(page + 1) * pageSize, with: donor[page * pageSize..<(page + 1) * pageSize])
            XCTAssertEqual(outcome(bytes, expected: rows), .failed, "graft page \(page + 1) from donor \(round % 2)")
            XCTAssertEqual(verify(bytes).page, UInt32(page + 1))
        }
    }

    func testTruncatingTheFileFails() throws {
        let (original, rows) = try makeDatabase(at: db)
        let pages = original.count / pageSize
        var rng = SplitMix64(state: 0x5EED_0004)
        for _ in 0..<20 {
            // At a page boundary: every remaining page authenticates, but the
            // database is shorter than its header says.
            let keep = Int.random(in: 1..<pages, using: &rng)
            XCTAssertEqual(outcome(Array(original[0..<keep * pageSize]), expected: rows), .failed, "truncated to \(keep) pages")
            // Mid-page: the cut page does not authenticate.
            let cut = keep * pageSize + Int.random(in: 1..<pageSize, using: &rng)
            let bytes = Array(original[0..<cut])
            XCTAssertEqual(outcome(bytes, expected: rows), .failed, "truncated at byte \(cut)")
            XCTAssertEqual(verify(bytes).page, UInt32(keep + 1))
        }
        XCTAssertEqual(outcome(Array(original[0..<100]), expected: rows), .failed)
    }

    func testUntouchedDatabaseReadsBackAndVerifies() throws {
        let (original, rows) = try makeDatabase(at: db)
        XCTAssertEqual(outcome(original, expected: rows), .sameRows)
        XCTAssertEqual(verify(original).rc, SQLITE_OK)
    }
}

/// SQLITE_IOERR_DATA, which Swift does not import as a constant.
let SQLITE_IOERR_DATA_CODE: Int32 = SQLITE_IOERR | (32 << 8)
let XCIPHER_PAGE1_CLEAR_BYTES: Int32 = 24
