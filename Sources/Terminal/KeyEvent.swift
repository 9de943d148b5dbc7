/// Input, as the app sees it: the backend turns ncurses codes into these.
public enum KeyEvent: Hashable, Sendable {
    case character(Character)
    case function(Int)
    case up, down, left, right, home, end, pageUp, pageDown
    case tab, backTab, enter, escape, backspace, delete
    case ctrl(Character)
    /// A burst of text pasted at once: inserted as text, never read as keys.
    case paste(String)
    case resize(width: Int, height: Int)
    case mouse(x: Int, y: Int)
}
