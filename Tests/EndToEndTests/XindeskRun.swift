import Foundation
import XCTest

/// The real `xindesk` run as a teacher's shell would run it, for the
/// setup steps and reports around a tmux journey.
enum XindeskRun {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `xindesk ARGUMENTS` with `HOME` at `home`, English messages and
    /// the test-only cheap key derivation allowed, plus `environment`.
    @discardableResult
    static func run(_ arguments: [String], home: String, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Products.path("xindesk"))
        process.arguments = arguments
        process.environment = ["HOME": home, "LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin", "XINDESK_ALLOW_WEAK_KDF": "1"]
            .merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes drain while it runs, so a long report cannot block it.
        let stderr = Drained()
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) { stderr.data = err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr.data, as: UTF8.self))
    }

    /// Written by one reader thread, read after it is done (the group's wait).
    private final class Drained: @unchecked Sendable { var data = Data() }

    /// As `run`, failing the test unless it succeeds; what it printed.
    @discardableResult
    static func succeed(_ arguments: [String], home: String, environment: [String: String] = [:],
                        file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(arguments, home: home, environment: environment)
        XCTAssertEqual(result.status, 0, "xindesk \(arguments.prefix(3).joined(separator: " ")) failed: \(result.stderr)",
                       file: file, line: line)
        return result.stdout
    }
}
