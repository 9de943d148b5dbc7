import Counseling
import Foundation
import GRDB
import Vault
import XCTest

/// Shared fixture of the Vault tests: every test runs in its own temporary
/// folder (removed afterwards) and uses Argon2id parameters cheap enough to
/// run hundreds of derivations in a second. Student names are synthetic.
class VaultTestCase: XCTestCase {
    /// The cheapest parameters libsodium accepts (1 pass, 8 KiB).
    static let tinyKDF = KDFParameters(opsLimit: 1, memLimit: 8192)

    private(set) var dir = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        XCTAssertTrue(Self.tinyKDF.isAcceptable, "the test KDF parameters must be accepted by the vault")
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("xindesk-vault-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if !dir.isEmpty, FileManager.default.fileExists(atPath: dir) {
            try FileManager.default.removeItem(atPath: dir)
        }
        try super.tearDownWithError()
    }

    /// A path inside this test's folder.
    func path(_ name: String) -> String { dir + "/" + name }

    /// The default database of a test.
    var db: String { path("school.db") }

    // MARK: - vaults

    /// Creates a store with an administrator account and returns it unlocked.
    func create(_ database: String? = nil, account: String = "alice", roles: [Role] = [.admin, .counselor],
                passphrase: String = "alice-pass") throws -> (vault: UnlockedVault, recoveryKey: String) {
        var bytes = Array(passphrase.utf8)
        return try Vault.create(database: database ?? db, account: account, roles: roles,
                                passphrase: &bytes, kdf: Self.tinyKDF)
    }

    func unlock(_ database: String? = nil, _ account: String = "alice", _ passphrase: String = "alice-pass")
        throws -> UnlockedVault {
        var bytes = Array(passphrase.utf8)
        return try Vault.unlock(database: database ?? db, account: account, passphrase: &bytes)
    }

    func addAccount(_ vault: UnlockedVault, _ name: String, roles: [Role], passphrase: String) throws {
        var bytes = Array(passphrase.utf8)
        try vault.addAccount(name, roles: roles, passphrase: &bytes, kdf: Self.tinyKDF)
    }

    /// The names every fixture stores, distinctive enough to search for in files.
    static func studentName(_ i: Int) -> String { "ZXQ-marker-学生\(i)-王小明" }

    /// Writes `count` students (with a long note, so they span several pages)
    /// through a pool, then closes it, which checkpoints the WAL into the file.
    func writeStudents(_ vault: UnlockedVault, count: Int = 120, from start: Int = 0) throws {
        let pool = try vault.makePool()
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS student(
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL, class TEXT NOT NULL, note TEXT NOT NULL)
                """)
            for i in start..<(start + count) {
                try db.execute(sql: "INSERT INTO student(id, name, class, note) VALUES (?, ?, ?, ?)",
                               arguments: [i, Self.studentName(i), "\(7 + i % 3)年级\(i % 10)班",
                                           String(repeating: "平时表现良好 note \(i) ", count: 8)])
            }
        }
        try pool.close()
    }

    /// All student names, read through a fresh queue from `vault`.
    func studentNames(_ vault: UnlockedVault) throws -> [String] {
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM student ORDER BY id") }
    }

    /// Every column of every student, as text.
    func studentRows(_ vault: UnlockedVault) throws -> [String] {
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT id || '|' || name || '|' || class || '|' || note FROM student ORDER BY id")
        }
    }

    func expectedNames(_ count: Int = 120) -> [String] { (0..<count).map(Self.studentName) }

    // MARK: - files

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The bytes of each file (nil when absent), to compare before and after.
    func snapshot(_ paths: [String]) -> [String: Data?] {
        Dictionary(uniqueKeysWithValues: paths.map { ($0, contents($0)) })
    }

    /// The store's files, plus the list of names in the folder.
    func storeFiles(_ database: String? = nil) -> [String] {
        let d = database ?? db
        return [d, d + "-wal", d + "-shm", d + "-journal", d + ".keys", d + ".lock", d + ".rotate", d + ".keys.next"]
    }

    func folderListing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    func assertUnchanged(_ before: [String: Data?], file: StaticString = #filePath, line: UInt = #line) {
        for (p, data) in before.sorted(by: { $0.key < $1.key }) {
            let now = contents(p)
            XCTAssertTrue(now == data, "\(p) changed (\(data?.count ?? -1) -> \(now?.count ?? -1) bytes)",
                          file: file, line: line)
        }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// XORs one byte of a file in place.
    func flipByte(in path: String, at offset: Int) throws {
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let old = try XCTUnwrap(handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: [old ^ 0x5A])
    }

    static let pageSize = 4096

    // MARK: - keyring

    func readKeyring(_ database: String? = nil) throws -> Keyring {
        try JSONDecoder().decode(Keyring.self, from: XCTUnwrap(contents((database ?? db) + ".keys")))
    }

    /// Writes a keyring as someone editing the file by hand would (no new MAC).
    func writeKeyring(_ keyring: Keyring, _ database: String? = nil) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(keyring).write(to: URL(fileURLWithPath: (database ?? db) + ".keys"))
    }

    // MARK: - assertions

    /// Runs `body` and checks it throws exactly `expected`.
    func assertThrows<T>(_ expected: VaultError, file: StaticString = #filePath, line: UInt = #line,
                         _ body: () throws -> T) {
        assertThrows(file: file, line: line, body) { error in
            XCTAssertEqual(error, expected, file: file, line: line)
        }
    }

    /// Runs `body`, checks it throws a `VaultError`, and hands it to `check`.
    func assertThrows<T>(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T,
                         _ check: (VaultError) -> Void) {
        do {
            let value = try body()
            XCTFail("expected a VaultError, got \(value)", file: file, line: line)
        } catch let error as VaultError {
            check(error)
        } catch {
            XCTFail("expected a VaultError, got \(error)", file: file, line: line)
        }
    }
}
