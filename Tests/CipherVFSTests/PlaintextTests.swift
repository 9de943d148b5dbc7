import Foundation
import XCTest

/// No byte of a stored name ever reaches the disk: checked below the cipher
/// (a spy VFS sees every write) and afterwards in every file SQLite left.
final class PlaintextTests: CipherTestCase {
    /// 500 Chinese and 500 Latin names, each distinctive enough that finding
    /// it in a file cannot be chance.
    private func names() -> [String] {
        let given = Array("梓涵一诺欣怡浩然子轩雨桐思远俊熙若溪明哲嘉懿晨阳佳琪宇航书瑶乐萱皓轩")
        var out: [String] = []
        for i in 0..<500 {
            out.append("龚" + String(given[i % given.count]) + String(given[(i / given.count) % given.count]) + "号\(i)")
        }
        for i in 0..<500 { out.append("Qzmarker\(i)Wx") }
        return out
    }

    /// Runs the child's workload and returns its counters.
    private func spyRun(_ command: String, mode: String, names list: [String]) throws -> [String: Int] {
        let namesFile = dir + "/names.txt"
        try list.joined(separator: "\n").write(toFile: namesFile, atomically: true, encoding: .utf8)
        let tmp = dir + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let run = try runTorture([command, db, mode, Self.hex(key), Self.hex(fileId), namesFile],
                                 environment: ["TMPDIR": tmp, "SQLITE_TMPDIR": tmp])
        XCTAssertEqual(run.status, 0, run.out)
        // writes=N bytes=B hits=H rows=R
        let fields = Dictionary(uniqueKeysWithValues: run.out.split(whereSeparator: \.isWhitespace).compactMap { part -> (String, Int)? in
            let kv = part.split(separator: "=")
            guard kv.count == 2, let v = Int(kv[1]) else { return nil }
            return (String(kv[0]), v)
        })
        try FileManager.default.removeItem(atPath: namesFile)
        return fields
    }

    private func runWorkload(mode: String) throws {
        let list = names()
        let tmp = dir + "/tmp"
        let fields = try spyRun("spy", mode: mode, names: list)
        XCTAssertEqual(fields["hits"], 0, "a write below the cipher carried a name: \(fields)")
        XCTAssertGreaterThan(fields["writes"] ?? 0, 100, "the spy saw too few writes to mean anything: \(fields)")
        XCTAssertEqual(fields["rows"], 900, "\(fields)")

        var scanned = 0
        for suffix in ["", "-wal", "-journal", "-shm"] {
            let bytes = contents(db + suffix)
            if bytes.isEmpty { continue }
            scanned += 1
            for name in list {
                XCTAssertFalse(Self.contains(bytes, Array(name.utf8)), "\(name) found in \(db + suffix)")
            }
        }
        XCTAssertGreaterThanOrEqual(scanned, mode == "wal" ? 2 : 1)
        for file in try FileManager.default.subpathsOfDirectory(atPath: tmp) {
            let bytes = contents(tmp + "/" + file)
            for name in list { XCTAssertFalse(Self.contains(bytes, Array(name.utf8)), "\(name) found in TMPDIR/\(file)") }
        }
        try assertSQLiteShellRefuses()
    }

    private func assertSQLiteShellRefuses() throws {
        let shell = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: shell) else { throw XCTSkip("no sqlite3 shell") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: shell)
        p.arguments = [db, ".tables"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertNotEqual(p.terminationStatus, 0)
        XCTAssertTrue(text.contains("file is not a database"), text)
    }

    func testSpyDetectsNamesWrittenWithoutTheCipher() throws {
        let fields = try spyRun("spy-plain", mode: "wal", names: names())
        XCTAssertGreaterThan(fields["hits"] ?? 0, 10, "the spy must see plaintext when there is some: \(fields)")
        XCTAssertEqual(fields["rows"], 900)
    }

    func testNoNameReachesTheDiskInWALMode() throws { try runWorkload(mode: "wal") }
    func testNoNameReachesTheDiskInRollbackJournalMode() throws { try runWorkload(mode: "delete") }
}
