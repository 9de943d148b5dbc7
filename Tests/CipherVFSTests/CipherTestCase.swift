import CipherVFS
import Foundation
import GRDB
import GRDBSQLite
import SpyVFS
import Vault
import XCTest

/// Shared setup for the VFS tests: a fresh folder per test, a random key and
/// file id registered for the test's database, GRDB configured the way the
/// Vault configures it, and the `vfs-torture` child process.
class CipherTestCase: XCTestCase {
    private(set) var dir = ""
    var db: String { dir + "/test.db" }
    var key: [UInt8] = []
    var fileId: [UInt8] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-vfs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        CipherRuntime.ensureRegistered()
        key = Self.random(Int(XCIPHER_KEY_BYTES))
        fileId = Self.random(Int(XCIPHER_FILE_ID_BYTES))
        try register(db, key: key, fileId: fileId)
        xcipher_failure_clear()
    }

    override func tearDownWithError() throws {
        _ = xcipher_key_remove(db)
        if !dir.isEmpty { try? FileManager.default.removeItem(atPath: dir) }
        try super.tearDownWithError()
    }

    static func random(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 0...255) } }
    static func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }

    func register(_ path: String, key: [UInt8], fileId: [UInt8]) throws {
        XCTAssertEqual(xcipher_key_add(path, key, fileId), SQLITE_OK)
    }

    /// The cipher's setup first, then the journal mode: switching to WAL
    /// on an empty file writes page 1, which must already carry the
    /// reserved bytes (the other order is refused by the VFS, as it should be).
    func config(journal: String? = nil) -> Configuration {
        var base = Configuration()
        base.busyMode = .timeout(30)
        var c = CipherRuntime.configuration(base)
        if let journal {
            c.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = \(journal)") }
        }
        return c
    }

    func queue(_ path: String? = nil, journal: String = "DELETE") throws -> DatabaseQueue {
        try DatabaseQueue(path: path ?? db, configuration: config(journal: journal))
    }

    func pool(_ path: String? = nil) throws -> DatabasePool {
        try DatabasePool(path: path ?? db, configuration: config())
    }

    func contents(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    }

    func write(_ bytes: [UInt8], to path: String) {
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    /// Whether `needle` occurs anywhere in `haystack` (glibc's memmem: the
    /// scans cover thousands of names over megabytes).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in spy_contains(h.baseAddress, h.count, n.baseAddress, n.count) != 0 }
        }
    }

    // MARK: - the child process

    var tortureBinary: URL {
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("vfs-torture") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    func torture(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: tortureBinary.path), "vfs-torture not built")
        let p = Process()
        p.executableURL = tortureBinary
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        p.environment = env
        return p
    }

    /// Runs the child to completion and returns its stdout.
    func runTorture(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String) {
        let p = try torture(arguments, environment: environment)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self) + String(decoding: errData, as: UTF8.self))
    }
}
