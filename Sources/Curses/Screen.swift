import CNcursesw
import Foundation
import Terminal
import TerminalGuard

#if canImport(Glibc)
import Glibc
#endif

/// The terminal: draws buffers (only the cells that changed), reads keys,
/// and always gives the terminal back in the state it found it, with
/// nothing drawn left on it: on quit, on a signal, on Ctrl-Z and on a crash.
public final class Screen {
    public private(set) var width: Int
    public private(set) var height: Int
    private var palette: Palette
    private var previous: Buffer?
    private var screenPointer: OpaquePointer?
    private var files: [UnsafeMutablePointer<FILE>] = []
    private var active = false
    private var pendingEvents: [KeyEvent] = []
    /// The real terminal's descriptor; nil when headless.
    private var tty: Int32?
    /// What leaving the terminal writes, from its terminfo entry.
    let leaving: TerminalExit

    /// Starts the screen on the controlling terminal, or `headless` (a fake
    /// terminal of that size on /dev/null, for tests, as `headlessTerm`).
    public init(theme: Theme, headless: (width: Int, height: Int)? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                headlessTerm: String = "xterm-256color") throws {
        Self.useUTF8Characters()
        if let size = headless {
            guard let out = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else { throw ScreenError.noTerminal }
            files = [out, input]
            screenPointer = newterm(headlessTerm, out, input)
            guard screenPointer != nil else { throw ScreenError.noTerminal }
            _ = resizeterm(Int32(size.height), Int32(size.width))
        } else {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw ScreenError.noTerminal }
            // The shell's modes, for the crash handler to put back.
            _ = xd_guard_save_modes(STDOUT_FILENO)
            screenPointer = xd_newterm_tty()
            guard screenPointer != nil else { throw ScreenError.noTerminal }
            tty = STDOUT_FILENO
        }
        leaving = TerminalExit { name in xd_tistr(name).map { String(cString: $0) } }
        if tty != nil {
            // A crash (a trap, fatalError, SIGSEGV …) clears the terminal
            // before the process ends; this also keeps Swift's backtracer
            // from taking the terminal, whatever SWIFT_BACKTRACE says.
            let onCrash = Array(leaving.onCrash.utf8)
            onCrash.withUnsafeBufferPointer { xd_guard_set_sequence($0.baseAddress, $0.count) }
            xd_guard_install()
            xd_guard_arm(1)
        }
        active = true
        set_escdelay(25)
        raw()
        noecho()
        nonl()
        keypad(xd_stdscr(), true)
        xd_install_signal_handlers()
        palette = Palette(theme: theme, environment: environment)
        width = Int(xd_cols())
        height = Int(xd_lines())
        atexit { Screen.restoreAtExit() }
        Screen.current = self
    }

    /// Wide characters need a UTF-8 locale before ncurses starts. The
    /// teacher's LANG may name one this machine lacks (zh_CN.UTF-8 on a
    /// minimal install) or none at all (LANG=C in a fresh container): then
    /// every Chinese character would be drawn as "?". Characters are then
    /// read as UTF-8 through the C.UTF-8 locale glibc always has; the rest
    /// of the locale stays as the teacher set it.
    static func useUTF8Characters() {
        setlocale(LC_ALL, "")
        guard String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" else { return }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil { return }
    }

    nonisolated(unsafe) private static weak var current: Screen?

    private static func restoreAtExit() { current?.restore() }

    deinit { restore() }

    /// Gives the terminal back (idempotent): on exit, on a signal, on error.
    public func restore() {
        guard active else { return }
        active = false
        leaveTerminal()
        if tty != nil { xd_guard_arm(0) }
        if let s = screenPointer { delscreen(s) }
        screenPointer = nil
        for f in files { fclose(f) }
        files = []
    }

    public func setTheme(_ theme: Theme) {
        palette = Palette(theme: theme, environment: ProcessInfo.processInfo.environment)
        previous = nil
    }

    /// Draws the cells that differ from the last frame, then one update.
    /// An unchanged frame writes nothing.
    public func draw(_ buffer: Buffer) {
        let changes = buffer.diff(from: previous)
        if previous == nil || previous?.width != buffer.width || previous?.height != buffer.height { erase() }
        for change in changes where !change.cell.isContinuation {
            let (attrs, pair) = palette.attributes(change.cell.style)
            _ = xd_put(Int32(change.y), Int32(change.x), change.cell.symbol.isEmpty ? " " : change.cell.symbol, attrs, pair)
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        if !changes.isEmpty || previous?.cursor.map({ "\($0)" }) != buffer.cursor.map({ "\($0)" }) {
            wnoutrefresh(xd_stdscr())
            doupdate()
        }
        previous = buffer
    }

    /// Forces the next draw to repaint everything (after a resume).
    public func invalidate() {
        previous = nil
        clearok(xd_stdscr(), true)
    }

    /// The next key, or nil after `timeout` milliseconds without one. A
    /// burst of printable characters arriving together (a paste, or an input
    /// method committing a phrase) comes as one `.paste`.
    public func readKey(timeout: Int32) -> KeyEvent? {
        if !pendingEvents.isEmpty { return pendingEvents.removeFirst() }
        if let signal = stopSignal { _ = signal; return nil }
        wtimeout(xd_stdscr(), timeout)
        guard let first = readOne() else { return nil }
        guard case .character(let c) = first else {
            if case .resize = first { width = Int(xd_cols()); height = Int(xd_lines()); previous = nil }
            return first
        }
        var burst = String(c)
        wtimeout(xd_stdscr(), 0)
        while let next = readOne() {
            if case .character(let d) = next { burst.append(d) } else { pendingEvents.append(next); break }
        }
        return burst.count == 1 ? first : .paste(burst)
    }

    private func readOne() -> KeyEvent? {
        var wch: wint_t = 0
        let rc = wget_wch(xd_stdscr(), &wch)
        if rc == ERR { return nil }
        if rc == xd_key_code_yes() {
            if Int32(wch) == KEY_RESIZE { return .resize(width: Int(xd_cols()), height: Int(xd_lines())) }
            return KeyDecoder.functionKey(Int32(wch))
        }
        return KeyDecoder.character(UInt32(wch))
    }

    /// SIGINT, SIGTERM or SIGHUP arrived: the caller should save and quit.
    public var stopSignal: Int32? {
        let s = xd_pending_signal()
        return s == 0 ? nil : s
    }

    /// Clears the screen, ends curses (leaving the alternate screen, if
    /// any, and giving the terminal its modes back), then clears the
    /// scrollback, and on a terminal without an alternate screen the screen
    /// again, so nothing drawn is left on it.
    private func leaveTerminal() {
        if tty != nil {
            clear()
            refresh()
        }
        curs_set(1)
        endwin()
        if let tty { Self.send(leaving.afterRestore, to: tty) }
    }

    private static func send(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Ctrl-Z: hand the terminal back, cleared, stop, and repaint on resume.
    public func suspend() {
        leaveTerminal()
        xd_suspend()
        refresh()
        invalidate()
    }

    /// What the terminal shows at (x, y) (headless tests read frames back).
    public func character(x: Int, y: Int) -> String {
        var out = [CChar](repeating: 0, count: 64)
        guard xd_read(Int32(y), Int32(x), &out, 64) == OK else { return "" }
        return String(cString: out)
    }

    /// Resizes a headless screen (tests).
    public func resize(width: Int, height: Int) {
        _ = resizeterm(Int32(height), Int32(width))
        self.width = width
        self.height = height
        previous = nil
    }

    var paletteMode: Palette.Mode { palette.mode }
}

public enum ScreenError: Error, Equatable {
    case noTerminal
}
