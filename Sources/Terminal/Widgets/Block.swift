/// A bordered box with a title; returns the area inside the border.
public struct Block: Sendable {
    public var title: String
    public var style: Style
    public var titleStyle: Style

    public init(title: String = "", style: Style = Style(.border), titleStyle: Style = Style(.header, bold: true)) {
        self.title = title
        self.style = style
        self.titleStyle = titleStyle
    }

    @discardableResult
    public func render(into buffer: inout Buffer, _ area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let right = area.maxX - 1, bottom = area.maxY - 1
        for x in area.x...right {
            let top = x == area.x ? "┌" : x == right ? "┐" : "─"
            let low = x == area.x ? "└" : x == right ? "┘" : "─"
            buffer.put(Cell(top, style: style), x: x, y: area.y)
            buffer.put(Cell(low, style: style), x: x, y: bottom)
        }
        for y in (area.y + 1)..<bottom {
            buffer.put(Cell("│", style: style), x: area.x, y: y)
            buffer.put(Cell("│", style: style), x: right, y: y)
        }
        if !title.isEmpty && area.width > 4 {
            buffer.set(" " + TextWidth.clip(Sanitizer.oneLine(title), to: area.width - 6) + " ",
                       x: area.x + 2, y: area.y, maxWidth: area.width - 4, style: titleStyle)
        }
        return area.inset(1)
    }
}
