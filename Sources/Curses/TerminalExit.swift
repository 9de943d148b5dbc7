/// What the terminal is sent on the way out, read from its terminfo entry,
/// so that nothing drawn stays on it. A terminal without an alternate screen
/// (the Linux console, `vt100`) otherwise keeps the last frame, names of
/// students included, visible after `endwin`, and the scrollback may hold
/// earlier ones.
struct TerminalExit: Equatable {
    /// Clears the screen and puts the cursor home (`clear`).
    var clear: String
    /// Clears the scrollback: `E3` where terminfo has it, else `\e[3J` on a
    /// terminal whose `clear` is ANSI (ECMA-48 terminals ignore a parameter
    /// of ED they do not know), else nothing.
    var clearScrollback: String
    /// Leaves the alternate screen (`rmcup`); empty when the terminal has none.
    var leaveAlternateScreen: String
    var showCursor: String
    var normalAttributes: String

    /// `capability` answers a terminfo name ("clear", "E3" …) with its
    /// string, or nil when the terminal lacks it.
    init(capability: (String) -> String?) {
        func cap(_ name: String) -> String { capability(name).map(Self.withoutPadding) ?? "" }
        clear = cap("clear")
        let e3 = cap("E3")
        clearScrollback = !e3.isEmpty ? e3 : clear.hasPrefix("\u{1B}[") ? "\u{1B}[3J" : ""
        leaveAlternateScreen = cap("rmcup")
        showCursor = cap("cnorm")
        normalAttributes = cap("sgr0")
    }

    /// Written after `endwin` (which left the alternate screen, if any, and
    /// gave the terminal its modes back): the scrollback goes, and where there
    /// is no alternate screen the screen again, so the prompt starts at the top.
    var afterRestore: String { clearScrollback + (leaveAlternateScreen.isEmpty ? clear : "") }

    /// Written by the crash handler, which cannot call ncurses: cancel a
    /// sequence a crash may have cut short (CAN), plain attributes, clear,
    /// leave the alternate screen, clear the scrollback, show the cursor.
    var onCrash: String {
        (clear.hasPrefix("\u{1B}[") ? "\u{18}" : "") + normalAttributes + clear + leaveAlternateScreen + clearScrollback + showCursor
    }

    /// Terminfo's delays (`$<50>`, `$<2*/>`) are for tputs; written as they
    /// are they would show as text.
    static func withoutPadding(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let start = rest.range(of: "$<") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            out += rest[..<start.lowerBound]
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
