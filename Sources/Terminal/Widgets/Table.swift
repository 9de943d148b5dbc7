/// Rows and columns with widths from constraints; CJK text stays aligned
/// because every cell is padded by display columns.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var width: Constraint
        public init(_ title: String, _ width: Constraint) {
            self.title = title
            self.width = width
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    public var rowStyles: [Style]?

    public init(columns: [Column], rows: [[String]], rowStyles: [Style]? = nil) {
        self.columns = columns
        self.rows = rows
        self.rowStyles = rowStyles
    }

    public func render(into buffer: inout Buffer, _ area: Rect, state: inout ListState, focused: Bool = true) {
        guard area.height > 0 else { return }
        let widths = Layout.split(Rect(x: 0, y: 0, width: area.width, height: 1), .horizontal,
                                  columns.map(\.width)).map(\.width)
        // Each cell is written at its column's x, clipped to the column less
        // one space: no string concatenation per frame, CJK stays aligned.
        func draw(_ cells: [String], y: Int, style: Style) {
            var x = area.x
            for (cell, w) in zip(cells, widths) {
                let room = w > 1 ? w - 1 : w
                if TextWidth.of(cell) > room {
                    buffer.set(TextWidth.clip(cell, to: room), x: x, y: y, maxWidth: room, style: style)
                } else {
                    buffer.set(cell, x: x, y: y, maxWidth: room, style: style)
                }
                x += w
            }
        }
        buffer.fill(area.row(0), style: Style(.header, bold: true))
        draw(columns.map(\.title), y: area.y, style: Style(.header, bold: true))
        state.move(0, count: rows.count)
        state.keepVisible(height: area.height - 1)
        for r in 0..<(area.height - 1) {
            let i = state.offset + r
            guard i < rows.count else { break }
            let style = i == state.selected && focused ? Style(.selection, reverse: true) : (rowStyles?[i] ?? .plain)
            if style != .plain { buffer.fill(area.row(r + 1), style: style) }
            draw(rows[i], y: area.y + 1 + r, style: style)
        }
    }
}
