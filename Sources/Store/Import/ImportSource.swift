import Foundation

/// Opens the file an import reads, whatever the school has: a CSV export
/// (UTF-8, UTF-16 or GB18030, see `TextDecoding`) or an .xlsx workbook
/// from Excel, WPS or a screening platform, one sheet of it. The kind is
/// told by the file's first bytes, not its name. Files that cannot be read
/// (.xls, .et, .ods, a password, a damaged or oversized file) are refused
/// with what to do.
public enum ImportSource {
    /// `sheet`: the sheet to read, by the name on its tab; nil for the
    /// first visible sheet that holds a table, a row of two cells or more
    /// (a sheet of notes before the list, a line of text each, is passed
    /// over), else the first that holds anything.
    public static func load(path: String, sheet: String?) throws(ImportSourceError) -> ImportSheet {
        try load(path: path, sheet: sheet, limits: .standard)
    }

    static func load(path: String, sheet: String?, limits: ImportLimits) throws(ImportSourceError) -> ImportSheet {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.fileBytes {
            throw .tooLarge(path: path, bytes: size, limit: limits.fileBytes)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        guard data.count <= limits.fileBytes else { throw .tooLarge(path: path, bytes: data.count, limit: limits.fileBytes) }
        if isZip(data) { return try workbookSheet(data, path: path, sheet: sheet, limits: limits) }
        if data.starts(with: CompoundFile.signature) {
            throw CompoundFile.isEncryptedPackage(data) ? .passwordProtected(path: path) : .legacyWorkbook(path: path)
        }
        if let sheet { throw .sheetOfText(path: path, sheet: sheet) }
        let text: String
        do { text = try TextDecoding.decode([UInt8](data)).text } catch {
            throw .notText(path: path, line: error.line, offset: error.offset)
        }
        let rows: [CSVReader.Row]
        do { rows = try CSVReader.read(text) } catch { throw .unclosedQuote(path: path, line: error.line) }
        guard rows.count <= limits.rows else { throw .tooManyRows(path: path, sheet: nil, limit: limits.rows) }
        return ImportSheet(name: nil, rows: rows)
    }

    /// A zip's local header, or the end record of an empty zip.
    static func isZip(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    static func workbookSheet(_ data: Data, path: String, sheet name: String?, limits: ImportLimits) throws(ImportSourceError) -> ImportSheet {
        let workbook = try Workbook(data: data, path: path, limits: limits)
        if let name {
            let wanted = FieldCleaner.clean(name).text
            guard let sheet = workbook.sheets.first(where: { $0.name == wanted })
                    ?? workbook.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                throw .unknownSheet(path: path, sheet: name, sheets: workbook.sheets.map(\.name))
            }
            return ImportSheet(name: sheet.name, rows: try workbook.rows(of: sheet))
        }
        var notes: ImportSheet?
        for sheet in workbook.sheets where !sheet.hidden {
            let rows = try workbook.rows(of: sheet)
            if rows.contains(where: { $0.fields.lazy.filter { !$0.isEmpty }.count > 1 }) { return ImportSheet(name: sheet.name, rows: rows) }
            if notes == nil, !rows.isEmpty { notes = ImportSheet(name: sheet.name, rows: rows) }
        }
        // No table anywhere: what there is, or the first sheet, whose
        // emptiness the import reports.
        return notes ?? ImportSheet(name: workbook.sheets[0].name, rows: [])
    }
}
