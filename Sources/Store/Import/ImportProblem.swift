import Counseling

/// One thing wrong with an imported file, where it is and why, in words a
/// teacher understands. The value is quoted only as cleaned text.
public struct ImportProblem: Equatable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var line: Int
    /// The column's header as written in the file (empty for whole-row or
    /// whole-file problems).
    public var column: String
    public var reason: LocalizedText
    public var severity: Severity

    public init(line: Int, column: String = "", reason: LocalizedText, severity: Severity = .error) {
        self.line = line
        self.column = column
        self.reason = reason
        self.severity = severity
    }

    public func text(_ language: Language) -> String {
        let place: String
        switch language {
        case .zhHans: place = column.isEmpty ? "第 \(line) 行" : "第 \(line) 行「\(column)」列"
        case .en: place = column.isEmpty ? "line \(line)" : "line \(line), column \(column)"
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
