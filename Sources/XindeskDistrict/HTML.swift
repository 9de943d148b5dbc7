import Counseling

/// The report's HTML escaping. Every text in the document passes `escape`
/// (school names are the bureau's, figures come from bundles: both are
/// treated as hostile); tags are written only by ReportHTML from fixed
/// names. The escaping itself is the school's print Markup's (`HTMLEscape`).
enum HTML {
    /// `&<>"'` as entities, controls and bidi overrides left out (`HTMLEscape`).
    static func escape(_ text: String) -> String { HTMLEscape.text(text) }

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
