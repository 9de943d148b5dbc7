/// Why a row of a screening file cannot be scored: a blank, unreadable or
/// out-of-range cell, named by its column key ("" for the row as a whole),
/// so the import reports it with its line and column like any other cell.
public struct ScreeningCellProblem: Error, Hashable, Sendable {
    public var key: String
    public var reason: LocalizedText

    public init(key: String, reason: LocalizedText) {
        self.key = key
        self.reason = reason
    }
}

/// Every problem of one row (`Result` needs an `Error`, which an array of
/// problems is not).
public struct ScreeningCellProblems: Error, Hashable, Sendable {
    public var problems: [ScreeningCellProblem]

    public init(_ problems: [ScreeningCellProblem]) {
        self.problems = problems
    }
}
