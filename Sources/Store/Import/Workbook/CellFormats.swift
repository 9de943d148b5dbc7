/// `styles.xml`, as far as it says how to read a number: each cell style
/// (`<cellXfs><xf numFmtId>`, by the cell's `s`) has a number format,
/// built in by its id or written out in `<numFmts>`.
final class CellFormats: XMLEventHandler {
    private var codes: [Int: String] = [:]
    private var styleFormatIDs: [Int] = []
    private var inCellStyles = false

    /// The format of each cell style, by the cell's `s`.
    func formats() -> [NumberFormat] {
        styleFormatIDs.map { NumberFormat.of(id: $0, code: codes[$0]) }
    }

    func start(_ element: String, _ attributes: [String: String]) throws(ImportSourceError) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { codes[id] = code }
        case "cellXfs": inCellStyles = true
        case "xf" where inCellStyles: styleFormatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    func end(_ element: String) throws(ImportSourceError) {
        if element == "cellXfs" { inCellStyles = false }
    }

    func text(_ text: String) {}
}
