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

    private func crashRepeatedly(mode: String, runs: Int) throws {
        var rng = SystemRandomNumberGenerator()
        var everReported = Set<Int>()
        var killedMidStream = 0
        for run in 0..<runs {
            let child = try torture(["crash", db, mode, Self.hex(key), Self.hex(fileId)])
            let out = Pipe(), err = Pipe()
            child.standardOutput = out
            child.standardError = err
            try child.run()
            let collector = OutputCollector(out.fileHandleForReading)
            // Kill after 0-4 reported commits plus 0-12 ms: from "still
            // starting up (maybe replaying the last crash)" to "mid-commit".
            let commits = Int.random(in: 0...4, using: &rng)
            let deadline = Date().addingTimeInterval(20)
            while collector.lineCount < commits && child.isRunning && Date() < deadline { usleep(200) }
            usleep(UInt32.random(in: 0...12_000, using: &rng))
            let wasRunning = child.isRunning
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let reported = collector.finish()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertTrue(wasRunning, "run \(run): the child stopped by itself: \(errors)")
            XCTAssertEqual(child.terminationReason, .uncaughtSignal, "run \(run): \(errors)")
            if !reported.isEmpty { killedMidStream += 1 }
            everReported.formUnion(reported)

            let q: DatabaseQueue
            do {
                q = try queue(journal: mode == "wal" ? "WAL" : "DELETE")
            } catch {
                var f = xcipher_failure()
                let has = xcipher_last_failure(&f)
                let code = (error as? DatabaseError).map { "\($0.extendedResultCode.rawValue)" } ?? "-"
                XCTFail("run \(run): reopen failed: \(error) (extended code \(code)); cipher failure \(has): kind \(f.kind) page \(f.page) offset \(f.offset)")
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
}
