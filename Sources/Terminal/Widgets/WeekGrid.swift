/// The duty roster's week: a column per day, a row per half hour, shifts
/// as labelled blocks.
public struct WeekGrid: Sendable {
    public struct Entry: Sendable {
        public var day: Int           // 0 = first column
        public var startMinute: Int   // minutes since midnight
        public var endMinute: Int
        public var label: String
        public var style: Style

        public init(day: Int, startMinute: Int, endMinute: Int, label: String, style: Style) {
            self.day = day
            self.startMinute = startMinute
            self.endMinute = endMinute
            self.label = label
            self.style = style
        }
    }

    public var dayTitles: [String]
    public var firstHour: Int
    public var lastHour: Int
    public var entries: [Entry]

    public init(dayTitles: [String], firstHour: Int, lastHour: Int, entries: [Entry]) {
        self.dayTitles = dayTitles
        self.firstHour = firstHour
        self.lastHour = lastHour
        self.entries = entries
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        let gutter = 6
        guard area.width > gutter + dayTitles.count, area.height > 1, !dayTitles.isEmpty else { return }
        let columnWidth = (area.width - gutter) / dayTitles.count
        for (d, title) in dayTitles.enumerated() {
            // A column keeps one blank at its right, as the shifts below do,
            // so two titles never run together ("一 30二 01"); a title too
            // wide for that loses its spaces first, then is clipped.
            let fitted = TextWidth.of(title) < columnWidth ? title : title.filter { $0 != " " }
            buffer.set(TextWidth.pad(fitted, to: columnWidth - 1), x: area.x + gutter + d * columnWidth, y: area.y,
                       maxWidth: columnWidth - 1, style: Style(.header, bold: true))
        }
        let rows = area.height - 1
        let minutes = Swift.max(1, (lastHour - firstHour) * 60)
        func rowOf(_ minute: Int) -> Int { (minute - firstHour * 60) * rows / minutes }
        var lastLabelRow = -1
        for hour in firstHour..<Swift.max(firstHour, lastHour) {
            let r = rowOf(hour * 60)
            guard r < rows, r > lastLabelRow else { continue }
            buffer.set((hour < 10 ? "0" : "") + "\(hour):00", x: area.x, y: area.y + 1 + r, maxWidth: gutter - 1, style: Style(.muted))
            lastLabelRow = r
        }
        for e in entries where dayTitles.indices.contains(e.day) {
            let top = Swift.max(0, rowOf(e.startMinute)), bottom = Swift.min(rows - 1, Swift.max(top, rowOf(e.endMinute) - 1))
            guard top < rows else { continue }
            let x = area.x + gutter + e.day * columnWidth
            for r in top...bottom {
                buffer.set(TextWidth.pad(r == top ? e.label : "", to: columnWidth - 1), x: x, y: area.y + 1 + r,
                           maxWidth: columnWidth - 1, style: e.style)
            }
        }
    }
}
