import Counseling
import Foundation

/// The header of an import file read and checked: the part every import
/// shares before it reads its own rows.
struct ImportTable {
    /// The workbook sheet (nil for CSV), named in every problem's place.
    var sheet: String?
    var header: [String]
    var index: [String: Int]
    var rows: [CSVReader.Row]
    var problems: [ImportProblem]

    /// The reader of one of `rows`, placing its problems in this table.
    func reader(_ row: CSVReader.Row) -> RowReader {
        RowReader(row: row, header: header, index: index, sheet: sheet)
    }

    /// The table, or the problems that stop the import before any row.
    static func read(_ sheet: ImportSheet, columns: ImportColumns) -> Result<ImportTable, ImportFailure> {
        let rows = sheet.rows
        func placed(_ problems: [ImportProblem]) -> [ImportProblem] {
            problems.map { var p = $0; p.sheet = sheet.name; return p }
        }
        guard !rows.isEmpty else {
            return .failure(ImportFailure(problems: placed([ImportProblem(line: 1, reason: sheet.name == nil
                ? LocalizedText(zh: "文件是空的", en: "the file is empty")
                : LocalizedText(zh: "这个工作表是空的（可用 --sheet 指定另一个工作表）",
                                en: "this sheet is empty (name another sheet with --sheet)"))])))
        }
        let at = headerRow(rows, columns: columns)
        let header = rows[at]
        let below = rows.indices.contains(at + 1) ? rows[at + 1] : nil
        let merged = below.flatMap { secondHeaderRow(header.fields, $0.fields, columns: columns) }
        var (index, problems) = columns.map(header: merged ?? header.fields, line: header.line)
        if problems.contains(where: { $0.severity == .error }) { return .failure(ImportFailure(problems: placed(problems))) }
        problems = rows[..<at].map { title in
            ImportProblem(line: title.line, reason: LocalizedText(zh: "在表头之上（标题或说明），已跳过",
                                                                  en: "above the header row (a title or a remark), skipped"),
                          severity: .warning)
        } + problems
        if merged != nil, let below {
            problems.append(ImportProblem(line: below.line, reason: LocalizedText(
                zh: "表头的第二行（合并单元格下的列名），已与上一行合并", en: "the header's second row (column names under merged cells), read with the row above"),
                severity: .warning))
        }
        let first = at + (merged == nil ? 1 : 2)
        return .success(ImportTable(sheet: sheet.name, header: merged ?? header.fields, index: index,
                                    rows: Array(rows[min(first, rows.count)...]), problems: placed(problems)))
    }

    /// A header over two rows, as a sheet with merged cells exports it:
    /// "家长信息" spanning three columns above "姓名 关系 电话". The row
    /// below is a second header row when it leaves every required cell to
    /// the row above (a data row fills them) and names known columns; each
    /// of its names is read under the group above it ("家长" + "姓名" is
    /// the guardian's name, not the student's). Nil when it is no header.
    static func secondHeaderRow(_ top: [String], _ below: [String], columns: ImportColumns) -> [String]? {
        let (topIndex, _) = columns.map(header: top, line: 0)
        let required = columns.columns.filter(\.required).compactMap { topIndex[$0.key] }
        guard required.allSatisfy({ $0 >= below.count || FieldCleaner.clean(below[$0]).text.isEmpty }) else { return nil }
        var merged = top + Array(repeating: "", count: max(0, below.count - top.count))
        var group = "", named = false
        for i in merged.indices {
            let above = FieldCleaner.clean(merged[i]).text
            if !above.isEmpty { group = above }
            let name = i < below.count ? FieldCleaner.clean(below[i]).text : ""
            guard !name.isEmpty else { continue }
            let stem = group.replacingOccurrences(of: "信息", with: "").replacingOccurrences(of: "情况", with: "")
            if let words = [stem + name, group + name, name].first(where: { columns.column(for: $0) != nil }) {
                merged[i] = words
                named = true
            }
        }
        return named ? merged : nil
    }

    /// Where the header is. Exports from the school's registry often put a
    /// title ("2026级学生花名册") or a remark above it, so the first of the
    /// first rows that has every required column is taken; when none has,
    /// the one that names the most columns, whose problems are then shown.
    static func headerRow(_ rows: [CSVReader.Row], columns: ImportColumns) -> Int {
        var best = 0, bestKnown = -1
        for (i, row) in rows.prefix(maxRowsAboveHeader + 1).enumerated() {
            let (index, problems) = columns.map(header: row.fields, line: row.line)
            if !problems.contains(where: { $0.severity == .error }) { return i }
            if index.count > bestKnown { (best, bestKnown) = (i, index.count) }
        }
        return best
    }

    static let maxRowsAboveHeader = 10
}

struct ImportFailure: Error {
    var problems: [ImportProblem]
}
