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

    /// Tab and the arrows move between fields, top to bottom, in every form
    /// the same; they stop at the last and the first field rather than
    /// wrapping round, so a Tab too many never lands in a field typed
    /// before. Everything else edits the focused one. Returns false for
    /// keys the form does not use.
    @discardableResult
    public mutating func handle(_ key: KeyEvent) -> Bool {
        switch key {
        case .tab, .down: focus = Swift.min(focus + 1, Swift.max(0, fields.count - 1))
        case .backTab, .up: focus = Swift.max(focus - 1, 0)
        default:
            guard fields.indices.contains(focus) else { return false }
            return fields[focus].editor.handle(key)
        }
        return true
    }

    func labelWidth(_ width: Int) -> Int {
        Swift.min(width / 3, (fields.map { TextWidth.of($0.label) }.max() ?? 0) + 2)
    }

    /// A field's message, wrapped under its value: an error that says what
    /// to type is never cut off at the box's edge.
    func errorLines(_ field: Field, width: Int) -> [String] {
        field.error.map { TextWidth.wrap("⚠ " + $0, width: Swift.max(1, width - labelWidth(width))) } ?? []
    }

    /// The lines the fields and their messages take at `width`.
    public func height(width: Int) -> Int {
        fields.reduce(0) { $0 + 1 + errorLines($1, width: width).count }
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        let labelWidth = labelWidth(area.width)
        var y = area.y
        for (i, field) in fields.enumerated() {
            guard y < area.maxY else { break }
            buffer.set(field.label, x: area.x, y: y, maxWidth: labelWidth - 1,
                       style: Style(i == focus ? .accent : .muted, bold: i == focus))
            field.editor.render(into: &buffer, Rect(x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: 1),
                                focused: i == focus)
            y += 1
            for line in errorLines(field, width: area.width) where y < area.maxY {
                buffer.set(line, x: area.x + labelWidth, y: y, maxWidth: area.width - labelWidth, style: Style(.violation))
                y += 1
            }
        }
    }
}
