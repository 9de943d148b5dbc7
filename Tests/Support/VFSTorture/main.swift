// vfs-torture: a child process for the CipherVFS tests, which need things a
// test process cannot do to itself: be killed with SIGKILL mid-commit, write
// concurrently from another process, or put the spy VFS under the cipher
// before anything else in the process registers it.
//
//   vfs-torture crash DB wal|delete KEYHEX FILEIDHEX
//       commits transactions forever, printing each committed sequence number
//       (several may run on one database at once)
//   vfs-torture write DB KEYHEX FILEIDHEX WRITER COUNT
//       inserts COUNT rows through its own DatabasePool, one per transaction
//   vfs-torture spy DB wal|delete KEYHEX FILEIDHEX NAMESFILE
//       stores every name of NAMESFILE over the spy VFS and prints
//       "writes=N bytes=B hits=H" (H: writes that carried a name)
//   vfs-torture spy-plain …  the same, straight to the spy without the cipher
//       (the control: the spy must see the names then)
import CipherVFS
import Foundation
import GRDB
import GRDBSQLite
import SpyVFS

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("vfs-torture: \(message)\n".utf8))
    exit(2)
}

func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var i = hex.startIndex
    while i < hex.endIndex {
        let j = hex.index(i, offsetBy: 2)
        guard let b = UInt8(hex[i..<j], radix: 16) else { fail("bad hex") }
        out.append(b)
        i = j
    }
    return out
}

func configuration(journal: String?) -> Configuration {
    var config = Configuration()
    config.busyMode = .timeout(30)
    config.prepareDatabase { db in
        var reserve = Int32(XCIPHER_RESERVE)
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve)
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        if let journal { try db.execute(sql: "PRAGMA journal_mode = \(journal)") }
    }
    return config
}

func register(base: String?, path: String, keyHex: String, fileIdHex: String) {
    guard xcipher_register(XCIPHER_VFS_NAME, base, 1) == SQLITE_OK else { fail("register") }
    guard xcipher_key_add(path, bytes(hex: keyHex), bytes(hex: fileIdHex)) == SQLITE_OK else { fail("key") }
}

/// Commits forever. Each transaction adds one row to `log` (never deleted,
/// so every reported row must survive) and a blob of varying size to
/// `scratch`, rewrites a few earlier rows and sometimes deletes scratch, so
/// commits span one to dozens of pages.
func crash(path: String, mode: String) throws -> Never {
    let isWAL = mode == "wal"
    let queue = try DatabaseQueue(path: path, configuration: configuration(journal: isWAL ? "WAL" : "DELETE"))
    try queue.writeWithoutTransaction { db in
        // A tiny cache in rollback mode spills mid-transaction, so the
        // journal gets more than one header.
        try db.execute(sql: isWAL ? "PRAGMA cache_size = 50" : "PRAGMA cache_size = 5")
        try db.execute(sql: "PRAGMA synchronous = FULL")
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS log(seq INTEGER PRIMARY KEY, note TEXT)")
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS scratch(id INTEGER PRIMARY KEY, payload BLOB)")
    }
    var rng = SystemRandomNumberGenerator()
    while true {
        let size = [40, 900, 5000, 20000, 70000].randomElement(using: &rng)!
        // The next number is taken inside the write transaction, so two
        // children writing the same database at once never share one.
        let seq = try queue.write { db -> Int in
            let seq = try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) + 1 FROM log")!
            try db.execute(sql: "INSERT INTO log(seq, note) VALUES (?, ?)", arguments: [seq, "第\(seq)次提交"])
            try db.execute(sql: "INSERT INTO scratch(payload) VALUES (randomblob(?))", arguments: [size])
            try db.execute(sql: "UPDATE log SET note = note || '.' WHERE seq IN (SELECT seq FROM log ORDER BY random() LIMIT 3)")
            if seq % 4 == 0 {
                try db.execute(sql: "DELETE FROM scratch WHERE id IN (SELECT id FROM scratch ORDER BY random() LIMIT 2)")
            }
            return seq
        }
        print(seq)
        fflush(nil)
        if isWAL && seq % 5 == 0 {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        }
    }
}

