import Foundation

/// The frame being drawn: a grid of cells, written by views, read back as
/// text by tests and diffed against the previous frame by the backend.
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the text cursor should be shown, if anywhere (an editor sets it).
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0
    /// True while a test audits the frame for cut words (`auditingCuts`).
    private let audits: Bool
    /// Every write of an audited frame that left a Latin word or a number
    /// cut: "row 3, column 40: …".
    public private(set) var cuts: [String] = []

    /// Set by a test around drawing a frame: the buffers made meanwhile
    /// record in `cuts` each word or number a write cut (clipped without a
    /// place to break, or overwritten by a later write). Off in the app.
    @TaskLocal public static var auditingCuts = false

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
        audits = Buffer.auditingCuts
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    public static func == (a: Buffer, b: Buffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }

    /// Sets one cell, repairing any wide character it cuts in half.
    @inline(__always)
    mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        if cells[i].isContinuation && x > 0 { cells[i - 1] = Cell(" ", style: cells[i - 1].style) }
        if !cells[i].isContinuation && x + 1 < width && cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Writes `text` (sanitized first: it may be untrusted) at (x, y),
    /// within `maxWidth` columns and the buffer. Text that does not fit ends
    /// in "…", and never inside a Latin word or a number (`TextWidth.clip`):
    /// a phone number is shown whole or not at all. Text being edited is
    /// clipped as it is (`ellipsis: false`): the editor scrolls it. A wide
    /// character that does not fit leaves a space. Returns the columns written.
    @discardableResult
    public mutating func set(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain, ellipsis: Bool = true) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? width, width - x)
        guard limit > 0 else { return 0 }
        var safe = Sanitizer.oneLine(text)
        let whole = safe
        if ellipsis, TextWidth.of(safe) > limit { safe = TextWidth.clip(safe, to: limit) }
        if audits { auditCut(whole: whole, shown: safe, x: x, y: y) }
        var col = 0
        // Fast path, taken by almost all school text: no scalar that joins
        // with its neighbour (combining marks, joiners, variation
        // selectors), so every scalar is a grapheme of its own.
        if !safe.unicodeScalars.contains(where: TextWidth.joinsNeighbour) {
            for scalar in safe.unicodeScalars
            where !place(String(scalar), TextWidth.of(scalar), x: x, y: y, limit: limit, col: &col, style: style) { break }
        } else {
            for g in safe where !place(String(g), TextWidth.of(g), x: x, y: y, limit: limit, col: &col, style: style) { break }
        }
        return col
    }

    /// Places one grapheme of width `w` at column `col` of a write starting
    /// at x; false once the limit is reached (a wide character that does
    /// not fit leaves a space).
    @inline(__always)
    private mutating func place(_ symbol: String, _ w: Int, x: Int, y: Int, limit: Int, col: inout Int, style: Style) -> Bool {
        if w == 0 { return true }
        if col + w > limit {
            if col < limit { put(Cell(" ", style: style), x: x + col, y: y); col += 1 }
            return false
        }
        if x + col >= 0 {
            put(Cell(symbol, style: style), x: x + col, y: y)
            if w == 2 { put(Cell("", style: style, isContinuation: true), x: x + col + 1, y: y) }
        }
        col += w
        return true
    }

    /// Records a word or number this write cuts: the text's own (clipped
    /// with no place to break), or one an earlier write left on the row
    /// that this one overwrites part of (its end, or its start). Editors
    /// (`ellipsis: false`) scroll their text and are not audited by the
    /// clip check; a dialog that blanks its box first (`fill`) covers the
    /// panes behind it rather than cutting them.
    private mutating func auditCut(whole: String, shown: String, x: Int, y: Int) {
        let word = TextWidth.isWordPart
        func symbol(_ col: Int) -> Character? { col >= 0 && col < width ? cells[y * width + col].symbol.first : nil }
        let end = min(width, x + TextWidth.of(shown))
        guard end > x else { return }
        if let before = symbol(x - 1), let under = symbol(x), word(before), word(under), shown.first != under {
            cuts.append("row \(y), column \(x): a write over the end of a word: \"\(lines()[y])\"")
        }
        if let after = symbol(end), let under = symbol(end - 1), word(after), word(under), shown.last != under {
            cuts.append("row \(y), column \(end): a write over the start of a word: \"\(lines()[y])\"")
        }
        if shown != whole, shown.hasSuffix("…") {
            let kept = Array(shown.dropLast()), rest = Array(whole)
            if let last = kept.last, kept.count < rest.count, word(last), word(rest[kept.count]) {
                cuts.append("row \(y), column \(x): \"\(whole)\" cut as \"\(shown)\"")
            }
        }
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { put(Cell(" ", style: style), x: x, y: y) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the symbols.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { change(&cells[y * width + x].style) }
        }
    }

    /// The rows as text, continuation cells skipped: each row is exactly
    /// `width` display columns.
    public func lines() -> [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where !cells[y * width + x].isContinuation { s += cells[y * width + x].symbol }
            return s
        }
    }

    /// Cells that differ from `previous` (all of them if the size changed).
    public func diff(from previous: Buffer?) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(x: Int, y: Int, cell: Cell)] = []
        guard let previous, previous.width == width, previous.height == height else {
            for y in 0..<height { for x in 0..<width { out.append((x, y, cells[y * width + x])) } }
            return out
        }
        // A row whose cells are the same bytes holds the same cells (a
        // symbol's bytes are its characters or its storage's address), so
        // the rows a keystroke left alone cost one memcmp each; only the
        // others are compared cell by cell.
        let rowBytes = width * MemoryLayout<Cell>.stride
        cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                guard let a = now.baseAddress, let b = before.baseAddress else { return }
                for y in 0..<height {
                    let start = y * width
                    if memcmp(a + start, b + start, rowBytes) == 0 { continue }
                    for i in start..<(start + width) where now[i] != before[i] { out.append((i - start, y, now[i])) }
                }
            }
        }
        return out
    }
}
