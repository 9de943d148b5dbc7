/// Horizontal bars drawn with eighth blocks (▏▎▍▌▋▊▉█), each with a label,
/// its value and an optional target marked with │.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var target: Double?
        public var style: Style

        public init(label: String, value: Double, target: Double? = nil, style: Style = Style(.accent)) {
            self.label = label
            self.value = value
            self.target = target
            self.style = style
        }
    }

    public var bars: [Bar]
    public var maximum: Double?
    public var valueText: @Sendable (Double) -> String

    public init(bars: [Bar], maximum: Double? = nil, valueText: @escaping @Sendable (Double) -> String = { String(Int($0.rounded())) }) {
        self.bars = bars
        self.maximum = maximum
        self.valueText = valueText
    }

    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// The bar for `value` of `maximum` in `width` columns.
    public static func bar(_ value: Double, of maximum: Double, width: Int) -> String {
        guard maximum > 0, width > 0 else { return "" }
        let eighthsTotal = Int((Swift.min(value, maximum) / maximum * Double(width * 8)).rounded())
        var s = String(repeating: "█", count: eighthsTotal / 8)
        if eighthsTotal % 8 > 0 { s.append(eighths[eighthsTotal % 8 - 1]) }
        return s
    }

    public func render(into buffer: inout Buffer, _ area: Rect) {
        let labelWidth = Swift.min(area.width / 3, (bars.map { TextWidth.of($0.label) }.max() ?? 0) + 1)
        let valueWidth = (bars.map { TextWidth.of(valueText($0.value)) }.max() ?? 0) + 1
        let barWidth = Swift.max(1, area.width - labelWidth - valueWidth)
        let top = maximum ?? bars.map { Swift.max($0.value, $0.target ?? 0) }.max() ?? 1
        for (i, bar) in bars.enumerated() where i < area.height {
            let y = area.y + i
            buffer.set(bar.label, x: area.x, y: y, maxWidth: labelWidth - 1, style: Style(.muted))
            let x = area.x + labelWidth
            buffer.set(Self.bar(bar.value, of: top, width: barWidth), x: x, y: y, maxWidth: barWidth, style: bar.style)
            if let target = bar.target, top > 0 {
                let tx = x + Swift.min(barWidth - 1, Int(target / top * Double(barWidth)))
                if bar.value < target { buffer.set("│", x: tx, y: y, maxWidth: 1, style: Style(.violation, bold: true)) }
            }
            buffer.set(valueText(bar.value), x: x + barWidth + 1, y: y, maxWidth: valueWidth, style: .plain)
        }
    }
}
