/// A multi-line editor for notes: wraps by display width, moves the cursor
/// up and down by display column, scrolls. Notes are edited here and only
/// here: never in an external editor or a temp file, which would put a
/// child's note on disk in plaintext.
public struct TextArea: Hashable, Sendable {
    /// Paragraphs (hard lines) as grapheme clusters.
    public private(set) var lines: [[Character]]
    public private(set) var row: Int
    public private(set) var column: Int
    public var scroll: Int = 0

    public init(_ text: String = "") {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }

    @discardableResult
    public mutating func handle(_ key: KeyEvent, width: Int) -> Bool {
        switch key {
        case .character(let c): insert(String(c))
        case .paste(let s): insert(s)
        case .enter:
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1
            column = 0
        case .backspace:
            if column > 0 { lines[row].remove(at: column - 1); column -= 1 }
            else if row > 0 {
                column = lines[row - 1].count
                lines[row - 1] += lines.remove(at: row)
                row -= 1
            }
        case .delete:
            if column < lines[row].count { lines[row].remove(at: column) }
            else if row + 1 < lines.count { lines[row] += lines.remove(at: row + 1) }
        case .left:
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .right:
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .home: column = Self.wrap(lines[row], width: width).last { $0 <= column } ?? 0
        case .end:
            let starts = Self.wrap(lines[row], width: width)
            let next = starts.first { $0 > column } ?? lines[row].count
            column = next == lines[row].count ? next : Swift.max(0, next - 1)
        case .up: moveVertically(-1, width: width)
        case .down: moveVertically(1, width: width)
        default: return false
        }
        return true
    }

    public mutating func insert(_ text: String) {
        for c in text {
            if c == "\n" || c == "\r\n" {
                _ = handle(.enter, width: Int.max)
            } else if c == "\t" {
                lines[row].insert(" ", at: column); column += 1
            } else if !c.unicodeScalars.contains(where: { Sanitizer.needsWork($0) }) {
                lines[row].insert(c, at: column); column += 1
            }
        }
    }

    /// Start indexes of the screen lines a paragraph wraps into.
    static func wrap(_ line: [Character], width: Int) -> [Int] {
        guard width > 0 else { return [0] }
        var starts = [0]
        var used = 0
        for (i, c) in line.enumerated() {
            let w = TextWidth.of(c)
            if used + w > width { starts.append(i); used = 0 }
            used += w
        }
        return starts
    }

    /// Screen position (visual row from the top of the text, column) of
    /// the cursor.
    func visualCursor(width: Int) -> (row: Int, col: Int) {
        var visual = 0
        for r in 0..<row { visual += Self.wrap(lines[r], width: width).count }
        let starts = Self.wrap(lines[row], width: width)
        let segment = (starts.lastIndex { $0 <= column }) ?? 0
        // At the very end of a full line the cursor goes to the next line.
        let start = starts[segment]
        let col = lines[row][start..<column].reduce(0) { $0 + TextWidth.of($1) }
        if col >= width && width > 0 { return (visual + segment + 1, 0) }
        return (visual + segment, col)
    }

    mutating func moveVertically(_ delta: Int, width: Int) {
        let (_, targetCol) = visualCursor(width: width)
        var starts = Self.wrap(lines[row], width: width)
        var segment = (starts.lastIndex { $0 <= column }) ?? 0
        segment += delta
        if segment < 0 {
            guard row > 0 else { column = 0; return }
            row -= 1
            starts = Self.wrap(lines[row], width: width)
            segment = starts.count - 1
        } else if segment >= starts.count {
            guard row + 1 < lines.count else { column = lines[row].count; return }
            row += 1
            starts = Self.wrap(lines[row], width: width)
            segment = 0
        }
        // The character under the same display column, or the line's end.
        let end = segment + 1 < starts.count ? starts[segment + 1] : lines[row].count
        var i = starts[segment], used = 0
        while i < end && used + TextWidth.of(lines[row][i]) <= targetCol { used += TextWidth.of(lines[row][i]); i += 1 }
        column = i
    }

    public mutating func render(into buffer: inout Buffer, _ area: Rect, focused: Bool) {
        guard area.width > 0, area.height > 0 else { return }
        var screen: [String] = []
        for line in lines {
            let starts = Self.wrap(line, width: area.width)
            for (k, s) in starts.enumerated() {
                let e = k + 1 < starts.count ? starts[k + 1] : line.count
                screen.append(String(line[s..<e]))
            }
        }
        let cursor = visualCursor(width: area.width)
        if cursor.row < scroll { scroll = cursor.row }
        if cursor.row >= scroll + area.height { scroll = cursor.row - area.height + 1 }
        buffer.fill(area, style: .plain)
        for i in 0..<area.height where scroll + i < screen.count {
            buffer.set(screen[scroll + i], x: area.x, y: area.y + i, maxWidth: area.width, ellipsis: false)
        }
        if focused { buffer.cursor = (area.x + cursor.col, area.y + cursor.row - scroll) }
    }
}
