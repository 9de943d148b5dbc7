/// `workbook.xml`: the sheets in tab order, each with its name, its
/// relationship id and whether it is hidden, and the date system.
final class SheetList: XMLEventHandler {
    struct Entry {
        var name: String
        var relationship: String
        var hidden: Bool
    }

    private(set) var sheets: [Entry] = []
    /// Dates counted from 1904-01-01 (old Mac Excel) instead of 1899-12-30.
    private(set) var date1904 = false

    func start(_ element: String, _ attributes: [String: String]) throws(ImportSourceError) {
        switch element {
        case "sheet":
            sheets.append(Entry(name: attributes["name"] ?? "", relationship: attributes["id"] ?? "",
                                hidden: attributes["state"].map { $0 != "visible" } ?? false))
        case "workbookPr":
            date1904 = attributes["date1904"].map { $0 == "1" || $0.lowercased() == "true" } ?? false
        default: break
        }
    }

    func end(_ element: String) throws(ImportSourceError) {}
    func text(_ text: String) {}
}
