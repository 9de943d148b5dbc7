/// The bottom line: the keys that work here, clipped to the width.
public struct StatusBar: Sendable {
    public var hints: [(key: String, label: String)]
    public var message: String

    public init(hints: [(key: String, label: String)], message: String = "") {
        self.hints = hints
        self.message = message
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        buffer.fill(area, style: Style(.statusBar, reverse: true))
        var x = area.x
        for hint in hints {
            guard x < area.maxX else { break }
            x += buffer.set(hint.key, x: x, y: area.y, maxWidth: area.maxX - x, style: Style(.statusBar, bold: true, reverse: true))
            x += buffer.set(" " + hint.label + "  ", x: x, y: area.y, maxWidth: area.maxX - x, style: Style(.statusBar, reverse: true))
        }
        if !message.isEmpty {
            let w = TextWidth.of(Sanitizer.oneLine(message))
            let start = Swift.max(x, area.maxX - w - 1)
            buffer.set(message, x: start, y: area.y, maxWidth: area.maxX - start, style: Style(.accent, bold: true, reverse: true))
        }
    }
}
