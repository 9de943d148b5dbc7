/// A worksheet part (`xl/worksheets/sheetN.xml`) read into rows as the
/// sheet shows them. Cells are placed by their reference (`C5`), so gaps
/// the file leaves out are empty cells; a row keeps its number, the one a
/// teacher finds it by. Rows without anything are left out, and empty cells
/// at the end of a row. A merged range stores its value in its first cell
/// and nothing in the others, as a CSV export of the sheet shows it.
final class SheetRows: XMLEventHandler {
    private(set) var rows: [CSVReader.Row] = []

    private let strings: [String]
    private let formats: [NumberFormat]
    private let date1904: Bool
    private let limits: ImportLimits
    private let path: String
    private let sheet: String

    private var rowNumber = 0
    private var fields: [String] = []
    private var column = -1
    private var type = "n"
    private var style = 0
    private var value = ""
    private var collecting = false
    private var inInlineString = false
    private var inPhonetic = false

    init(strings: [String], formats: [NumberFormat], date1904: Bool, limits: ImportLimits, path: String, sheet: String) {
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
        self.limits = limits
        self.path = path
        self.sheet = sheet
    }

    func start(_ element: String, _ attributes: [String: String]) throws(ImportSourceError) {
        switch element {
        case "row":
            rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            fields.removeAll(keepingCapacity: true)
            column = -1
        case "c":
            column = attributes["r"].flatMap(CellReference.parse)?.column ?? column + 1
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
        case "v":
            value = ""
            collecting = true
        case "is":
            inInlineString = true
        case "rPh":
            inPhonetic = true
        case "t":
            collecting = inInlineString && !inPhonetic
        default: break
        }
    }

    func end(_ element: String) throws(ImportSourceError) {
        switch element {
        case "v", "t": collecting = false
        case "is": inInlineString = false
        case "rPh": inPhonetic = false
        case "c": try place(text())
        case "row":
            while fields.last?.isEmpty == true { fields.removeLast() }
            guard !fields.isEmpty else { return }
            guard rows.count < limits.rows else { throw .tooManyRows(path: path, sheet: sheet, limit: limits.rows) }
            rows.append(CSVReader.Row(line: rowNumber, fields: fields))
        default: break
        }
    }

    func text(_ text: String) {
        if collecting { value += text }
    }

    /// The cell's text by its type: shared (`s`), inline (`inlineStr`), a
    /// formula's text (`str`), a boolean (`b`), an error (`e`: `#N/A` as
    /// the sheet shows it; the import reports it as the cell's problem),
    /// an ISO date (`d`), or a number read through its style's format.
    private func text() throws(ImportSourceError) -> String {
        switch type {
        case "s":
            guard !value.isEmpty else { return "" }
            guard let index = Int(value), strings.indices.contains(index) else {
                throw .damaged(path: path, detail: "sheet \(sheet) row \(rowNumber): shared string \(value) out of \(strings.count)")
            }
            return strings[index]
        case "inlineStr", "str", "e": return value
        case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "d": return Self.isoDate(value)
        default:
            guard !value.isEmpty else { return "" }
            return CellText.number(value, format: formats.indices.contains(style) ? formats[style] : .plain, date1904: date1904)
        }
    }

    private func place(_ text: String) throws(ImportSourceError) {
        guard !text.isEmpty else { return }
        guard column < limits.columns else { throw .tooManyColumns(path: path, sheet: sheet, limit: limits.columns) }
        if column >= fields.count { fields.append(contentsOf: repeatElement("", count: column - fields.count + 1)) }
        fields[column] = text
    }

    /// `2026-09-20T08:30:00` as `2026-09-20 08:30`; a date alone at midnight.
    static func isoDate(_ text: String) -> String {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2 else { return text }
        let time = parts[1].prefix(8)
        if time == "00:00:00" || time == "00:00" { return String(parts[0]) }
        return "\(parts[0]) \(time.hasSuffix(":00") && time.count == 8 ? time.prefix(5) : time)"
    }
}