func write(path: String, writer: String, count: Int) throws {
    let pool = try DatabasePool(path: path, configuration: configuration(journal: nil))
    try pool.write { db in
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS rows(writer TEXT, n INTEGER, PRIMARY KEY(writer, n))")
    }
    for n in 0..<count {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO rows(writer, n) VALUES (?, ?)", arguments: [writer, n])
        }
    }
    try pool.close()
}

/// The plaintext workload of the issue: many distinctive names, stored,
/// indexed, updated and partly deleted, with a cache small enough to spill.
func spyWorkload(path: String, mode: String, namesFile: String, plain: Bool) throws {
    let names = try String(contentsOfFile: namesFile, encoding: .utf8).split(separator: "\n").map(String.init)
    for name in names { spy_add_marker(name, Int32(name.utf8.count)) }
    let isWAL = mode == "wal"
    let config = configuration(journal: isWAL ? "WAL" : "DELETE")
    // The control run goes straight to the spy, unencrypted, to show that the
    // spy does see names when they are written.
    let target = plain ? "file:\(path)?vfs=spy" : path
    let writer: any DatabaseWriter = isWAL ? try DatabasePool(path: target, configuration: config)
                                           : try DatabaseQueue(path: target, configuration: config)
    try writer.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA cache_size = 3")
        try db.execute(sql: "CREATE TABLE students(id INTEGER PRIMARY KEY, name TEXT, note TEXT)")
        try db.execute(sql: "CREATE INDEX students_name ON students(name)")
    }
    for chunk in stride(from: 0, to: names.count, by: 100) {
        try writer.write { db in
            for name in names[chunk..<min(chunk + 100, names.count)] {
                try db.execute(sql: "INSERT INTO students(name, note) VALUES (?, ?)",
                               arguments: [name, "谈话记录：\(name) 本周情绪稳定"])
            }
        }
    }
    try writer.write { db in
        try db.execute(sql: "UPDATE students SET note = note || '（复查）' WHERE id % 3 = 0")
        try db.execute(sql: "DELETE FROM students WHERE id % 10 = 0")
        _ = try Row.fetchAll(db, sql: "SELECT name FROM students ORDER BY note DESC LIMIT 5")
    }
    try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
    if let pool = writer as? DatabasePool {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(RESTART)") }
    }
    // Keep the WAL (and -shm) on disk for the test's scan: do not close a
    // pool cleanly in WAL mode (closing checkpoints and deletes the WAL).
    let count = try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM students")! }
    print("writes=\(spy_write_count()) bytes=\(spy_bytes_written()) hits=\(spy_marker_hits()) rows=\(count)")
    fflush(nil)
    exit(0)
}

let args = CommandLine.arguments
guard args.count >= 6 else { fail("usage: see the header of main.swift") }
do {
    switch args[1] {
    case "crash":
        register(base: nil, path: args[2], keyHex: args[4], fileIdHex: args[5])
        try crash(path: args[2], mode: args[3])
    case "write":
        guard args.count == 7, let count = Int(args[6]) else { fail("usage: write DB KEY FILEID WRITER COUNT") }
        register(base: nil, path: args[2], keyHex: args[3], fileIdHex: args[4])
        try write(path: args[2], writer: args[5], count: count)
    case "spy", "spy-plain":
        guard args.count == 7 else { fail("usage: spy DB MODE KEY FILEID NAMES") }
        guard spy_register() == SQLITE_OK else { fail("spy") }
        register(base: "spy", path: args[2], keyHex: args[4], fileIdHex: args[5])
        try spyWorkload(path: args[2], mode: args[3], namesFile: args[6], plain: args[1] == "spy-plain")
    default:
        fail("unknown mode \(args[1])")
    }
} catch {
    fail("\(error)")
}
