/// A one-line text field: the text as grapheme clusters, a cursor between
/// them, editing keys, and horizontal scrolling by display columns, so a
/// Chinese character is one step of the cursor and two columns on screen.
public struct LineEditor: Hashable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// The longest text accepted, in characters.
    public var limit: Int

    public init(_ text: String = "", limit: Int = 200) {
        characters = Array(text.prefix(limit))
        cursor = characters.count
        self.limit = limit
    }

    public var text: String { String(characters) }

    public mutating func setText(_ text: String) {
        characters = Array(text.prefix(limit))
        cursor = characters.count
    }

    /// Applies a key; returns false when the key is not an editing key (so
    /// the caller may use it, e.g. Enter or Esc).
    @discardableResult
    public mutating func handle(_ key: KeyEvent) -> Bool {
        switch key {
        case .character(let c):
            insert(String(c))
        case .paste(let text):
            insert(text)
        case .left: cursor = Swift.max(0, cursor - 1)
        case .right: cursor = Swift.min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("b"): cursor = wordStart(before: cursor)
        case .ctrl("f"): cursor = wordEnd(after: cursor)
        default:
            return false
        }
        return true
    }

    /// Inserts text at the cursor, one line only: line breaks and tabs in a
    /// paste become spaces, controls are dropped.
    public mutating func insert(_ text: String) {
        let clean = text.map { c -> Character in c == "\n" || c == "\r\n" || c == "\r" || c == "\t" ? " " : c }
            .filter { c in !c.unicodeScalars.contains { Sanitizer.needsWork($0) } }
        let room = Swift.max(0, limit - characters.count)
        let added = Array(clean.prefix(room))
        characters.insert(contentsOf: added, at: cursor)
        cursor += added.count
    }

    func isWordCharacter(_ c: Character) -> Bool { !(c.isWhitespace || c.isPunctuation) }

    func wordStart(before i: Int) -> Int {
        var j = i
        while j > 0 && !isWordCharacter(characters[j - 1]) { j -= 1 }
        while j > 0 && isWordCharacter(characters[j - 1]) { j -= 1 }
        return j
    }

    func wordEnd(after i: Int) -> Int {
        var j = i
        while j < characters.count && !isWordCharacter(characters[j]) { j += 1 }
        while j < characters.count && isWordCharacter(characters[j]) { j += 1 }
        return j
    }

    /// Draws the field, scrolled so the cursor is visible, and (when
    /// focused) puts the terminal cursor there.
    public func render(into buffer: inout Buffer, _ area: Rect, focused: Bool, style: Style = Style(.text, underline: true)) {
        guard area.width > 0, area.height > 0 else { return }
        // The first character shown: far enough right that the cursor fits.
        var first = 0
        var widthToCursor = characters[0..<cursor].reduce(0) { $0 + TextWidth.of($1) }
        while widthToCursor > area.width - 1 && first < cursor {
            widthToCursor -= TextWidth.of(characters[first])
            first += 1
        }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: style)
        buffer.set(String(characters[first...]), x: area.x, y: area.y, maxWidth: area.width, style: style, ellipsis: false)
        if focused { buffer.cursor = (area.x + widthToCursor, area.y) }
    }
}
