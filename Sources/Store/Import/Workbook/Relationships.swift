/// A package's relationships part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`):
/// which part plays which role, by id. Targets are resolved to part names.
final class Relationships: XMLEventHandler {
    struct Relationship {
        var type: String
        var target: String
    }

    private(set) var byID: [String: Relationship] = [:]
    private(set) var inOrder: [Relationship] = []
    /// The folder targets are relative to (`xl/` for the workbook's).
    private let base: String

    init(base: String) { self.base = base }

    /// The part of the first relationship whose type ends with `/kind`
    /// (`officeDocument`, `sharedStrings`, `styles`).
    func target(ofType kind: String) -> String? {
        inOrder.first { $0.type.hasSuffix("/" + kind) }?.target
    }

    func start(_ element: String, _ attributes: [String: String]) throws(ImportSourceError) {
        guard element == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
              attributes["TargetMode"] != "External" else { return }
        let relationship = Relationship(type: attributes["Type"] ?? "", target: Self.resolve(target, in: base))
        if byID[id] == nil { byID[id] = relationship }
        inOrder.append(relationship)
    }

    func end(_ element: String) throws(ImportSourceError) {}
    func text(_ text: String) {}

    /// `worksheets/sheet1.xml` in `xl/` is `xl/worksheets/sheet1.xml`;
    /// `/xl/styles.xml` is from the package's root; `..` goes up.
    static func resolve(_ target: String, in base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }
}
