import Foundation
import Store
import Vault
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The screen and the process: the lock screen gives nothing back but to a
/// passphrase, and whichever way the program ends (quit, a form, a signal,
/// a crash) no student's name is left on the terminal, on terminals without
/// an alternate screen (`TERM=linux`, `vt100`) too, and Swift's crash
/// backtracer never takes the terminal.
final class ScreenExitTests: XCTestCase {
    private var tmux: Tmux!
    private var dir = ""
    private var db: String { dir + "/demo.db" }
    /// Texts of Swift's runtime backtracer (its banner, its interactive prompt).
    private let backtracer = ["Backtracing", "crashed", "Press space", "Registers", "Thread 0"]

    override func setUpWithError() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed (scripts/ensure-packages installs it)") }
        dir = try DemoDatabase.make(students: 120, seed: 9)
        tmux = Tmux()
    }

    override func tearDownWithError() throws {
        tmux?.kill()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A new tmux server running the workstation, unlocked as duty.
    private func open(term: String = "xterm-256color") throws {
        tmux?.kill()
        tmux = Tmux()
        try tmux.start([Products.path("xindesk"), "--db", db, "--lang", "en"], width: 100, height: 30,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config", "TERM": term])
        try tmux.waitFor("the unlock screen (TERM=\(term))") { $0.contains("Unlock") && $0.contains("recovery key") }
        try tmux.press("Down")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of duty (TERM=\(term))") { $0.contains(DemoDatabase.title("duty")) }
    }

    private func studentNames() throws -> [String] {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "counselor", passphrase: &p)
        defer { vault.lock() }
        return try Store(vault: vault, writer: try vault.makeQueue()).studentList().map(\.name)
    }

    /// The state letter of /proc/PID/stat: R, S, T (stopped) …
    private func processState(_ pid: pid_t) -> String {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return "?" }
        return String(stat[stat.index(close, offsetBy: 2)])
    }

    private func assertNothingLeft(_ names: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let left = try tmux.screenAndHistory()
        let shown = names.filter { left.contains($0) }
        XCTAssertEqual(shown, [], "\(what): names left on the terminal:\n\(left)", file: file, line: line)
        for text in backtracer { XCTAssertFalse(left.contains(text), "\(what): \(text)\n\(left)", file: file, line: line) }
    }

    // MARK: - the lock screen and Ctrl-Z, from a teacher's shell

    /// The prompt of the shell the workstation is started from (PS1 adds a space).
    private let prompt = "teacher-shell$"

    /// A new tmux server running an interactive shell (job control on, as
    /// a teacher's terminal has) that runs the workstation, unlocked as
    /// duty. tmux itself continues a program stopped in a pane of its own,
    /// so Ctrl-Z shows only under a shell.
    private func openFromAShell(term: String) throws -> pid_t {
        tmux?.kill()
        tmux = Tmux()
        try tmux.start(["bash", "--norc", "--noprofile", "-i"], width: 100, height: 30,
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config", "TERM": term, "PS1": prompt + " "])
        try tmux.waitFor("the shell") { $0.contains(self.prompt) }
        let shell = try tmux.panePID()
        try tmux.type(([Products.path("xindesk"), "--db", db, "--lang", "en"]).map(Tmux.quote).joined(separator: " "))
        try tmux.press("Enter")
        try tmux.waitFor("the unlock screen (TERM=\(term))") { $0.contains("Unlock") && $0.contains("recovery key") }
        try tmux.press("Down")
        try tmux.type("demo1234")
        try tmux.press("Enter")
        try tmux.waitFor("the main screen of duty (TERM=\(term))") { $0.contains(DemoDatabase.title("duty")) }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return try XCTUnwrap(children.split(separator: " ").compactMap { pid_t($0) }.first, "the workstation under the shell")
    }

    /// Whether the shell has its prompt back (the program ended or stopped).
    private func shellHasTheTerminal() throws -> Bool {
        try tmux.screen().split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?
            .hasPrefix(prompt) ?? false
    }

    func testAtTheLockScreenCtrlZF10AndCtrlCDoNotReachTheShell() throws {
        // TERM=linux too: its terminfo names ^Z the suspend key.
        for term in ["xterm-256color", "linux"] {
            let pid = try openFromAShell(term: term)
            try tmux.press("F12")
            try tmux.waitFor("the lock screen") { $0.contains("Locked") }
            for key in ["C-z", "F10", "C-c"] {
                try tmux.press(key)
                // The program says why the key did nothing; a stopped or
                // ended one would have given the shell its prompt back.
                let screen = try tmux.waitFor("the answer to \(key) (TERM=\(term))") { $0.contains("unlock first") }
                usleep(300_000)
                XCTAssertFalse(try shellHasTheTerminal(), "\(key) gave the shell the terminal (TERM=\(term)):\n\(screen)")
                XCTAssertEqual(kill(pid, 0), 0, "\(key) ended the program (TERM=\(term))")
                XCTAssertNotEqual(processState(pid), "T", "\(key) stopped the program (TERM=\(term))")
                XCTAssertTrue(try tmux.screen().contains("Unlock"), "\(key) left the lock screen:\n\(screen)")
                XCTAssertFalse(screen.contains("F10 quit"), "the lock screen offers no quit:\n\(screen)")
            }
            // Still answering: the passphrase, and only it, leads on.
            try tmux.type("demo1234")
            try tmux.press("Enter")
            try tmux.waitFor("the main screen again") { $0.contains(DemoDatabase.title("duty")) }
            try tmux.press("q")
            try tmux.waitFor("the shell after q") { _ in (try? self.shellHasTheTerminal()) == true }
        }
    }

    /// Ctrl-Z locks before it stops: `fg` brings back the lock screen, and
    /// only the passphrase leads on.
    func testCtrlZAtTheMainScreenLeavesNoNameBehindAndFgBringsBackTheLockScreen() throws {
        let names = try studentNames()
        for term in ["linux", "vt100", "xterm-256color"] {
            let pid = try openFromAShell(term: term)
            try tmux.press("C-z")
            try tmux.waitFor("the shell after Ctrl-Z (TERM=\(term))") { $0.contains("Stopped") }
            XCTAssertEqual(processState(pid), "T", "Ctrl-Z stops the program (TERM=\(term))")
            try assertNothingLeft(names, "while stopped (TERM=\(term))")
            try tmux.type("fg")
            try tmux.press("Enter")
            let back = try tmux.waitFor("the lock screen drawn again (TERM=\(term))") { $0.contains("Locked") && $0.contains("Unlock") }
            XCTAssertFalse(names.contains { back.contains($0) }, "no name on the lock screen (TERM=\(term))")
            try tmux.type("demo1234")
            try tmux.press("Enter")
            try tmux.waitFor("the main screen after unlocking (TERM=\(term))") { $0.contains(DemoDatabase.title("duty")) && $0.contains("Students") }
            try tmux.press("q")
            try tmux.waitFor("the shell after q (TERM=\(term))") { _ in (try? self.shellHasTheTerminal()) == true }
            try assertNothingLeft(names, "q after fg (TERM=\(term))")
        }
    }

    // MARK: - every way out clears the terminal

    func testNoStudentNameIsLeftOnTerminalsWithoutAnAlternateScreen() throws {
        let names = try studentNames()
        let ways: [(String, (Tmux) throws -> Void)] = [
            ("q", { try $0.press("q") }),
            ("Ctrl-C in a form with typed text, then y", { t in
                try t.press("n")
                try FocusAndDutyJourneyTests.answerDutyQuestion(t, with: "n")
                try t.waitFor("the visit form") { $0.contains("New visit") }
                try t.press("Tab")
                try t.type("1")
                try t.press("C-c")
                try t.waitFor("the quit question") { $0.contains("Quit anyway?") }
                try t.press("y")
            }),
            ("lock, then SIGTERM", { t in
                try t.press("C-l")
                try t.waitFor("the lock screen") { $0.contains("Locked") }
                kill(try t.panePID(), SIGTERM)
            }),
            ("SIGTERM", { kill(try $0.panePID(), SIGTERM) }),
            ("SIGHUP", { kill(try $0.panePID(), SIGHUP) }),
            ("a crash (SIGSEGV)", { kill(try $0.panePID(), SIGSEGV) }),
        ]
        for term in ["linux", "vt100"] {
            for (what, leave) in ways {
                try open(term: term)
                let before = try tmux.screen()
                XCTAssertTrue(names.contains { before.contains($0) }, "the list shows names (TERM=\(term))")
                try leave(tmux)
                try tmux.waitUntilDead("\(what) with TERM=\(term)")
                try assertNothingLeft(names, "\(what) with TERM=\(term)")
            }
        }
    }

    // MARK: - crashes

    func testACrashClearsTheScreenAndSwiftsBacktracerNeverRuns() throws {
        // The toolkit's demo crashes on purpose on Ctrl-X (fatalError):
        // the same Screen, so the same crash path as the workstation's.
        try tmux.start([Products.path("terminal-demo")], environment: ["TERM": "linux"])
        try tmux.waitFor("the demo to draw") { $0.contains("输入 Input") }
        try tmux.type("张三丰 Li")
        try tmux.press("Enter")
        try tmux.waitFor("the line in the list") { $0.contains("Lines (1)") && $0.contains("张三丰 Li") }
        try tmux.press("C-x")
        try tmux.waitUntilDead("the demo after its crash", timeout: 10)
        try assertNothingLeft(["张三丰"], "a fatalError")
    }

    func testACommandLineCrashShowsNoBacktracer() throws {
        // No screen of ours here: what keeps the backtracer away is the
        // environment the program re-executes itself with.
        try tmux.start([Products.path("xindesk"), "report", "key-attention", "--db", db, "--user", "counselor"],
                       environment: ["HOME": dir, "XDG_CONFIG_HOME": dir + "/config", "LANG": "en_US.UTF-8"])
        try tmux.waitFor("the passphrase prompt") { $0.contains("Passphrase for counselor") }
        kill(try tmux.panePID(), SIGSEGV)
        try tmux.waitUntilDead("the command after SIGSEGV", timeout: 40)
        try assertNothingLeft([], "SIGSEGV at a prompt")
    }
}
