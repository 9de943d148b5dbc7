import CipherVFS
import Foundation
import GRDB
import XCTest

/// A child commits and reports each commit; it is killed with SIGKILL at
/// random moments (during startup and recovery, mid-transaction, mid-commit,
/// mid-checkpoint). Every reopen must pass integrity_check and hold every
/// transaction the child reported.
final class CrashTests: CipherTestCase {
    /// Collects a child's stdout on a thread of its own, so the test can poll
    /// it without blocking.
    final class OutputCollector: @unchecked Sendable {
        private let lock = NSLock()
        private var buffer = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            let fd = handle.fileDescriptor
            Thread.detachNewThread { [self] in
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = read(fd, &chunk, chunk.count)
                    if n <= 0 { break }
                    lock.withLock { buffer.append(contentsOf: chunk[0..<n]) }
                }
                done.signal()
            }
        }

        var lineCount: Int { lock.withLock { buffer.filter { $0 == 0x0A }.count } }

        func finish() -> [Int] {
            done.wait()
            return lock.withLock {
                String(decoding: buffer, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
            }
        }
    }

    /// `writers` children write the database at once (in WAL mode, two
    /// workstations); all are killed, one after the other.
    private func crashRepeatedly(mode: String, runs: Int, writers: Int = 1) throws {
        var rng = SystemRandomNumberGenerator()
        var everReported = Set<Int>()
        var killedMidStream = 0
        for run in 0..<runs {
            var children: [(process: Process, collector: OutputCollector, errors: Pipe)] = []
            for _ in 0..<writers {
                let child = try torture(["crash", db, mode, Self.hex(key), Self.hex(fileId)])
                let out = Pipe(), err = Pipe()
                child.standardOutput = out
                child.standardError = err
                try child.run()
                children.append((child, OutputCollector(out.fileHandleForReading), err))
            }
            // Kill after 0-4 reported commits plus 0-12 ms: from "still
            // starting up (maybe replaying the last crash)" to "mid-commit".
            let commits = Int.random(in: 0...4, using: &rng)
            let deadline = Date().addingTimeInterval(20)
            while children.map(\.collector.lineCount).reduce(0, +) < commits
                    && children.allSatisfy(\.process.isRunning) && Date() < deadline { usleep(200) }
            var reported: [Int] = []
            for (child, collector, err) in children.shuffled(using: &rng) {
                usleep(UInt32.random(in: 0...12_000, using: &rng) / UInt32(writers))
                let wasRunning = child.isRunning
                kill(child.processIdentifier, SIGKILL)
                child.waitUntilExit()
                reported += collector.finish()
                let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                XCTAssertTrue(wasRunning, "run \(run): the child stopped by itself: \(errors)")
                XCTAssertEqual(child.terminationReason, .uncaughtSignal, "run \(run): \(errors)")
            }
            if !reported.isEmpty { killedMidStream += 1 }
            everReported.formUnion(reported)

            let q: DatabaseQueue
            do {
                q = try queue(journal: mode == "wal" ? "WAL" : "DELETE")
            } catch {
                var f = xcipher_failure()
                let has = xcipher_last_failure(&f)
                let code = (error as? DatabaseError).map { "\($0.extendedResultCode.rawValue)" } ?? "-"
                let reason = withUnsafeBytes(of: f.reason) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                XCTFail("run \(run): reopen failed: \(error) (extended code \(code)); cipher failure \(has): kind \(f.kind) page \(f.page) offset \(f.offset) \(reason)")
                return
            }
            let (check, present) = try q.read { db -> ([String], Set<Int>) in
                let exists = try db.tableExists("log")
                let seqs = exists ? try Int.fetchSet(db, sql: "SELECT seq FROM log") : []
                return (try String.fetchAll(db, sql: "PRAGMA integrity_check"), seqs)
            }
            try q.close()
            XCTAssertEqual(check, ["ok"], "run \(run)")
            let lost = everReported.subtracting(present)
            XCTAssertTrue(lost.isEmpty, "run \(run): reported commits lost: \(lost.sorted().prefix(10))")
            if !lost.isEmpty || check != ["ok"] { return }
        }
        XCTAssertGreaterThan(killedMidStream, runs / 2, "most kills should land after some commits")
        XCTAssertGreaterThan(everReported.count, runs)
    }

    func testTwoHundredKillsInWALModeLoseNoReportedCommit() throws {
        try crashRepeatedly(mode: "wal", runs: 200)
    }

    func testTwoHundredKillsInRollbackModeLoseNoReportedCommit() throws {
        try crashRepeatedly(mode: "delete", runs: 200)
    }

    /// Two workstations writing one WAL, killed together: one may die after
    /// syncing a commit and before publishing it, while the other goes on
    /// (and may restart the WAL over it). Every reopen must pass the WAL
    /// check (no crash is taken for tampering) and lose no reported commit.
    func testOneHundredKillsOfTwoWritersInWALModeLoseNoReportedCommit() throws {
        let q = try queue(journal: "WAL")
        try q.write { db in
            try db.execute(sql: "CREATE TABLE log(seq INTEGER PRIMARY KEY, note TEXT)")
            try db.execute(sql: "CREATE TABLE scratch(id INTEGER PRIMARY KEY, payload BLOB)")
        }
        try q.close()
        try crashRepeatedly(mode: "wal", runs: 100, writers: 2)
    }
}
