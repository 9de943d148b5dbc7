import Foundation
import GRDB
import Vault
import XCTest

/// A tampered WAL is reported by `check` (`.tampered`, naming the `-wal`
/// file and the frame) and refused when the store is opened, before SQLite
/// could drop the commits in it; the files stay as they were. A WAL that a
/// crash left still opens with every committed row.
final class WALIntegrityTests: VaultTestCase {
    /// The frames of a WAL file (SQLite's layout: a 32-byte header, then
    /// frames of a 24-byte header and a 4096-byte page), numbered from 1.
    struct WALFile {
        static let frameSize = 24 + 4096
        var bytes: [UInt8]
        var frameCount: Int { (bytes.count - 32) / Self.frameSize }
        func offset(ofFrame n: Int) -> Int { 32 + (n - 1) * Self.frameSize }
        func uint32(at offset: Int) -> UInt32 { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        mutating func setUInt32(_ value: UInt32, at offset: Int) {
            for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i))) }
        }
        var commitFrames: [Int] { (1...frameCount).filter { uint32(at: offset(ofFrame: $0) + 4) != 0 } }
        func frames(ofTransaction t: Int) -> ClosedRange<Int> {
            (t == 1 ? 1 : commitFrames[t - 2] + 1)...commitFrames[t - 1]
        }
        /// A committed transaction with two more after it.
        var middleTransaction: Int { commitFrames.count - 2 }
        mutating func removeFrames(_ range: ClosedRange<Int>) {
            bytes.removeSubrange(offset(ofFrame: range.lowerBound)..<offset(ofFrame: range.upperBound) + Self.frameSize)
        }
    }

    /// Students 0..<40 in the database file, then four transactions of 20
    /// students each only in the WAL, copied while the pool was open, as a
    /// workstation that crashed (or is still running) leaves the files.
    /// (The pool's own setup may commit first: count from the end.)
    private func storeWithCommitsInTheWAL() throws -> (vault: UnlockedVault, database: Data, wal: WALFile) {
        let (vault, _) = try create()
        try writeStudents(vault, count: 40)
        let pool = try vault.makePool()
        for t in 0..<4 {
            try pool.write { db in
                for i in (40 + 20 * t)..<(60 + 20 * t) {
                    try db.execute(sql: "INSERT INTO student(id, name, class, note) VALUES (?, ?, ?, ?)",
                                   arguments: [i, Self.studentName(i), "8年级1班", String(repeating: "谈话 \(i) ", count: 30)])
                }
            }
        }
        let database = try XCTUnwrap(contents(db))
        let wal = WALFile(bytes: [UInt8](try XCTUnwrap(contents(db + "-wal"))))
        try pool.close()
        XCTAssertGreaterThanOrEqual(wal.commitFrames.count, 4)
        XCTAssertGreaterThanOrEqual(wal.frames(ofTransaction: wal.middleTransaction).count, 3)
        return (vault, database, wal)
    }

    private func install(_ database: Data, _ wal: WALFile) throws {
        try database.write(to: URL(fileURLWithPath: db))
        try Data(wal.bytes).write(to: URL(fileURLWithPath: db + "-wal"))
        try? FileManager.default.removeItem(atPath: db + "-shm")
    }

    private func assertNamesTheWAL(_ error: VaultError, frame: UInt32, _ label: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        guard case .tampered(let path, let page, let detail) = error else {
            return XCTFail("\(label): got \(error)", file: file, line: line)
        }
        XCTAssertEqual(path, db + "-wal", label, file: file, line: line)
        XCTAssertEqual(page, frame, "\(label): \(detail)", file: file, line: line)
        let place = frame == 0 ? "WAL header" : "frame \(frame)"
        XCTAssertTrue(error.message.en.contains("school.db-wal") && error.message.en.contains("(\(place))"),
                      error.message.en, file: file, line: line)
        XCTAssertTrue(error.message.zh.contains(frame == 0 ? "WAL 文件头" : "第 \(frame) 帧"), error.message.zh, file: file, line: line)
    }

    /// `check` reports it, opening refuses it (a pool, a queue, and a fresh
    /// unlock's pool), and no byte of the database or the WAL changes.
    private func assertRefused(_ vault: UnlockedVault, _ wal: WALFile, database: Data, frame: UInt32, _ label: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        try install(database, wal)
        let before = snapshot([db, db + "-wal"])
        assertThrows(file: file, line: line, { try vault.check() }) { assertNamesTheWAL($0, frame: frame, "\(label): check", file: file, line: line) }
        assertThrows(file: file, line: line, { try vault.makePool() }) { assertNamesTheWAL($0, frame: frame, "\(label): pool", file: file, line: line) }
        assertThrows(file: file, line: line, { try vault.makeQueue() }) { assertNamesTheWAL($0, frame: frame, "\(label): queue", file: file, line: line) }
        let again = try unlock()
        assertThrows(file: file, line: line, { try again.makePool() }) { assertNamesTheWAL($0, frame: frame, "\(label): after unlock", file: file, line: line) }
        again.lock()
        assertUnchanged(before, file: file, line: line)
    }

    func testTheNineTamperedWALsOfTheReviewAreReportedByCheckAndRefusedAtOpen() throws {
        let (vault, database, original) = try storeWithCommitsInTheWAL()
        defer { vault.lock() }
        let tx2 = original.frames(ofTransaction: original.middleTransaction)

        var wal = original
        wal.bytes[2] ^= 0x01
        try assertRefused(vault, wal, database: database, frame: 0, "a WAL header byte flipped")
        for (offset, what) in [(17, "salt-1"), (22, "salt-2"), (27, "header checksum")] {
            wal = original
            wal.bytes[offset] ^= 0x01
            try assertRefused(vault, wal, database: database, frame: 0, "\(what) changed")
        }
        wal = original
        wal.setUInt32(0, at: wal.offset(ofFrame: tx2.upperBound) + 4)
        try assertRefused(vault, wal, database: database, frame: UInt32(tx2.upperBound), "commit field changed")
        wal = original
        wal.setUInt32(original.uint32(at: original.offset(ofFrame: tx2.lowerBound)) + 1, at: wal.offset(ofFrame: tx2.lowerBound))
        try assertRefused(vault, wal, database: database, frame: UInt32(tx2.lowerBound), "page number changed")
        wal = original
        let a = wal.offset(ofFrame: tx2.lowerBound), b = wal.offset(ofFrame: tx2.lowerBound + 1)
        let first = Array(wal.bytes[a..<a + WALFile.frameSize])
        wal.bytes.replaceSubrange(a..<a + WALFile.frameSize, with: wal.bytes[b..<b + WALFile.frameSize])
        wal.bytes.replaceSubrange(b..<b + WALFile.frameSize, with: first)
        try assertRefused(vault, wal, database: database, frame: UInt32(tx2.lowerBound), "two frames swapped")
        wal = original
        wal.removeFrames((tx2.lowerBound + 1)...(tx2.lowerBound + 1))
        try assertRefused(vault, wal, database: database, frame: UInt32(tx2.lowerBound + 1), "a middle frame dropped")
        wal = original
        wal.removeFrames((tx2.lowerBound + 1)...tx2.upperBound)
        try assertRefused(vault, wal, database: database, frame: UInt32(tx2.lowerBound + 1),
                          "a committed transaction cut short, the next kept")

        // Refusing is not sticky: the untouched WAL opens with every student.
        try install(database, original)
        XCTAssertTrue(try vault.check().isSound)
        XCTAssertEqual(try studentNames(vault), expectedNames(120))
    }

    func testAWALLeftByACrashMidTransactionOpensWithEveryCommittedStudent() throws {
        let (vault, database, wal) = try storeWithCommitsInTheWAL()
        defer { vault.lock() }
        try install(database, wal)
        // A transaction larger than the cache spills frames into the WAL
        // before it commits; the files are copied then: the crash.
        let queue = try vault.makeQueue()
        var crash: (Data, WALFile)?
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = 2")
            try db.execute(sql: "BEGIN IMMEDIATE")
            for i in 1000..<1300 {
                try db.execute(sql: "INSERT INTO student(id, name, class, note) VALUES (?, ?, ?, ?)",
                               arguments: [i, Self.studentName(i), "9年级1班", String(repeating: "未保存 ", count: 40)])
            }
            crash = (try XCTUnwrap(contents(self.db)), WALFile(bytes: [UInt8](try XCTUnwrap(contents(self.db + "-wal")))))
            try db.execute(sql: "ROLLBACK")
        }
        try queue.close()
        let (crashedDatabase, crashedWAL) = try XCTUnwrap(crash)
        XCTAssertGreaterThan(crashedWAL.frameCount, wal.frameCount + 5)

        var torn = crashedWAL
        torn.bytes.removeLast(WALFile.frameSize / 2)
        for (label, tail) in [("mid-transaction", crashedWAL), ("last frame torn", torn)] {
            try install(crashedDatabase, tail)
            let report = try vault.check()
            XCTAssertTrue(report.isSound, label)
            XCTAssertEqual(try studentNames(vault), expectedNames(120), label)
        }
    }
}
