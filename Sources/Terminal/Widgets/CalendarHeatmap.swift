/// Days as a heatmap: a column per week, a row per weekday (Monday on top),
/// each day a glyph in its status's style, and a legend underneath.
public struct CalendarHeatmap: Sendable {
    public struct Day: Sendable {
        public var week: Int      // column
        public var weekday: Int   // 0 = Monday
        public var glyph: String
        public var style: Style

        public init(week: Int, weekday: Int, glyph: String, style: Style) {
            self.week = week
            self.weekday = weekday
            self.glyph = glyph
            self.style = style
        }
    }

    public var weekdayLabels: [String]
    public var weekLabels: [String]
    public var days: [Day]
    public var legend: [(glyph: String, style: Style, label: String)]

    public init(weekdayLabels: [String], weekLabels: [String], days: [Day],
                legend: [(glyph: String, style: Style, label: String)]) {
        self.weekdayLabels = weekdayLabels
        self.weekLabels = weekLabels
        self.days = days
        self.legend = legend
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        let gutter = (weekdayLabels.map(TextWidth.of).max() ?? 0) + 1
        let columns = Swift.max(1, (area.width - gutter) / 2)
        let firstWeek = Swift.max(0, weekLabels.count - columns)  // the latest weeks when it does not all fit
        for (i, label) in weekdayLabels.enumerated() where i + 1 < area.height {
            buffer.set(label, x: area.x, y: area.y + 1 + i, maxWidth: gutter - 1, style: Style(.muted))
        }
        for (w, label) in weekLabels.enumerated() where w >= firstWeek && (w - firstWeek) % 4 == 0 {
            buffer.set(label, x: area.x + gutter + (w - firstWeek) * 2, y: area.y, maxWidth: area.maxX - (area.x + gutter + (w - firstWeek) * 2),
                       style: Style(.muted))
        }
        for day in days where day.week >= firstWeek && day.weekday + 1 < area.height {
            buffer.set(day.glyph, x: area.x + gutter + (day.week - firstWeek) * 2, y: area.y + 1 + day.weekday, maxWidth: 2, style: day.style)
        }
        let legendY = area.y + 1 + weekdayLabels.count
        guard legendY < area.maxY else { return }
        var x = area.x
        for item in legend {
            x += buffer.set(item.glyph, x: x, y: legendY, maxWidth: area.maxX - x, style: item.style)
            x += buffer.set(" " + item.label + "  ", x: x, y: legendY, maxWidth: area.maxX - x, style: Style(.muted))
        }
    }
}
