import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A private tmux server driving a real binary: type, resize, read the
/// screen. Waits by polling the pane, never by fixed sleeps.
final class Tmux {
    let socket = "xindesk-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Runs a tmux command with posix_spawn and waitpid. Not Foundation's
    /// Process: the server that `new-session` forks keeps inherited
    /// descriptors open, and Process then never sees its client exit.
    /// Output goes to a file for the same reason.
    @discardableResult
    func run(_ args: [String]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString)").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, args.first == "new-session" ? "/dev/null" : outPath,
                                         O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux", "-u", "-L", socket, "-f", "/dev/null"] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        guard rc == 0 else { throw NSError(domain: "tmux", code: Int(rc)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
    }

    /// Starts `command` in a detached session of the given size.
    func start(_ command: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]
        env.merge(environment) { _, new in new }
        let exports = env.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let line = "env " + exports + " " + command.map(Self.quote).joined(separator: " ")
        try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", line])
        try run(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Types text literally (Chinese included).
    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    /// Sends named keys ("Enter", "Escape", "C-q", "Tab", "F2").
    func press(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", session]) }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen and everything scrolled off it (the pane's history).
    func screenAndHistory() throws -> String { try run(["capture-pane", "-p", "-S", "-", "-E", "-", "-t", session]) }

    /// Whether the program in the pane has exited.
    func paneDead() throws -> Bool {
        try run(["display-message", "-p", "-t", session, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The pane's process (the program: `start` runs it through `env`, which execs it).
    func panePID() throws -> pid_t {
        pid_t(try run(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Waits until the program in the pane has exited.
    func waitUntilDead(_ what: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !paneDead(), Date() < deadline { usleep(50_000) }
        XCTAssertTrue(try paneDead(), "\(what): the program is still running", file: file, line: line)
    }

    /// Polls the screen until `condition` holds (up to `timeout` seconds).
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        // The screen goes to a file too: XCTest's log may not show it whole.
        try? last.write(toFile: FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-e2e-timeout.txt").path,
                        atomically: true, encoding: .utf8)
        XCTFail("timed out waiting for \(what); screen was:\n\(last)", file: file, line: line)
        return last
    }

    func kill() { _ = try? run(["kill-server"]) }
}

/// The built products, next to the test bundle.
enum Products {
    static func path(_ name: String) -> String {
        let bundle = Bundle(for: Tmux.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent(name).path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }
}
