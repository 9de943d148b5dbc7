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

    func testBenchStorePrintsEveryWorkloadWithRatiosAtBothCacheSizes() throws {
        let run = try xindesk(["bench", "store", "--rows", "2000", "--reads", "200", "--repeats", "2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("xindesk bench store — 2000 rows, 200 point reads, median of 2, fresh files each repeat") ?? false, run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("load at start: ") } && lines.last?.hasPrefix("load at end: ") == true, run.stdout)
        // The app's own cache size, read from a pool the vault makes.
        XCTAssertTrue(lines.contains { $0.hasPrefix("the app's connections: PRAGMA cache_size = ") }, run.stdout)
        let workloads = ["bulk insert", "point reads", "full-scan aggregate, warm", "reopen", "full-scan aggregate, cold"]
        var rows: [String] = []
        for cache in ["128 MiB cache", "app's cache"] {
            for workload in workloads {
                let row = try XCTUnwrap(lines.first { $0.hasPrefix(workload) && $0.contains(cache) }, "no row for \(workload), \(cache):\n\(run.stdout)")
                // plain ms, encrypted ms, ratio×: three positive numbers, then the target.
                let numbers = row.split(separator: " ").compactMap { Double($0.replacingOccurrences(of: "×", with: "")) }
                XCTAssertGreaterThanOrEqual(numbers.count, 3, row)
                XCTAssertTrue(numbers.prefix(3).allSatisfy { $0 > 0 }, row)
                XCTAssertTrue(row.hasSuffix("×") || row.hasSuffix("(no target)"), row)
                rows.append(row)
            }
        }
        XCTAssertEqual(lines.filter { $0.contains("×") && !$0.hasPrefix("workload") }.count, 10, run.stdout)
        // The columns line up: every ratio ends at the same column.
        XCTAssertEqual(Set(rows.map { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: "×")!) }).count, 1, run.stdout)
        // The cold scan's cost per page beside libsodium's own time for a page.
        let page = try XCTUnwrap(lines.first { $0.hasPrefix("cold scan, added per 4 KiB page (") }, run.stdout)
        XCTAssertTrue(page.contains("µs; libsodium's XChaCha20-Poly1305 decryption of one page, same run: ") && page.hasSuffix("µs — the floor"), page)
        // Nothing is left behind in TMPDIR.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }, [])
    }

    func testBenchAppPrintsEveryFigureOfTheIssueWithItsTarget() throws {
        let run = try xindesk(["bench", "app", "--students", "300", "--keystrokes", "40"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "xindesk bench app — 300 students, 40 keystrokes, 200×60 frames; targets of issue 19 for 10,000 students", run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("load at start: ") } && lines.last?.hasPrefix("load at end: ") == true, run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("school generated in ") && $0.hasSuffix("WAL 0 bytes before the first open (closed cleanly)") },
                      run.stdout)
        func figures(_ prefix: String) throws -> (numbers: [Double], target: String) {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix(prefix) }, "no line \(prefix):\n\(run.stdout)")
            let parts = line.components(separatedBy: " — ")
            XCTAssertEqual(parts.count, 2, line)
            return (parts[0].split(whereSeparator: { " ,:()".contains($0) }).compactMap { Double($0) }, parts.last ?? "")
        }
        // "median of 5: M ms, max X ms — target ≤ 25 ms".
        let first = try figures("unlock to first full frame, counselor")
        XCTAssertEqual(first.numbers.count, 3, run.stdout)
        XCTAssertEqual(first.numbers[0], 5)
        XCTAssertTrue(first.numbers[1] > 0 && first.numbers[1] <= first.numbers[2], run.stdout)
        XCTAssertEqual(first.target, "target ≤ 25 ms")
        let parts = try XCTUnwrap(lines.first { $0.hasPrefix("  of the median run") }, run.stdout)
            .split(whereSeparator: { " ,:()".contains($0) }).compactMap { Double($0) }
        XCTAssertEqual(parts.count, 3, run.stdout)
        XCTAssertEqual(parts.reduce(0, +), first.numbers[1], accuracy: 0.35, "the parts add up to the median run")
        XCTAssertEqual(try figures("unlock itself").target, "no target (the key derivation)")
        let keys = try figures("keystroke to frame while filtering")
        XCTAssertEqual(keys.numbers.count, 4, "keystrokes, median, p99, max: \(run.stdout)")
        XCTAssertTrue(keys.numbers[1] <= keys.numbers[2] && keys.numbers[2] <= keys.numbers[3], run.stdout)
        XCTAssertEqual(keys.target, "target p99 ≤ 1 ms")
        // The real import path: every generated student read from CSV and saved.
        let imported = try figures("import students, per row (")
        XCTAssertEqual(imported.numbers.first, 300, run.stdout)
        XCTAssertEqual(imported.numbers[1], imported.numbers[2] + imported.numbers[3], accuracy: 0.15, "read + save: \(run.stdout)")
        XCTAssertEqual(imported.target, "target ≤ 100 µs")
        let none = "no target at this size (issue 19 sets one at 100,000)"
        for label in ["report key-attention, wall", "check, wall", "peak memory of unlock + first frame"] {
            let figure = try figures(label)
            XCTAssertEqual(figure.target, none, label)
            XCTAssertTrue(figure.numbers.last.map { $0 > 0 } ?? false, "\(label): \(run.stdout)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("  of which after the unlock (") && $0.hasSuffix(" MiB") }, run.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }, [])
    }

    func testBenchRenderTimesTheAppsOwnFrame() throws {
        let run = try xindesk(["bench", "render", "--students", "200", "--frames", "30"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "xindesk bench render — the app's 200×60 frame (counselor, student list) of a 200-student school, 30 frames")
        XCTAssertTrue(lines.contains { $0.hasPrefix("load at start: ") } && lines.last?.hasPrefix("load at end: ") == true, run.stdout)
        let line = try XCTUnwrap(lines.first { $0.hasPrefix("render + diff of the app's frame: median ") }, run.stdout)
        XCTAssertTrue(line.contains(" — target median ≤ 1000 µs ("), line)
        let numbers = line.split(whereSeparator: { " ,:()".contains($0) }).compactMap { Double($0) }
        // median, p99, max, target, cells changed (the selection moved, so frames differ).
        XCTAssertEqual(numbers.count, 5, line)
        XCTAssertTrue(numbers[0] > 0 && numbers[0] <= numbers[1] && numbers[1] <= numbers[2], line)
        XCTAssertGreaterThan(numbers[4], 0, line)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }, [])
    }
}
