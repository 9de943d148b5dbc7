/// The report's HTML escaping. Every text in the document passes `escape`
/// (school names are the bureau's, figures come from bundles: both are
/// treated as hostile); tags are written only by ReportHTML from fixed
/// names. The same rules as the school's print Markup, which this program
/// cannot import (it lives in Store).
enum HTML {
    /// `&<>"'` as entities; control characters other than tab and line
    /// break are left out.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                // Controls and the bidi overrides that could reorder a row.
                if scalar.properties.generalCategory == .control { continue }
                if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func element(_ name: StaticString, class cls: StaticString? = nil, _ text: String) -> String {
        open(name, cls) + escape(text) + "</\(name)>"
    }

    static func element(_ name: StaticString, class cls: StaticString? = nil, children: [String]) -> String {
        open(name, cls) + children.joined() + "</\(name)>"
    }

    private static func open(_ name: StaticString, _ cls: StaticString?) -> String {
        cls.map { "<\(name) class=\"\($0)\">" } ?? "<\(name)>"
    }

    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        element("table", class: "register", children: [
            element("thead", children: [element("tr", children: headers.map { element("th", $0) })]),
            element("tbody", children: rows.map { row in element("tr", children: row.map { element("td", $0) }) }),
        ])
    }
}
