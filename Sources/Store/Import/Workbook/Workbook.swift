import Counseling
import Foundation

/// An .xlsx workbook (Excel, WPS, LibreOffice, screening platforms'
/// exports): its sheets by name, each read into rows on demand. The parts
/// are found as the package names them: `_rels/.rels` leads to the
/// workbook, its relationships to the sheets, the shared strings and the
/// styles.
struct Workbook {
    struct Sheet {
        /// Cleaned: a sheet name is untrusted text like any cell.
        var name: String
        /// The worksheet part; nil for a chart sheet, which holds no cells.
        var part: String?
        var hidden: Bool
    }

    let sheets: [Sheet]
    private let archive: WorkbookArchive
    private let date1904: Bool
    private let strings: [String]
    private let formats: [NumberFormat]
    private let limits: ImportLimits

    init(data: Data, path: String, limits: ImportLimits) throws(ImportSourceError) {
        let archive = try WorkbookArchive(data: data, path: path, limits: limits)
        self.archive = archive
        self.limits = limits
        if let mimetype = try archive.read("mimetype") {
            let kind = String(decoding: mimetype, as: UTF8.self)
            if kind.contains("opendocument.spreadsheet") { throw .openDocument(path: path) }
            throw .notAWorkbook(path: path, detail: "zip with mimetype \(kind.prefix(80))")
        }
        let package = Relationships(base: "")
        try Self.parse("_rels/.rels", archive, into: package)
        guard let workbookPart = package.target(ofType: "officeDocument") ?? (archive.contains("xl/workbook.xml") ? "xl/workbook.xml" : nil),
              workbookPart.lowercased().hasSuffix(".xml"), archive.contains(workbookPart) else {
            throw .notAWorkbook(path: path, detail: "no workbook part (officeDocument relationship)")
        }
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let list = SheetList()
        try Self.parse(workbookPart, archive, into: list)
        guard !list.sheets.isEmpty else { throw .notAWorkbook(path: path, detail: "\(workbookPart) lists no sheet") }
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + workbookPart.split(separator: "/").last! + ".rels"
        let parts = Relationships(base: folder)
        guard try Self.parse(relsPart, archive, into: parts) else {
            throw .damaged(path: path, detail: "\(relsPart) missing: the sheets cannot be found")
        }
        sheets = list.sheets.map { entry in
            let relationship = parts.byID[entry.relationship]
            return Sheet(name: FieldCleaner.clean(entry.name).text,
                         part: relationship?.type.hasSuffix("/worksheet") == true ? relationship?.target : nil,
                         hidden: entry.hidden)
        }
        date1904 = list.date1904
        let shared = SharedStrings()
        if let part = parts.target(ofType: "sharedStrings") { try Self.parse(part, archive, into: shared) }
        strings = shared.strings
        let styles = CellFormats()
        if let part = parts.target(ofType: "styles") { try Self.parse(part, archive, into: styles) }
        formats = styles.formats()
    }

    /// The sheet's rows as the sheet shows them.
    func rows(of sheet: Sheet) throws(ImportSourceError) -> [CSVReader.Row] {
        guard let part = sheet.part else { return [] }
        let reader = SheetRows(strings: strings, formats: formats, date1904: date1904, limits: limits,
                               path: archive.path, sheet: sheet.name)
        guard try Self.parse(part, archive, into: reader) else {
            throw .damaged(path: archive.path, detail: "sheet \(sheet.name): part \(part) missing")
        }
        return reader.rows
    }

    /// Streams a part through `handler`; false when the archive lacks it.
    @discardableResult
    private static func parse(_ part: String, _ archive: WorkbookArchive, into handler: XMLEventHandler) throws(ImportSourceError) -> Bool {
        guard let data = try archive.read(part) else { return false }
        try XMLEvents.parse(data, part: part, path: archive.path, into: handler)
        return true
    }
}
