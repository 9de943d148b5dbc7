/// A row of tab titles with the selected one highlighted.
public struct Tabs: Sendable {
    public var titles: [String]
    public var selected: Int

    public init(titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        var x = area.x
        for (i, title) in titles.enumerated() {
            let text = " \(Sanitizer.oneLine(title)) "
            let style = i == selected ? Style(.accent, bold: true, reverse: true) : Style(.muted)
            x += buffer.set(text, x: x, y: area.y, maxWidth: area.maxX - x, style: style)
            if x >= area.maxX { break }
            x += buffer.set("│", x: x, y: area.y, maxWidth: area.maxX - x, style: Style(.border))
        }
    }
}
