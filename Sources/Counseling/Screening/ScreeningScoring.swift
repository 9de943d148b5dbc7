/// Scores one row of a screening file and applies the school's decision
/// rules (`ScreeningRules`): pure, so the import, its tests and a re-import
/// all agree. A row with any unreadable cell gives every such problem and
/// no outcome; a result is never guessed from part of a row.
public enum ScreeningScoring {
    /// `cells`: the row's cleaned cells by column key (missing optional
    /// columns absent). `stage`: the student's school stage, which sets
    /// the PHQ-9 cut-off.
    public static func score(_ instrument: ScreeningInstrument, cells: [String: String], stage: SchoolStage,
                             rules: ScreeningRules) -> Result<ScreeningOutcome, ScreeningCellProblems> {
        var reader = ScreeningCells(cells: cells)
        let outcome: ScreeningOutcome?
        switch instrument {
        case .phq9: outcome = phq9(&reader, stage: stage, rules: rules)
        case .gad7: outcome = gad7(&reader, rules: rules)
        case .mht: outcome = mht(&reader, rules: rules)
        case .mssmhs: outcome = mssmhs(&reader, rules: rules)
        case .scl90: outcome = scl90(&reader, rules: rules)
        case .levels: outcome = level(&reader, table: rules.levels)
        }
        guard let outcome, reader.problems.isEmpty else { return .failure(ScreeningCellProblems(reader.problems)) }
        return .success(outcome)
    }

    /// A score as a counselor reads it: 14, 2.17.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }

    /// `value` at or above `line`, allowing for the rounding of a computed
    /// mean (ten factor means averaged), never for a typed 1.99.
    static func reaches(_ value: Double, _ line: Double) -> Bool {
        value >= line - 1e-9
    }
}

/// The cells of one row, read one by one; every unreadable cell is kept as
/// a problem of its column. A reason never repeats the cell's text: it may
/// hold a name or anything else a platform wrote.
struct ScreeningCells {
    let cells: [String: String]
    var problems: [ScreeningCellProblem] = []

    init(cells: [String: String]) {
        self.cells = cells
    }

    /// The cell's text, or nil when it is absent or blank.
    func text(_ key: String) -> String? {
        let text = cells[key].map(WordNormalizer.normalize) ?? ""
        return text.isEmpty ? nil : text
    }

    /// A score as platforms write it: digits with a decimal point, and the
    /// unit "分" some put after it ("7分"); not what `Double` reads besides
    /// (hexadecimal, exponents, "nan").
    static func decimal(_ text: String) -> Double? {
        let digits = text.hasSuffix("分") ? String(text.dropLast()) : text
        guard !digits.isEmpty, digits.allSatisfy({ "0123456789.-".contains($0) }) else { return nil }
        return Double(digits)
    }

    mutating func fail(_ key: String, _ reason: LocalizedText) {
        problems.append(ScreeningCellProblem(key: key, reason: reason))
    }

    /// A number in `range`; a blank required cell is a problem, a blank
    /// optional one is nil. `scale` says which scores the range is of.
    mutating func number(_ key: String, _ range: ClosedRange<Double>, required: Bool = true, scale: LocalizedText) -> Double? {
        guard let text = text(key) else {
            if required {
                fail(key, LocalizedText(zh: "空白：这一列每行都要有分数（\(scale.zh)）", en: "blank: every row needs this score (\(scale.en))"))
            }
            return nil
        }
        guard let value = Self.decimal(text), range.contains(value) else {
            fail(key, LocalizedText(zh: "应是 \(ScreeningScoring.text(range.lowerBound)) 到 \(ScreeningScoring.text(range.upperBound)) 之间的数（\(scale.zh)）",
                                    en: "must be a number from \(ScreeningScoring.text(range.lowerBound)) to \(ScreeningScoring.text(range.upperBound)) (\(scale.en))"))
            return nil
        }
        return value
    }
}
