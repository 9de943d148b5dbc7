/// A centred modal box: a title, lines of text and the keys that answer it.
public struct Dialog: Sendable {
    public var title: String
    public var lines: [String]
    public var buttons: [String]

    public init(title: String, lines: [String], buttons: [String]) {
        self.title = title
        self.lines = lines
        self.buttons = buttons
    }

    /// A yes/no question ("Enter 确定  Esc 取消").
    public static func confirm(title: String, question: String, yes: String, no: String) -> Dialog {
        Dialog(title: title, lines: [question], buttons: [yes, no])
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        let buttonLine = buttons.joined(separator: "   ")
        let contentWidth = ([TextWidth.of(title) + 4, TextWidth.of(buttonLine)] + lines.map { TextWidth.of(Sanitizer.oneLine($0)) }).max() ?? 10
        let box = area.centered(width: contentWidth + 4, height: lines.count + 4)
        buffer.fill(box, style: Style(.text))
        let inner = Block(title: title, style: Style(.accent)).render(into: &buffer, box)
        for (i, line) in lines.enumerated() where i < inner.height - 1 {
            buffer.set(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1)
        }
        buffer.set(buttonLine, x: inner.x + Swift.max(0, (inner.width - TextWidth.of(buttonLine)) / 2),
                   y: inner.maxY - 1, maxWidth: inner.width, style: Style(.accent, bold: true))
    }
}
