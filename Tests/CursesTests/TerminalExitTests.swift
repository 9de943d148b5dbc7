import XCTest
@testable import Curses
@testable import Terminal

/// What leaving the terminal writes, read from the real terminfo entries:
/// the screen and the scrollback cleared, on terminals without an alternate
/// screen (the Linux console, vt100) too, and no padding written as text.
final class TerminalExitTests: XCTestCase {
    private func leaving(_ term: String) throws -> TerminalExit {
        let screen = try Screen(theme: .builtInDefault, headless: (width: 20, height: 3), headlessTerm: term)
        defer { screen.restore() }
        return screen.leaving
    }

    func testTheLinuxConsoleGetsItsScreenAndScrollbackClearedAfterEndwin() throws {
        let linux = try leaving("linux")
        XCTAssertEqual(linux.clear, "\u{1B}[H\u{1B}[J")
        XCTAssertEqual(linux.clearScrollback, "\u{1B}[3J")
        XCTAssertEqual(linux.leaveAlternateScreen, "", "no alternate screen: the last frame would stay")
        XCTAssertEqual(linux.afterRestore, "\u{1B}[3J\u{1B}[H\u{1B}[J")
        XCTAssertTrue(linux.onCrash.contains("\u{1B}[H\u{1B}[J\u{1B}[3J"), linux.onCrash.debugDescription)
    }

    func testVT100HasNoE3AndAPaddedClearYetIsClearedAllTheSame() throws {
        let vt100 = try leaving("vt100")
        XCTAssertEqual(vt100.clear, "\u{1B}[H\u{1B}[J", "the $<50> delay is not written as text")
        XCTAssertEqual(vt100.clearScrollback, "\u{1B}[3J")
        XCTAssertEqual(vt100.afterRestore, "\u{1B}[3J\u{1B}[H\u{1B}[J")
        XCTAssertFalse(vt100.onCrash.contains("$<"), vt100.onCrash.debugDescription)
    }

    func testXtermLeavesItsAlternateScreenOnACrashAndKeepsTheShellsScreenOnQuit() throws {
        let xterm = try leaving("xterm-256color")
        XCTAssertTrue(xterm.leaveAlternateScreen.hasPrefix("\u{1B}[?1049l"), xterm.leaveAlternateScreen.debugDescription)
        XCTAssertEqual(xterm.afterRestore, "\u{1B}[3J", "endwin went back to the shell's own screen")
        let crash = xterm.onCrash
        let clear = try XCTUnwrap(crash.range(of: xterm.clear)), leave = try XCTUnwrap(crash.range(of: xterm.leaveAlternateScreen))
        XCTAssertTrue(clear.upperBound <= leave.lowerBound, "the alternate screen is cleared before it is left")
        XCTAssertTrue(crash.hasPrefix("\u{18}"), "a sequence the crash cut short is cancelled first")
        XCTAssertTrue(crash.hasSuffix(xterm.showCursor))
    }

    func testPaddingIsRemovedAndANonANSITerminalGetsNoGuessedSequence() {
        XCTAssertEqual(TerminalExit.withoutPadding("\u{1B}[H$<5*/>\u{1B}[J$<50>"), "\u{1B}[H\u{1B}[J")
        XCTAssertEqual(TerminalExit.withoutPadding("a$<b"), "a$<b")
        let form = TerminalExit { $0 == "clear" ? "\u{0C}" : nil }
        XCTAssertEqual(form.clearScrollback, "")
        XCTAssertEqual(form.afterRestore, "\u{0C}")
        XCTAssertEqual(form.onCrash, "\u{0C}")
    }
}
