import CipherVFS
import CSodium
import Foundation
import GRDB
import GRDBSQLite
import XCTest

/// A database written once with a fixed key and file id is committed under
/// Golden/. If the page format changes, these known-answer tests fail: old
/// databases would no longer open, which needs a migration, not an accident.
final class GoldenFormatTests: CipherTestCase {
    static let goldenKey: [UInt8] = Array(1...32)
    static let goldenFileId: [UInt8] = Array(0xA0...0xAB)
    static let goldenRows = [["1", "张三", "初一(3)班"], ["2", "Li Si", "初二(1)班"], ["3", "单雪", "初三(5)班"]]

    private var goldenSource: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/golden.db").path
    }

    /// Regenerates the golden file (run once, by hand, with
    /// XINDESK_REGENERATE_GOLDEN=1; then commit the file and explain why).
    func testRegenerateGoldenDatabaseWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["XINDESK_REGENERATE_GOLDEN"] == "1" else {
            throw XCTSkip("set XINDESK_REGENERATE_GOLDEN=1 to rewrite Golden/golden.db")
        }
        let path = dir + "/golden.db"
        try register(path, key: Self.goldenKey, fileId: Self.goldenFileId)
        defer { _ = xcipher_key_remove(path) }
        let q = try queue(path)
        try q.write { db in
            try db.execute(sql: "CREATE TABLE golden(id INTEGER PRIMARY KEY, name TEXT, class TEXT)")
            for row in Self.goldenRows {
                try db.execute(sql: "INSERT INTO golden(id, name, class) VALUES (?, ?, ?)", arguments: [row[0], row[1], row[2]])
            }
        }
        try q.close()
        try? FileManager.default.removeItem(atPath: goldenSource)
        try FileManager.default.copyItem(atPath: path, toPath: goldenSource)
    }

    private func goldenBytes() throws -> [UInt8] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "golden", withExtension: "db", subdirectory: "Golden"))
        return [UInt8](try Data(contentsOf: url))
    }

    func testGoldenDatabaseOpensWithItsKeyAndHoldsExactlyItsRows() throws {
        let path = dir + "/golden.db"
        write(try goldenBytes(), to: path)
        try register(path, key: Self.goldenKey, fileId: Self.goldenFileId)
        defer { _ = xcipher_key_remove(path) }
        let q = try queue(path)
        let rows = try q.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, class FROM golden ORDER BY id").map { r in
                [String(r["id"] as Int64), r["name"] as String, r["class"] as String]
            }
        }
        XCTAssertEqual(rows, Self.goldenRows)
        var failure = xcipher_failure()
        var pages: Int64 = 0
        XCTAssertEqual(xcipher_verify(path, Self.goldenKey, Self.goldenFileId, &failure, &pages), SQLITE_OK)
        XCTAssertEqual(pages, 2)
    }

    func testGoldenPageOneClearHeaderIsExactlyTheDocumentedBytes() throws {
        let bytes = try goldenBytes()
        XCTAssertEqual(bytes.count, 2 * 4096)
        // "XDK\1", the file id, then SQLite's bytes 16-23: page size 4096,
        // file format versions 1/1 (rollback journal), 40 reserved bytes,
        // payload fractions 64/32/32.
        XCTAssertEqual(Array(bytes[0..<24]),
                       Array("XDK\u{1}".utf8) + Self.goldenFileId + [0x10, 0x00, 1, 1, 40, 64, 32, 32])
    }

    /// The documented format, implemented again here from the header comment
    /// of CipherVFS.h with libsodium directly.
    private func decrypt(page number: UInt32, of bytes: [UInt8]) -> [UInt8]? {
        let page = Array(bytes[Int(number - 1) * 4096..<Int(number) * 4096])
        let clear = number == 1 ? 24 : 0
        var ad = Array("XDK\u{1}".utf8) + Self.goldenFileId
        ad += [UInt8(number >> 24), UInt8((number >> 16) & 0xff), UInt8((number >> 8) & 0xff), UInt8(number & 0xff)]
        ad += number == 1 ? Array(page[16..<24]) : [UInt8](repeating: 0, count: 8)
        let nonce = Array(page[4056..<4080]), tag = Array(page[4080..<4096])
        let cipher = Array(page[clear..<4056])
        var plain = [UInt8](repeating: 0, count: cipher.count)
        let rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
            &plain, nil, cipher, UInt64(cipher.count), tag, ad, UInt64(ad.count), nonce, Self.goldenKey)
        return rc == 0 ? plain : nil
    }

    func testGoldenPagesDecryptWithAnIndependentImplementationOfTheFormat() throws {
        let bytes = try goldenBytes()
        let page1 = try XCTUnwrap(decrypt(page: 1, of: bytes), "page 1 does not decrypt by the documented format")
        // Page 1's plaintext from byte 24 on: the database header continues,
        // then (at 100) the schema table's b-tree page: a table leaf (0x0D).
        XCTAssertEqual(page1[100 - 24], 0x0D)
        XCTAssertTrue(Self.contains(page1, Array("CREATE TABLE golden".utf8)))
        let page2 = try XCTUnwrap(decrypt(page: 2, of: bytes), "page 2 does not decrypt by the documented format")
        XCTAssertEqual(page2[0], 0x0D)
        for row in Self.goldenRows { XCTAssertTrue(Self.contains(page2, Array(row[1].utf8)), row[1]) }
        // Page 2 is bound to its number: as page 3 it does not decrypt.
        var moved = bytes + [UInt8](repeating: 0, count: 4096)
        moved.replaceSubrange(8192..<12288, with: bytes[4096..<8192])
        XCTAssertNil(decrypt(page: 3, of: moved))
    }

    // MARK: - WAL frames

    /// A database with a WAL written before WAL frames had their own
    /// binding (format 2): golden key and file id, three transactions (two
    /// rows added, a class changed, an index made) in 4 frames over the 3
    /// rows of the database file. Made once with the CipherVFS sources of
    /// commit 5f70619 (a C program: create, checkpoint, write, copy both
    /// files while the connection was still open); it cannot be made again.
    private func legacyWAL() throws -> (database: [UInt8], wal: [UInt8]) {
        func resource(_ ext: String) throws -> [UInt8] {
            let url = try XCTUnwrap(Bundle.module.url(forResource: "legacy-wal", withExtension: ext, subdirectory: "Golden"))
            return [UInt8](try Data(contentsOf: url))
        }
        return (try resource("db"), try resource("db-wal"))
    }

    func testAWALWrittenBeforeFormat2IsStillRecoveredAndVerified() throws {
        let path = dir + "/legacy.db"
        let (database, wal) = try legacyWAL()
        write(database, to: path)
        write(wal, to: path + "-wal")
        try register(path, key: Self.goldenKey, fileId: Self.goldenFileId)
        defer { _ = xcipher_key_remove(path) }
        var failure = xcipher_failure()
        var pages: Int64 = 0
        XCTAssertEqual(xcipher_verify(path, Self.goldenKey, Self.goldenFileId, &failure, &pages), SQLITE_OK)
        XCTAssertEqual(pages, 2 + 4)
        let q = try queue(path, journal: "WAL")
        let rows = try q.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, class FROM golden INDEXED BY golden_name ORDER BY id").map { r in
                [String(r["id"] as Int64), r["name"] as String, r["class"] as String]
            }
        }
        XCTAssertEqual(rows, [["1", "张三", "初一(3)班"], ["2", "Li Si", "初二(1)班"], ["3", "单雪", "初三(6)班"],
                              ["4", "王五", "初一(1)班"], ["5", "Zhao Liu", "初二(2)班"]])
        // Writing on top of it appends format-2 frames after the old ones.
        try q.write { db in try db.execute(sql: "INSERT INTO golden(id, name, class) VALUES (6, '新', '初一(2)班')") }
        XCTAssertEqual(xcipher_verify_wal(path, Self.goldenKey, Self.goldenFileId, &failure, &pages), SQLITE_OK)
        XCTAssertGreaterThan(pages, 4)
        try q.close()

        // Its header is checked like any other.
        var flipped = wal
        flipped[3] ^= 0x01
        write(database, to: path)
        write(flipped, to: path + "-wal")
        XCTAssertEqual(xcipher_verify_wal(path, Self.goldenKey, Self.goldenFileId, &failure, &pages), SQLITE_IOERR_DATA_CODE)
        XCTAssertThrowsError(try { let q = try queue(path, journal: "WAL"); defer { try? q.close() }
                                   _ = try q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM golden") } }())
    }

    /// The documented format-2 binding of a WAL frame (CipherVFS.h),
    /// implemented again here with libsodium directly.
    func testWALFramesDecryptWithAnIndependentImplementationOfFormat2() throws {
        let q = try queue(journal: "WAL")
        try q.write { db in
            try db.execute(sql: "CREATE TABLE golden(id INTEGER PRIMARY KEY, name TEXT, class TEXT)")
            try db.execute(sql: "INSERT INTO golden(id, name, class) VALUES (1, '张三', '初一(3)班')")
        }
        try q.write { db in try db.execute(sql: "INSERT INTO golden(id, name, class) VALUES (2, 'Li Si', '初二(1)班')") }
        let wal = WALFile(bytes: contents(db + "-wal"))
        try q.close()
        XCTAssertEqual(wal.commitFrames.count, 2)
        let ckpt = wal.uint32(at: 12), salts = Array(wal.bytes[16..<24])

        func decrypt(frame n: Int, as position: Int, base: UInt32) -> [UInt8]? {
            let start = wal.offset(ofFrame: n)
            let header = Array(wal.bytes[start..<start + 24]), page = Array(wal.bytes[start + 24..<start + WALFile.frameSize])
            let pgno = wal.pageNumber(ofFrame: n)
            func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)] }
            let clear = pgno == 1 ? 24 : 0
            var ad = Array("XDK\u{1}".utf8) + fileId + be(pgno)
            ad += pgno == 1 ? Array(page[16..<24]) : [UInt8](repeating: 0, count: 8)
            ad += Array("WAL2".utf8) + Array(header[4..<8]) + salts + be(ckpt) + be(UInt32(position)) + be(base)
            let nonce = Array(page[4056..<4080]), tag = Array(page[4080..<4096]), cipher = Array(page[clear..<4056])
            if position == n {
                XCTAssertEqual(wal.uint32(at: start + 24 + 4068), ckpt, "frame \(n)'s nonce: checkpoint sequence")
                XCTAssertEqual(wal.uint32(at: start + 24 + 4072), UInt32(n), "frame \(n)'s nonce: its number")
            }
            var plain = [UInt8](repeating: 0, count: cipher.count)
            let rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
                &plain, nil, cipher, UInt64(cipher.count), tag, ad, UInt64(ad.count), nonce, key)
            return rc == 0 ? plain : nil
        }
        let first = wal.commitFrames[0], last = wal.frameCount
        for n in 1...first { XCTAssertNotNil(decrypt(frame: n, as: n, base: 0), "frame \(n) of the first transaction") }
        let page = try XCTUnwrap(decrypt(frame: last, as: last, base: UInt32(first)), "the second transaction follows the first")
        XCTAssertTrue(Self.contains(page, Array("Li Si".utf8)))
        XCTAssertNil(decrypt(frame: last, as: last + 1, base: UInt32(first)), "bound to its position")
        XCTAssertNil(decrypt(frame: last, as: last, base: 0), "bound to the commit it follows")
    }
}
