/// The bottom line: key hints, each shown whole or not at all, and one
/// pinned hint (help) that always shows at the end.
public struct StatusBar: Sendable {
    public var hints: [(key: String, label: String)]
    public var pinned: (key: String, label: String)?

    public init(hints: [(key: String, label: String)], pinned: (key: String, label: String)? = nil) {
        self.hints = hints
        self.pinned = pinned
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        buffer.fill(area, style: Style(.statusBar, reverse: true))
        func width(_ hint: (key: String, label: String)) -> Int { TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label) + 2 }
        let end = area.maxX - (pinned.map(width) ?? 0)
        var x = area.x
        for hint in hints + (pinned.map { [$0] } ?? []) {
            let isPinned = pinned.map { $0.key == hint.key && $0.label == hint.label } ?? false
            guard isPinned || x + width(hint) - 2 <= end else { continue }
            x += buffer.set(hint.key, x: x, y: area.y, maxWidth: area.maxX - x, style: Style(.statusBar, bold: true, reverse: true))
            x += buffer.set(" " + hint.label, x: x, y: area.y, maxWidth: Swift.max(0, area.maxX - x), style: Style(.statusBar, reverse: true)) + 2
        }
    }
}
