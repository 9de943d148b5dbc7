import Counseling

/// One thing wrong with an imported file, where it is and why, in words a
/// teacher understands. The value is quoted only as cleaned text.
public struct ImportProblem: Equatable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    /// The file's line (CSV) or the sheet's row number (workbook).
    public var line: Int
    /// The column's header as written in the file (empty for whole-row or
    /// whole-file problems).
    public var column: String
    /// The column's letter as a spreadsheet shows it (`C`), empty when the
    /// problem is of no one column; shown for workbooks only (a CSV file
    /// has no letters to look for).
    public var columnLetter: String
    /// The sheet the row is on, cleaned; nil for a CSV file.
    public var sheet: String?
    public var reason: LocalizedText
    public var severity: Severity

    public init(line: Int, column: String = "", columnLetter: String = "", sheet: String? = nil,
                reason: LocalizedText, severity: Severity = .error) {
        self.line = line
        self.column = column
        self.columnLetter = columnLetter
        self.sheet = sheet
        self.reason = reason
        self.severity = severity
    }

    /// `工作表「名单」第 5 行 C 列「姓名」：…` / `sheet 名单, row 5, column C (姓名): …`
    /// for a workbook; `第 5 行「姓名」列：…` / `line 5, column 姓名: …` for CSV.
    public func text(_ language: Language) -> String {
        let place: String
        switch (language, sheet) {
        case (.zhHans, nil): place = column.isEmpty ? "第 \(line) 行" : "第 \(line) 行「\(column)」列"
        case (.en, nil): place = column.isEmpty ? "line \(line)" : "line \(line), column \(column)"
        case (.zhHans, let sheet?):
            let cell = switch (columnLetter.isEmpty, column.isEmpty) {
            case (false, false): " \(columnLetter) 列「\(column)」"
            case (false, true): " \(columnLetter) 列"
            case (true, false): "「\(column)」列"
            case (true, true): ""
            }
            place = "工作表「\(sheet)」第 \(line) 行\(cell)"
        case (.en, let sheet?):
            var at = "sheet \(sheet), row \(line)"
            switch (columnLetter.isEmpty, column.isEmpty) {
            case (false, false): at += ", column \(columnLetter) (\(column))"
            case (false, true): at += ", column \(columnLetter)"
            case (true, false): at += ", column \(column)"
            case (true, true): break
            }
            place = at
        }
        switch language {
        case .zhHans: return "\(place)\(severity == .error ? "" : "（提示）")：\(reason.zh)"
        case .en: return "\(place)\(severity == .error ? "" : " (warning)"): \(reason.en)"
        }
    }
}

/// What an import found, problems in file order.
public struct ImportReport<Value: Sendable>: Sendable {
    public var values: [Value]
    public var problems: [ImportProblem]
    /// Rows that had an error (and are left out of `values`).
    public var rejectedRows: Int

    public var errors: [ImportProblem] { problems.filter { $0.severity == .error } }
}
