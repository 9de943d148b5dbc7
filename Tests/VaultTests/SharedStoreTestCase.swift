import Foundation
import GRDB
import Vault
import XCTest

/// What the clean-close and concurrency tests share: rows written through a
/// writer the test keeps open, the size of the WAL, and a look at what a
/// copy of only the `.db` and `.keys` holds.
class SharedStoreTestCase: VaultTestCase {
    /// Inserts students `range` in one transaction (creating the table when
    /// missing), then reads them back through the writer's readers.
    func insertStudents(_ writer: any DatabaseWriter, _ range: Range<Int>,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        try writer.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS student(
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL, class TEXT NOT NULL, note TEXT NOT NULL)
                """)
            for i in range {
                try db.execute(sql: "INSERT INTO student(id, name, class, note) VALUES (?, ?, ?, ?)",
                               arguments: [i, Self.studentName(i), "\(7 + i % 3)年级\(i % 10)班",
                                           String(repeating: "平时表现良好 note \(i) ", count: 8)])
            }
        }
        let count = try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM student")! }
        XCTAssertGreaterThanOrEqual(count, range.count, file: file, line: line)
    }

    /// Size of the store's `-wal` file, nil when there is none.
    func walSize(_ database: String? = nil) -> Int? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: (database ?? db) + "-wal")
        return (attributes?[.size] as? NSNumber)?.intValue
    }

    /// Copies only `school.db` and `school.db.keys` (no `-wal`, no `-shm`)
    /// into a folder of their own, as a teacher copying the store by hand
    /// would, unlocks the copy with alice's passphrase and runs `sql` on it.
    /// Returns [] when the copy has no table `table`.
    func copyOfDatabaseAndKeys(_ sql: String, table: String = "student") throws -> [String] {
        let folder = path("copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = folder + "/school.db"
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        try FileManager.default.copyItem(atPath: db + ".keys", toPath: copy + ".keys")
        let vault = try unlock(copy)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try queue.read { db in
            guard try db.tableExists(table) else { return [] }
            return try String.fetchAll(db, sql: sql)
        }
    }

    /// Compares rows by count and first difference (a plain XCTAssertEqual
    /// would print two arrays of hundreds of long rows).
    func assertRows(_ actual: [String], _ expected: [String], _ message: String = "",
                    file: StaticString = #filePath, line: UInt = #line) {
        guard actual != expected else { return }
        let firstDifference = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }
        let detail = firstDifference.map { "row \($0.offset) is \($0.element.0), expected \($0.element.1)" }
            ?? "one is a prefix of the other"
        XCTFail("\(actual.count) rows, expected \(expected.count); \(detail) \(message)", file: file, line: line)
    }

    static let everyStudentRow = "SELECT id || '|' || name || '|' || class || '|' || note FROM student ORDER BY id"

    func expectedRows(_ range: Range<Int>) -> [String] {
        range.map { i in
            "\(i)|\(Self.studentName(i))|\(7 + i % 3)年级\(i % 10)班|" + String(repeating: "平时表现良好 note \(i) ", count: 8)
        }
    }
}

/// A value one thread sets and another reads.
final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
