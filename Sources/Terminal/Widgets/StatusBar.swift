/// The bottom line: the keys that work here, clipped to the width.
public struct StatusBar: Sendable {
    public var hints: [(key: String, label: String)]
    public var message: String

    public init(hints: [(key: String, label: String)], message: String = "") {
        self.hints = hints
        self.message = message
    }

    /// The message (the answer to what the user just did) wins over hints
    /// when the line is too short for both.
    public func render(into buffer: inout Buffer, _ area: Rect) {
        buffer.fill(area, style: Style(.statusBar, reverse: true))
        let messageWidth = message.isEmpty ? 0 : Swift.min(area.width, TextWidth.of(Sanitizer.oneLine(message)) + 1)
        let hintsEnd = area.maxX - messageWidth
        var x = area.x
        for hint in hints {
            guard x < hintsEnd else { break }
            x += buffer.set(hint.key, x: x, y: area.y, maxWidth: hintsEnd - x, style: Style(.statusBar, bold: true, reverse: true))
            x += buffer.set(" " + hint.label + "  ", x: x, y: area.y, maxWidth: Swift.max(0, hintsEnd - x), style: Style(.statusBar, reverse: true))
        }
        if !message.isEmpty {
            buffer.set(message, x: hintsEnd, y: area.y, maxWidth: messageWidth, style: Style(.accent, bold: true, reverse: true))
        }
    }
}
