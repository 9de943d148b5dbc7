/// One figure of a printed document held against the same figure computed
/// again from the database.
public struct FigureCheck: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case matches
        case differs
        /// The document did not show it (its print lacked the key): nothing to check.
        case notPrinted
        /// The document shows it, but this session lacks the key to count it again.
        case cannotCheck(RequiredKey)
    }

    /// The figure's raw name, as the canonical text writes it.
    public var key: String
    /// What it counts, where this binary knows the key.
    public var label: LocalizedText?
    /// Nil where one side has no such figure (a grade bucket that is not
    /// there), which reads as 0.
    public var printed: Figure?
    public var now: Figure?
    public var outcome: Outcome

    /// Every figure of `embedded` and of `recomputed` (computed as of the
    /// document's moment, suppressed as the document was), by key, in the
    /// document's order, then the figures only the recomputation has.
    public static func compare(_ embedded: EmbeddedStatistics, with recomputed: TermStatistics) -> [FigureCheck] {
        let again = embedded.smallCountsSuppressed ? recomputed.suppressingSmallCounts : recomputed
        let now = Dictionary(again.figures.map { ($0.key.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let printedKeys = Set(embedded.figures.map(\.key))
        var checks = embedded.figures.map { line in
            check(key: line.key, label: now[line.key]?.key.displayName, printed: line.value, now: now[line.key]?.value)
        }
        checks += again.figures.filter { !printedKeys.contains($0.key.rawValue) }.map { figure in
            check(key: figure.key.rawValue, label: figure.key.displayName, printed: nil, now: figure.value)
        }
        return checks
    }

    private static func check(key: String, label: LocalizedText?, printed: Figure?, now: Figure?) -> FigureCheck {
        let outcome: Outcome
        switch (printed ?? .count(0), now ?? .count(0)) {
        case (.needs, _): outcome = .notPrinted
        case (_, .needs(let required)): outcome = .cannotCheck(required)
        case let (a, b): outcome = a == b ? .matches : .differs
        }
        return FigureCheck(key: key, label: label, printed: printed, now: now, outcome: outcome)
    }
}
