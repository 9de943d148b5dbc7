import Foundation
import XCTest

/// Runs the real `xindesk` binary as a child process: environment built from
/// scratch, stdin from /dev/null (no terminal, so no prompt), stdout and
/// stderr captured. Every test has its own folder, removed afterwards.
class CLITestCase: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private(set) var dir = ""

    /// The database most tests use.
    var db: String { dir + "/school.db" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if !dir.isEmpty, FileManager.default.fileExists(atPath: dir) {
            try FileManager.default.removeItem(atPath: dir)
        }
        try super.tearDownWithError()
    }

    /// A demo school of `students` in `db` (accounts duty, counselor, head; passphrase demo1234).
    func demo(students: Int = 60) throws {
        let run = try xindesk(["demo", "--db", db, "--students", "\(students)"])
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    /// A new file in the test's folder holding `text` as UTF-8; its path.
    func csv(_ text: String) -> String {
        let path = dir + "/in-\(UUID().uuidString).csv"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// `file` converted by iconv to GB18030, as Chinese Excel saves a CSV; its path.
    func gb18030(_ file: String) throws -> String {
        let converted = dir + "/gb-\(UUID().uuidString).csv"
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", file, "-o", converted]
        try iconv.run()
        iconv.waitUntilExit()
        XCTAssertEqual(iconv.terminationStatus, 0, "iconv")
        return converted
    }

    /// The executable, built next to the test bundle. On macOS the bundle is
    /// the .xctest folder beside it; on Linux, bundleURL already names the
    /// folder that holds the test executable and xindesk.
    var binary: URL {
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle.deletingLastPathComponent(), bundle].map { $0.appendingPathComponent("xindesk") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `xindesk arguments…`. The environment holds only PATH, HOME (this
    /// test's folder), TMPDIR and LANG (English unless overridden), plus `env`.
    /// Arguments with `--kdf interactive` (the cheap key derivation the suite
    /// uses to stay fast) also get `XINDESK_ALLOW_WEAK_KDF=1`, the variable
    /// that says "this is a test" (outside tests `init`, `user add` and
    /// `user passwd` refuse `interactive`), unless `allowWeakKDF` is false.
    @discardableResult
    func xindesk(_ arguments: [String], env: [String: String] = [:], allowWeakKDF: Bool = true,
                 file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path),
                      "xindesk not found at \(binary.path)", file: file, line: line)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": dir,
            "TMPDIR": dir,
            "LANG": "en_US.UTF-8",
        ]
        if allowWeakKDF, zip(arguments, arguments.dropFirst()).contains(where: { $0 == ("--kdf", "interactive") }) {
            environment["XINDESK_ALLOW_WEAK_KDF"] = "1"
        }
        environment.merge(env) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        // Output files of their own, so commands can run side by side.
        let tag = UUID().uuidString
        let outURL = URL(fileURLWithPath: dir + "/.stdout-" + tag), errURL = URL(fileURLWithPath: dir + "/.stderr-" + tag)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let run = Run(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
        try FileManager.default.removeItem(at: outURL)
        try FileManager.default.removeItem(at: errURL)
        return run
    }

    // MARK: - shortcuts

    static let kdf = ["--kdf", "interactive"]

    /// `xindesk init` for alice with the passphrase "alice-passphrase";
    /// returns the printed recovery key.
    @discardableResult
    func initStore(_ database: String? = nil, user: String = "alice", passphrase: String = "alice-passphrase",
                   roles: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let run = try xindesk(["init", "--db", database ?? db, "--user", user] + (roles.isEmpty ? [] : ["--role"] + roles) + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": passphrase], file: file, line: line)
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return recoveryKey(in: run.stdout) ?? ""
    }

    /// Runs a command unlocked as `user`, with the passphrase in XINDESK_PASSPHRASE.
    @discardableResult
    func xindesk(as user: String, _ passphrase: String, _ arguments: [String], database: String? = nil,
                 env: [String: String] = [:], allowWeakKDF: Bool = true,
                 file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        var environment = env
        environment["XINDESK_PASSPHRASE"] = passphrase
        return try xindesk(arguments + ["--db", database ?? db, "--user", user], env: environment,
                           allowWeakKDF: allowWeakKDF, file: file, line: line)
    }

    /// The recovery key line of `init`'s output: 16 groups of 4 hex digits.
    func recoveryKey(in output: String) -> String? {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { line in
            let groups = line.split(separator: "-", omittingEmptySubsequences: false)
            return groups.count == 16 && groups.allSatisfy { $0.count == 4 && $0.allSatisfy(\.isHexDigit) }
        }
    }

    // MARK: - files

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// SHA-256 (sha256sum) of each of the store's files, "absent" when missing.
    func hashes(_ database: String? = nil) throws -> [String: String] {
        let d = database ?? db
        var result: [String: String] = [:]
        for file in [d, d + "-wal", d + "-shm", d + "-journal", d + ".keys"] {
            guard exists(file) else { result[file] = "absent"; continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [file]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            result[file] = String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
        }
        return result
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
