import Foundation
import GRDB
import Vault
import XCTest

final class CheckAndBenchCommandTests: CLITestCase {
    /// Fills the store through the Vault API so it spans several pages.
    private func addRows() throws -> Int {
        var passphrase = Array("alice-passphrase".utf8)
        let vault = try Vault.unlock(database: db, account: "alice", passphrase: &passphrase)
        defer { vault.lock() }
        let pool = try vault.makePool()
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE visit(id INTEGER PRIMARY KEY, student TEXT, note TEXT)")
            for i in 0..<200 {
                try db.execute(sql: "INSERT INTO visit(student, note) VALUES (?, ?)",
                               arguments: ["学生\(i)", String(repeating: "谈话记录 \(i) ", count: 10)])
            }
        }
        try pool.close()
        return try XCTUnwrap(contents(db)).count / 4096
    }

    func testCheckOfASoundDatabaseCountsItsPages() throws {
        try initStore()
        let pages = try addRows()
        XCTAssertGreaterThan(pages, 5)
        let run = try xindesk(as: "alice", "alice-passphrase", ["check"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "ok: \(pages) pages authenticated, integrity ok, audit log intact (0 entries, all signed)\n")
    }

    func testCheckOfATamperedDatabaseExits13AndNamesThePage() throws {
        try initStore()
        XCTAssertGreaterThan(try addRows(), 5)
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: db))
        try handle.seek(toOffset: 2 * 4096 + 777)
        let byte = try XCTUnwrap(handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: 2 * 4096 + 777)
        try handle.write(contentsOf: [byte ^ 0x01])
        try handle.close()
        let before = try hashes()

        let run = try xindesk(as: "alice", "alice-passphrase", ["check"])
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("damaged or has been tampered with (page 3)"), run.stderr)
        XCTAssertTrue(run.stdout.isEmpty, run.stdout)
        let zh = try xindesk(as: "alice", "alice-passphrase", ["check"], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(zh.status, 13)
        XCTAssertTrue(zh.stderr.contains("第 3 页"), zh.stderr)
        XCTAssertEqual(try hashes(), before, "check must not write")
    }

    /// Commits only in the WAL (a workstation still open, or one that
    /// crashed), then the WAL edited: `check` exits 13 naming the `-wal`
    /// file and where, and changes neither file; the untouched WAL is ok.
    func testCheckOfATamperedWALExits13AndNamesTheWAL() throws {
        try initStore()
        _ = try addRows()
        var passphrase = Array("alice-passphrase".utf8)
        let vault = try Vault.unlock(database: db, account: "alice", passphrase: &passphrase)
        let pool = try vault.makePool()
        for t in 0..<3 {
            try pool.write { db in
                for i in 0..<30 {
                    try db.execute(sql: "INSERT INTO visit(student, note) VALUES (?, ?)",
                                   arguments: ["学生\(t)-\(i)", String(repeating: "后来的记录 ", count: 20)])
                }
            }
        }
        let database = try XCTUnwrap(contents(db)), wal = [UInt8](try XCTUnwrap(contents(db + "-wal")))
        try pool.close()
        vault.lock()
        func install(_ walBytes: [UInt8]) throws {
            try database.write(to: URL(fileURLWithPath: db))
            try Data(walBytes).write(to: URL(fileURLWithPath: db + "-wal"))
            try? FileManager.default.removeItem(atPath: db + "-shm")
        }

        let frames = (wal.count - 32) / 4120
        func commitField(_ n: Int) -> Int { wal[(32 + (n - 1) * 4120 + 4)..<(32 + (n - 1) * 4120 + 8)].reduce(0) { $0 << 8 | Int($1) } }
        let firstCommit = try XCTUnwrap((1...frames).first { commitField($0) != 0 })
        for (offset, place) in [(17, "(WAL header)"), (32 + (firstCommit - 1) * 4120 + 7, "(frame \(firstCommit))")] {
            var tampered = wal
            tampered[offset] ^= 0x01
            try install(tampered)
            let before = try hashes()
            let run = try xindesk(as: "alice", "alice-passphrase", ["check"])
            XCTAssertEqual(run.status, 13, run.stderr)
            XCTAssertTrue(run.stderr.contains("school.db-wal") && run.stderr.contains(place), run.stderr)
            XCTAssertTrue(run.stdout.isEmpty, run.stdout)
            let after = try hashes()
            for file in [db, db + "-wal", db + ".keys"] { XCTAssertEqual(after[file], before[file], "\(file) changed") }
        }

        try install(wal)
        let run = try xindesk(as: "alice", "alice-passphrase", ["check"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("ok: "), run.stdout)
    }

    func testBenchStorePrintsEveryWorkloadWithRatios() throws {
        let run = try xindesk(["bench", "store", "--rows", "2000", "--reads", "200", "--repeats", "1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("xindesk bench store — 2000 rows, 200 point reads") ?? false, run.stdout)
        let workloads = ["bulk insert", "point reads", "full-scan aggregate, warm", "reopen", "full-scan aggregate, cold"]
        for workload in workloads {
            let row = try XCTUnwrap(lines.first { $0.hasPrefix(workload) }, "no row for \(workload):\n\(run.stdout)")
            // plain ms, encrypted ms, ratio×: three positive numbers.
            let numbers = row.split(separator: " ").compactMap { Double($0.replacingOccurrences(of: "×", with: "")) }
            XCTAssertGreaterThanOrEqual(numbers.count, 3, row)
            XCTAssertTrue(numbers.prefix(3).allSatisfy { $0 > 0 }, row)
            XCTAssertTrue(row.contains("×"), row)
        }
        XCTAssertEqual(lines.filter { $0.contains("×") && !$0.hasPrefix("workload") }.count, 5, run.stdout)
        // The columns line up: every ratio ends at the same column.
        let ratioEnds = lines.filter { line in workloads.contains { line.hasPrefix($0) } }
            .map { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: "×")!) }
        XCTAssertEqual(Set(ratioEnds).count, 1, run.stdout)
        // Nothing is left behind in TMPDIR.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }, [])
    }

    func testBenchAppPrintsFirstFrameAndKeystrokeFigures() throws {
        let run = try xindesk(["bench", "app", "--students", "300", "--keystrokes", "40"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("xindesk bench app — 300 students, ") ?? false, run.stdout)
        func figures(_ prefix: String) throws -> [Double] {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix(prefix) }, run.stdout)
            return line.split(whereSeparator: { " ,:()".contains($0) }).compactMap { Double($0) }
        }
        // "median of 5: M ms, max X ms (target < 100 ms)".
        let first = try figures("unlock to first full frame")
        XCTAssertEqual(first.count, 4, run.stdout)
        XCTAssertEqual(first[0], 5)
        XCTAssertTrue(first[1] > 0 && first[1] <= first[2], run.stdout)
        XCTAssertEqual(first.last, 100)
        let parts = try figures("  of the median run")
        XCTAssertEqual(parts.count, 3, run.stdout)
        XCTAssertEqual(parts.reduce(0, +), first[1], accuracy: 0.35, "the parts add up to the median run")
        let keys = try figures("keystroke to frame")
        XCTAssertEqual(keys.count, 4, "median, p99, max, target: \(run.stdout)")
        XCTAssertTrue(keys[0] <= keys[1] && keys[1] <= keys[2], run.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }, [])
    }
}
