import CipherVFS
import CSodium
import Foundation
import GRDB
import GRDBSQLite
import Vault

/// One workload on plain SQLite (the "unix" VFS) and on the encrypted store
/// (the cipher VFS), with the same page size, cache and journal settings, so
/// the ratio is the cost of encryption alone. Every repeat writes a fresh
/// plain and a fresh encrypted file (a file reused across repeats makes
/// warm reads look cheaper than they are), plain and encrypted alternate
/// in order, and each ratio is the median of the repeats' own ratios. The
/// workload runs at two cache sizes: one that holds the whole table, and
/// the one the app's connections have. Beside the cold scan's cost per
/// page stands libsodium's own time to decrypt one page, measured in the
/// same run: the floor the cipher cannot go below.
struct StoreBenchmark {
    let rows: Int
    let reads: Int
    let repeats: Int

    struct Figures {
        var insert: Double = 0, pointReads: Double = 0, scan: Double = 0, reopen: Double = 0, coldScan: Double = 0
        var pages = 0
    }

    /// A cache that holds the whole table: 128 MiB (PRAGMA cache_size in KiB, negative).
    static let bigCache = -131_072

    func run() throws -> String {
        let directory = try BenchDirectory("store")
        let dir = directory.path
        let load = MachineLoad.line("at start")
        let appCache = try Self.appCacheSize(in: dir)
        let caches = [(size: Self.bigCache, name: "128 MiB cache"), (size: appCache, name: "app's cache")]

        // [cache][repeat]
        var plain = [[Figures]](repeating: [], count: caches.count), encrypted = plain
        var sodiumPage: [Double] = []
        for i in 0..<repeats {
            for (c, cache) in caches.enumerated() {
                var secret = Array("bench-\(UInt64.random(in: 0...UInt64.max))".utf8)
                let path = dir + "/encrypted-\(i)-\(c).db"
                let (vault, _) = try Vault.create(database: path, account: "bench", roles: [.admin],
                                                  passphrase: &secret, kdf: .preset(.interactive))
                defer { vault.lock() }
                // Alternate the order so neither side always runs on a warmer machine.
                let p = { try measure(path: dir + "/plain-\(i)-\(c).db", vfs: "unix", cache: cache.size) }
                let e = { try measure(path: path, vfs: nil, cache: cache.size) }
                if (i + c) % 2 == 0 { plain[c].append(try p()); encrypted[c].append(try e()) }
                else { encrypted[c].append(try e()); plain[c].append(try p()) }
            }
            sodiumPage.append(Self.sodiumDecryptSeconds())
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        // Padding in Swift: swift-corelibs-foundation ignores the width of
        // `%-34@`, so on Linux the table's columns did not line up.
        func left(_ s: String, _ width: Int) -> String { s.padding(toLength: max(width, s.count), withPad: " ", startingAt: 0) }
        func right(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        func row(_ name: String, _ c: Int, _ key: KeyPath<Figures, Double>, _ target: String) -> String {
            let p = median(plain[c].map { $0[keyPath: key] }), e = median(encrypted[c].map { $0[keyPath: key] })
            let ratio = median(zip(plain[c], encrypted[c]).map { $1[keyPath: key] / $0[keyPath: key] })
            return left(name, 46) + String(format: " %10.2f %12.2f %8.2f×   ", p * 1000, e * 1000, ratio) + target
        }
        var lines = [
            "xindesk bench store — \(rows) rows, \(reads) point reads, median of \(repeats), fresh files each repeat (SQLite \(String(cString: sqlite3_libversion())))",
            load,
            "the app's connections: PRAGMA cache_size = \(appCache) (\(appCache < 0 ? "\(-appCache) KiB" : "\(appCache) pages"))",
            left("workload", 46) + " " + right("plain ms", 10) + " " + right("encrypted ms", 12) + " " + right("ratio", 9) + "   target",
        ]
        for (c, cache) in caches.enumerated() {
            lines += [
                row("bulk insert (batches of 1,000), \(cache.name)", c, \.insert, "≤ 1.50×"),
                row("point reads, warm, \(cache.name)", c, \.pointReads, "≤ 1.15×"),
                row("full-scan aggregate, warm, \(cache.name)", c, \.scan, "≤ 1.15×"),
                row("reopen + first query, \(cache.name)", c, \.reopen, "(no target)"),
                row("full-scan aggregate, cold, \(cache.name)", c, \.coldScan, "(no target)"),
            ]
        }
        // The cold scan reads every page through the VFS once (the file
        // itself is in the OS cache on both sides): the difference per page
        // is what decrypting a page costs.
        let added = median(zip(plain[0], encrypted[0]).map { ($1.coldScan - $0.coldScan) / Double($1.pages) })
        lines.append(String(format: "cold scan, added per 4 KiB page (%d pages): %.2f µs; libsodium's XChaCha20-Poly1305 decryption of one page, same run: %.2f µs — the floor",
                            encrypted[0].first?.pages ?? 0, added * 1e6, median(sodiumPage) * 1e6))
        lines.append(MachineLoad.line("at end"))
        return lines.joined(separator: "\n")
    }

    /// The cache size the app's pools have (`UnlockedVault.makePool`), read
    /// from a pool on a scratch store rather than copied here, so this row
    /// follows the app when its setting changes.
    static func appCacheSize(in dir: String) throws -> Int {
        var secret = Array("bench-\(UInt64.random(in: 0...UInt64.max))".utf8)
        let (vault, _) = try Vault.create(database: dir + "/app-settings.db", account: "bench", roles: [.admin],
                                          passphrase: &secret, kdf: .preset(.interactive))
        defer { vault.lock() }
        let pool = try vault.makePool()
        let write = try pool.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0 }
        let read = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0 }
        try vault.close(pool)
        // Readers are what list and scan; the writer's size is the same unless a change makes it differ.
        return write == read ? read : min(write, read)
    }

