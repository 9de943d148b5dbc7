// store-writer: a child process for the Vault tests. Several run at once on
// one encrypted store, as several xindesk workstations would.
//
//   store-writer DB ACCOUNT WRITER COUNT      (passphrase in STORE_WRITER_PASSPHRASE)
//
// Unlocks DB as ACCOUNT, prints "ready" and waits for a line on stdin (so the
// test can start every child at the same moment), then opens a pool through
// the vault, brings its own small schema up to date with
// `migrateConcurrently`, and commits COUNT transactions, each reading the
// highest sequence number and inserting the next one for WRITER (a read
// then a write in one transaction: the case a DEFERRED transaction cannot
// wait for), and reading back through the pool's readers after each. Ends
// with the vault's clean close and prints
//   "wrote W failed F close OUTCOME"
// exiting 0 only when no transaction failed. Independent of the Store module.
import Foundation
import GRDB
import Vault

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("store-writer: \(message)\n".utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count == 5, let count = Int(args[4]) else { fail("usage: store-writer DB ACCOUNT WRITER COUNT") }
let (database, account, writer) = (args[1], args[2], args[3])
guard let secret = ProcessInfo.processInfo.environment["STORE_WRITER_PASSPHRASE"] else {
    fail("STORE_WRITER_PASSPHRASE is not set")
}

var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("t") { db in
        try db.execute(sql: """
            CREATE TABLE t(seq INTEGER PRIMARY KEY, writer TEXT NOT NULL, n INTEGER NOT NULL, UNIQUE(writer, n))
            """)
    }
    m.registerMigration("t-by-writer") { db in
        try db.execute(sql: "CREATE INDEX t_by_writer ON t(writer, seq)")
    }
    return m
}

let vault: UnlockedVault
do {
    var passphrase = Array(secret.utf8)
    vault = try Vault.unlock(database: database, account: account, passphrase: &passphrase)
} catch {
    fail("unlock: \(error)")
}
print("ready")
fflush(nil)
_ = readLine()

let pool: DatabasePool
do {
    pool = try vault.makePool()
    try migrator.migrateConcurrently(pool)
} catch {
    fail("open and migrate: \(error)")
}

var wrote = 0, failed = 0
for n in 0..<count {
    do {
        try pool.write { db in
            let next = try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) + 1 FROM t")!
            try db.execute(sql: "INSERT INTO t(seq, writer, n) VALUES (?, ?, ?)", arguments: [next, writer, n])
        }
        wrote += 1
        let mine = try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE writer = ?", arguments: [writer])!
        }
        if mine != wrote { throw NSError(domain: "store-writer", code: 1, userInfo: [
            NSLocalizedDescriptionKey: "read back \(mine) rows after writing \(wrote)"]) }
    } catch {
        failed += 1
        FileHandle.standardError.write(Data("store-writer \(writer) #\(n): \(error)\n".utf8))
    }
}

let outcome: CloseOutcome
do {
    outcome = try vault.close(pool)
} catch {
    fail("close: \(error)")
}
vault.lock()
print("wrote \(wrote) failed \(failed) close \(outcome)")
fflush(nil)
exit(failed == 0 ? 0 : 1)
