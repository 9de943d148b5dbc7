/// Labelled one-line fields with a focus and a validation message per field.
public struct Form: Hashable, Sendable {
    public struct Field: Hashable, Sendable {
        public var label: String
        public var editor: LineEditor
        public var error: String?

        public init(label: String, text: String = "", limit: Int = 200) {
            self.label = label
            editor = LineEditor(text, limit: limit)
        }
    }

    public var fields: [Field]
    public var focus: Int = 0

    public init(fields: [Field]) { self.fields = fields }

    /// Tab and the arrows move between fields; everything else edits the
    /// focused one. Returns false for keys the form does not use.
    @discardableResult
    public mutating func handle(_ key: KeyEvent) -> Bool {
        switch key {
        case .tab, .down: focus = (focus + 1) % Swift.max(1, fields.count)
        case .backTab, .up: focus = (focus + fields.count - 1) % Swift.max(1, fields.count)
        default:
            guard fields.indices.contains(focus) else { return false }
            return fields[focus].editor.handle(key)
        }
        return true
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        let labelWidth = Swift.min(area.width / 3, (fields.map { TextWidth.of($0.label) }.max() ?? 0) + 2)
        var y = area.y
        for (i, field) in fields.enumerated() {
            guard y < area.maxY else { break }
            buffer.set(field.label, x: area.x, y: y, maxWidth: labelWidth - 1,
                       style: Style(i == focus ? .accent : .muted, bold: i == focus))
            field.editor.render(into: &buffer, Rect(x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: 1),
                                focused: i == focus)
            y += 1
            if let error = field.error, y < area.maxY {
                buffer.set("⚠ " + error, x: area.x + labelWidth, y: y, maxWidth: area.width - labelWidth, style: Style(.violation))
                y += 1
            }
        }
    }
}