    /// Seconds libsodium takes to decrypt and authenticate one page as the
    /// cipher VFS does (page_cipher.c: XChaCha20-Poly1305, 4,056 bytes of
    /// body, 28 bytes of associated data), the median of 20 batches.
    static func sodiumDecryptSeconds() -> Double {
        let body = Int(XCIPHER_PAGE_SIZE) - Int(XCIPHER_RESERVE)
        var key = [UInt8](repeating: 0, count: Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES))
        var nonce = [UInt8](repeating: 0, count: Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES))
        randombytes_buf(&key, key.count)
        randombytes_buf(&nonce, nonce.count)
        let ad = [UInt8](repeating: 7, count: 28)
        var plain = [UInt8](repeating: 0, count: body), cipher = plain, out = plain
        randombytes_buf(&plain, body)
        var mac = [UInt8](repeating: 0, count: Int(crypto_aead_xchacha20poly1305_ietf_ABYTES))
        crypto_aead_xchacha20poly1305_ietf_encrypt_detached(&cipher, &mac, nil, plain, UInt64(body), ad, UInt64(ad.count), nil, nonce, key)
        var batches: [Double] = []
        let perBatch = 500
        for _ in 0..<20 {
            let start = Clock.now
            for _ in 0..<perBatch {
                let rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(&out, nil, cipher, UInt64(body), mac, ad, UInt64(ad.count), nonce, key)
                precondition(rc == 0, "a page sealed a moment ago must open")
            }
            batches.append(Clock.seconds(start, Clock.now) / Double(perBatch))
        }
        precondition(out == plain)
        return batches.sorted()[batches.count / 2]
    }

    /// Runs the workload once on a fresh table and returns seconds per step.
    private func measure(path: String, vfs: String?, cache: Int) throws -> Figures {
        var f = Figures()
        var db = try open(path, vfs: vfs, cache: cache)
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
            db = try open(path, vfs: vfs, cache: cache)
            try exec(db, "SELECT count(*) FROM sqlite_schema")
        }
        // Every page now comes through the VFS (and, encrypted, is decrypted).
        f.coldScan = try time { try exec(db, "SELECT count(*), sum(length(note)), max(name) FROM bench") }
        var stmt: OpaquePointer?
        try check(db, sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &stmt, nil))
        if sqlite3_step(stmt) == SQLITE_ROW { f.pages = Int(sqlite3_column_int64(stmt, 0)) }
        sqlite3_finalize(stmt)
        sqlite3_close_v2(db)
        return f
    }

    private func open(_ path: String, vfs: String?, cache: Int) throws -> OpaquePointer? {
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
        try exec(db, "PRAGMA cache_size = \(cache)")
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
    case child(String)
    var description: String {
        switch self {
        case .sqlite(let m): "benchmark failed: \(m)"
        case .child(let m): "benchmark failed: \(m)"
        }
    }
}

/// SQLite's SQLITE_TRANSIENT (a macro Swift cannot import): copy the bound text.
let SQLITE_TRANSIENT_BENCH = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
