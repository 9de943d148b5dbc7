import Foundation
import GRDBSQLite
import Vault

/// One workload on plain SQLite (the "unix" VFS) and on the encrypted store
/// (the cipher VFS), with the same page size, cache and journal settings, so
/// the ratio is the cost of encryption alone.
struct StoreBenchmark {
    let rows: Int
    let reads: Int
    let repeats: Int

    struct Figures {
        var insert: Double = 0, pointReads: Double = 0, scan: Double = 0, reopen: Double = 0, coldScan: Double = 0
    }

    func run() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: dir) }

        var secret = Array("bench-\(UInt64.random(in: 0...UInt64.max))".utf8)
        let (vault, _) = try Vault.create(database: dir + "/encrypted.db", account: "bench", roles: [.admin],
                                          passphrase: &secret, kdf: .preset(.interactive))
        defer { vault.lock() }

        var plain: [Figures] = [], encrypted: [Figures] = []
        for i in 0..<repeats {
            // Alternate the order so neither side always runs on a warmer machine.
            let p = { try measure(path: dir + "/plain-\(i).db", vfs: "unix") }
            let e = { try measure(path: dir + "/encrypted.db", vfs: nil, reset: i > 0) }
            if i % 2 == 0 { plain.append(try p()); encrypted.append(try e()) }
            else { encrypted.append(try e()); plain.append(try p()) }
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        // Padding in Swift: swift-corelibs-foundation ignores the width of
        // `%-34@`, so on Linux the table's columns did not line up.
        func left(_ s: String, _ width: Int) -> String { s.padding(toLength: max(width, s.count), withPad: " ", startingAt: 0) }
        func right(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        func row(_ name: String, _ key: KeyPath<Figures, Double>, _ target: String) -> String {
            let p = median(plain.map { $0[keyPath: key] }), e = median(encrypted.map { $0[keyPath: key] })
            return left(name, 34) + String(format: " %10.2f %12.2f %8.2f×   ", p * 1000, e * 1000, e / p) + target
        }
        return [
            "xindesk bench store — \(rows) rows, \(reads) point reads, median of \(repeats) (SQLite \(String(cString: sqlite3_libversion())))",
            left("workload", 34) + " " + right("plain ms", 10) + " " + right("encrypted ms", 12) + " " + right("ratio", 9) + "   target",
            row("bulk insert (batches of 1,000)", \.insert, "≤ 1.50×"),
            row("point reads, warm cache", \.pointReads, "≤ 1.15×"),
            row("full-scan aggregate, warm cache", \.scan, "≤ 1.15×"),
            row("reopen + first query", \.reopen, "(no target)"),
            row("full-scan aggregate, cold cache", \.coldScan, "(no target)"),
        ].joined(separator: "\n")
    }

    /// Runs the workload once on a fresh table and returns seconds per step.
    private func measure(path: String, vfs: String?, reset: Bool = false) throws -> Figures {
        var f = Figures()
        var db = try open(path, vfs: vfs)
        try exec(db, "DROP TABLE IF EXISTS bench")
        try exec(db, "CREATE TABLE bench(id INTEGER PRIMARY KEY, name TEXT, class TEXT, note TEXT)")

        f.insert = try time {
            var stmt: OpaquePointer?
            try check(db, sqlite3_prepare_v2(db, "INSERT INTO bench(id, name, class, note) VALUES (?, ?, ?, ?)", -1, &stmt, nil))
            defer { sqlite3_finalize(stmt) }
            let note = String(repeating: "记录 note ", count: 10)
            var id = 0
            while id < rows {
                try exec(db, "BEGIN")
                for _ in 0..<min(1000, rows - id) {
                    id += 1
                    sqlite3_bind_int64(stmt, 1, Int64(id))
                    sqlite3_bind_text(stmt, 2, "学生\(id)", -1, SQLITE_TRANSIENT_BENCH)
                    sqlite3_bind_text(stmt, 3, "\(7 + id % 3)年级\(id % 10)班", -1, SQLITE_TRANSIENT_BENCH)
                    sqlite3_bind_text(stmt, 4, note, -1, SQLITE_TRANSIENT_BENCH)
                    guard sqlite3_step(stmt) == SQLITE_DONE else { throw BenchError.sqlite(String(cString: sqlite3_errmsg(db))) }
                    sqlite3_reset(stmt)
                }
                try exec(db, "COMMIT")
            }
        }
        try exec(db, "PRAGMA wal_checkpoint(TRUNCATE)")
        // Warm the cache, then measure reads served from it.
        try exec(db, "SELECT count(*), sum(length(note)) FROM bench")
        var rng = SystemRandomNumberGenerator()
        let ids = (0..<reads).map { _ in Int64.random(in: 1...Int64(rows), using: &rng) }
        f.pointReads = try time {
            var stmt: OpaquePointer?
            try check(db, sqlite3_prepare_v2(db, "SELECT name, class FROM bench WHERE id = ?", -1, &stmt, nil))
            defer { sqlite3_finalize(stmt) }
            for id in ids {
                sqlite3_bind_int64(stmt, 1, id)
                guard sqlite3_step(stmt) == SQLITE_ROW else { throw BenchError.sqlite("row \(id) missing") }
                sqlite3_reset(stmt)
            }
        }
        f.scan = try time { try exec(db, "SELECT count(*), sum(length(note)), max(name) FROM bench") }
        sqlite3_close_v2(db)
        f.reopen = try time {
            db = try open(path, vfs: vfs)
            try exec(db, "SELECT count(*) FROM sqlite_schema")
        }
        // Every page now comes through the VFS (and, encrypted, is decrypted).
        f.coldScan = try time { try exec(db, "SELECT count(*), sum(length(note)), max(name) FROM bench") }
        sqlite3_close_v2(db)
        return f
    }

    private func open(_ path: String, vfs: String?) throws -> OpaquePointer? {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs)
        guard rc == SQLITE_OK else { throw BenchError.sqlite("open \(path): \(rc)") }
        if vfs == nil {
            var reserve: Int32 = 40
            sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        }
        try exec(db, "PRAGMA temp_store = MEMORY")
        try exec(db, "PRAGMA journal_mode = WAL")
        try exec(db, "PRAGMA synchronous = NORMAL")
        try exec(db, "PRAGMA cache_size = -131072")   // 128 MiB: the whole table stays cached
        return db
    }

    private func exec(_ db: OpaquePointer?, _ sql: String) throws {
        try check(db, sqlite3_exec(db, sql, nil, nil, nil))
    }

    private func check(_ db: OpaquePointer?, _ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw BenchError.sqlite(String(cString: sqlite3_errmsg(db))) }
    }

    private func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

enum BenchError: Error, CustomStringConvertible {
    case sqlite(String)
    var description: String {
        switch self { case .sqlite(let m): "benchmark failed: \(m)" }
    }
}

/// SQLite's SQLITE_TRANSIENT (a macro Swift cannot import): copy the bound text.
let SQLITE_TRANSIENT_BENCH = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
