import Counseling

/// A piece of a printed document's HTML. Text reaches it only through
/// `text`, which escapes & < > " ' (names and notes come from users and
/// files); tags are made only here, from fixed names, so a document cannot
/// hold a tag, a script or a link that its data put there.
public struct Markup: Sendable, Equatable {
    public let html: String

    private init(raw: String) { html = raw }

    /// Escaped text; a line break in it stays a line break on paper.
    public static func text(_ text: String) -> Markup {
        Markup(raw: escape(text).replacingOccurrences(of: "\n", with: "<br>"))
    }

    /// `&<>"'` as entities, controls and bidi overrides left out (`HTMLEscape`).
    public static func escape(_ text: String) -> String { HTMLEscape.text(text) }

    /// An element with a fixed tag name and class (never data).
    static func tag(_ name: StaticString, class cls: StaticString? = nil, _ children: [Markup]) -> Markup {
        let open = cls.map { "<\(name) class=\"\($0)\">" } ?? "<\(name)>"
        return Markup(raw: open + children.map(\.html).joined() + "</\(name)>")
    }

    static func tag(_ name: StaticString, class cls: StaticString? = nil, _ text: String) -> Markup {
        tag(name, class: cls, [.text(text)])
    }

    /// A table whose header row repeats on every page (the stylesheet's
    /// `thead`) and whose rows are never split across pages.
    static func table(_ headers: [String], _ rows: [[String]], cls: StaticString = "register") -> Markup {
        tag("table", class: cls, [
            tag("thead", [tag("tr", headers.map { tag("th", $0) })]),
            tag("tbody", rows.map { row in tag("tr", row.map { tag("td", $0) }) }),
        ])
    }

    /// A form's labelled fields; a field with nothing recorded is a space to
    /// write in by hand, never filled with made-up text.
    static func fields(_ items: [(label: String, value: String)]) -> Markup {
        tag("table", class: "form", items.map { item in
            tag("tr", [tag("th", item.label),
                       item.value.isEmpty ? tag("td", class: "handwrite", "") : tag("td", item.value)])
        })
    }

    /// Preformatted text, escaped, its first and last lines on lines of
    /// their own in the file (the statistics' canonical text is read back
    /// line by line; HTML drops the newline after `<pre>`).
    static func pre(class cls: StaticString, _ text: String) -> Markup {
        Markup(raw: "<pre class=\"\(cls)\">\n" + escape(text) + "\n</pre>")
    }

    /// An inline SVG grid, one square per cell (`fills` row by row: fixed
    /// colours chosen by the caller from an enum, never data), labelled on
    /// the left and at the top with escaped text, and its legend beside it
    /// (a colour square and its words: a black-and-white print still reads).
    static func heatmap(rowLabels: [String], columnLabels: [String], fills: [[StaticString?]],
                        legend: [(fill: StaticString, label: String)], title: String) -> Markup {
        let cell = 13, left = 62, top = 14
        let legendX = left + columnLabels.count * cell + 16
        let width = legendX + 150, height = max(top + rowLabels.count * cell, top + legend.count * 14) + 4
        var svg = "<svg class=\"heatmap\" width=\"\(width * 3 / 2)\" height=\"\(height * 3 / 2)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (i, label) in columnLabels.enumerated() {
            svg += "<text x=\"\(left + i * cell + 3)\" y=\"10\" font-size=\"8\">\(escape(label))</text>"
        }
        for (r, label) in rowLabels.enumerated() {
            svg += "<text x=\"0\" y=\"\(top + r * cell + 9)\" font-size=\"8\">\(escape(label))</text>"
            for (c, fill) in fills[r].enumerated() {
                guard let fill else { continue }
                svg += "<rect x=\"\(left + c * cell)\" y=\"\(top + r * cell)\" width=\"\(cell - 1)\" height=\"\(cell - 1)\" fill=\"\(fill)\"/>"
            }
        }
        for (i, item) in legend.enumerated() {
            let y = top + i * 14
            svg += "<rect x=\"\(legendX)\" y=\"\(y)\" width=\"10\" height=\"10\" fill=\"\(item.fill)\"/>"
                + "<text x=\"\(legendX + 14)\" y=\"\(y + 9)\" font-size=\"8\">\(escape(item.label))</text>"
        }
        return Markup(raw: svg + "</svg>")
    }

    /// Lines to sign and date on.
    static func signatures(_ labels: [String]) -> Markup {
        tag("div", class: "signatures", labels.map { tag("p", [.text($0 + "："), tag("span", class: "line", "")]) })
    }
}
