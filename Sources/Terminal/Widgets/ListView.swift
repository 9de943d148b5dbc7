/// Where a scrolling list is: the selected row and the first row shown.
public struct ListState: Hashable, Sendable {
    public var selected: Int
    public var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection by `delta` within `count` rows.
    public mutating func move(_ delta: Int, count: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        selected = Swift.max(0, Swift.min(count - 1, selected + delta))
    }

    /// Scrolls just enough that the selection is inside `height` rows.
    public mutating func keepVisible(height: Int) {
        guard height > 0 else { return }
        if selected < offset { offset = selected }
        if selected >= offset + height { offset = selected - height + 1 }
        offset = Swift.max(0, offset)
    }
}

/// A scrolling list of one-line items with a highlighted selection.
public struct ListView: Sendable {
    public var items: [String]
    public var styles: [Style]?
    public var selectedStyle: Style

    public init(items: [String], styles: [Style]? = nil, selectedStyle: Style = Style(.selection, reverse: true)) {
        self.items = items
        self.styles = styles
        self.selectedStyle = selectedStyle
    }

    public func render(into buffer: inout Buffer, _ area: Rect, state: inout ListState, focused: Bool = true) {
        state.move(0, count: items.count)
        state.keepVisible(height: area.height)
        for row in 0..<area.height {
            let i = state.offset + row
            guard i < items.count else { break }
            let style = i == state.selected && focused ? selectedStyle : (styles?[i] ?? .plain)
            buffer.set(TextWidth.pad(Sanitizer.oneLine(items[i]), to: area.width), x: area.x, y: area.y + row,
                       maxWidth: area.width, style: style)
        }
    }
}
