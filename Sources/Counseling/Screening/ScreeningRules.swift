/// The decision rules of the screening instruments as published (DOMAIN.md,
/// "Screening instruments"), as defaults the school may edit in the school
/// file (`[screening]`, `[screening_levels]`). Each rule says when a score
/// needs attention, when it is an alert, or when a questionnaire is invalid.
public struct ScreeningRules: Codable, Hashable, Sendable {
    /// PHQ-9 total at or above which a secondary student (junior, senior,
    /// vocational) needs attention: the adolescent PHQ-A cut-off 11
    /// (Richardson et al. 2010).
    public var phq9SecondaryCutOff: Int
    /// The same for primary pupils and university students: 10, the
    /// "moderate" band of the PHQ-9 (Kroenke et al. 2001).
    public var phq9CutOff: Int
    /// PHQ-9 total from which a result is an alert: 20, the "severe" band.
    public var phq9AlertFrom: Int
    /// GAD-7 total from which a result needs attention: 10, "further
    /// evaluation" (Spitzer et al. 2006; also for adolescents).
    public var gad7CutOff: Int
    /// GAD-7 total from which a result is an alert: 15, the "severe" band.
    public var gad7AlertFrom: Int
    /// MHT validity (lie) scale from which a questionnaire is invalid and
    /// the student is re-tested: 7 (周步成, MHT manual).
    public var mhtLieInvalidFrom: Int
    /// MHT content-scale score from which that scale is high: 8.
    public var mhtScaleHighFrom: Int
    /// MHT total from which the overall anxiety tendency is so high that
    /// the manual asks for a personal guidance plan: 65 (周步成《心理健康诊断
    /// 测验手册》, "总焦虑倾向"); an alert.
    public var mhtTotalAlertFrom: Int
    /// MSSMHS factor mean or total mean from which a student needs
    /// attention: 2 (王极盛: 2–2.99 mild, 3–3.99 moderate, 4 and up severe).
    public var mssmhsAttentionFrom: Double
    /// The same from which it is an alert: 3, the moderate band.
    public var mssmhsAlertFrom: Double
    /// SCL-90 (1–5 scoring) total above which the screen is positive: 160.
    public var scl90TotalAbove: Int
    /// SCL-90 number of positive items (answered 2 or more) above which
    /// the screen is positive: 43.
    public var scl90PositiveItemsAbove: Int
    /// SCL-90 factor mean from which the screen is positive: 2.
    public var scl90FactorFrom: Double
    /// A platform's own warning levels.
    public var levels: ScreeningLevelTable

    public init(phq9SecondaryCutOff: Int = 11, phq9CutOff: Int = 10, phq9AlertFrom: Int = 20,
                gad7CutOff: Int = 10, gad7AlertFrom: Int = 15,
                mhtLieInvalidFrom: Int = 7, mhtScaleHighFrom: Int = 8, mhtTotalAlertFrom: Int = 65,
                mssmhsAttentionFrom: Double = 2, mssmhsAlertFrom: Double = 3,
                scl90TotalAbove: Int = 160, scl90PositiveItemsAbove: Int = 43, scl90FactorFrom: Double = 2,
                levels: ScreeningLevelTable = .defaults) {
        self.phq9SecondaryCutOff = phq9SecondaryCutOff
        self.phq9CutOff = phq9CutOff
        self.phq9AlertFrom = phq9AlertFrom
        self.gad7CutOff = gad7CutOff
        self.gad7AlertFrom = gad7AlertFrom
        self.mhtLieInvalidFrom = mhtLieInvalidFrom
        self.mhtScaleHighFrom = mhtScaleHighFrom
        self.mhtTotalAlertFrom = mhtTotalAlertFrom
        self.mssmhsAttentionFrom = mssmhsAttentionFrom
        self.mssmhsAlertFrom = mssmhsAlertFrom
        self.scl90TotalAbove = scl90TotalAbove
        self.scl90PositiveItemsAbove = scl90PositiveItemsAbove
        self.scl90FactorFrom = scl90FactorFrom
        self.levels = levels
    }

    public static let defaults = ScreeningRules()

    /// Whether `stage` takes the adolescent PHQ-A cut-off: the secondary
    /// stages, whose students are 12 to 18.
    public static func isSecondary(_ stage: SchoolStage) -> Bool {
        switch stage {
        case .junior, .senior, .vocational: true
        case .primary, .university: false
        }
    }

    /// The PHQ-9 cut-off for a student of `stage`.
    public func phq9CutOff(for stage: SchoolStage) -> Int {
        Self.isSecondary(stage) ? phq9SecondaryCutOff : phq9CutOff
    }

    /// Each whole-number rule with the scores it can lie within.
    public static var wholeNumberRules: [(rule: WritableKeyPath<ScreeningRules, Int>, range: ClosedRange<Int>)] {
        [(\.phq9SecondaryCutOff, 1...27), (\.phq9CutOff, 1...27), (\.phq9AlertFrom, 1...27),
         (\.gad7CutOff, 1...21), (\.gad7AlertFrom, 1...21),
         (\.mhtLieInvalidFrom, 1...10), (\.mhtScaleHighFrom, 1...10), (\.mhtTotalAlertFrom, 1...90),
         // A total "above 450" or "more than 90 items" could never fire.
         (\.scl90TotalAbove, 90...449), (\.scl90PositiveItemsAbove, 0...89)]
    }

    /// Each rule on a mean (1–5 answers).
    public static var meanRules: [(rule: WritableKeyPath<ScreeningRules, Double>, range: ClosedRange<Int>)] {
        [(\.mssmhsAttentionFrom, 1...5), (\.mssmhsAlertFrom, 1...5), (\.scl90FactorFrom, 1...5)]
    }

    /// Each alert line below its attention line, with the lowest it may
    /// be: a lower one would leave no attention band.
    public var alertLinesBelowAttention: [(rule: PartialKeyPath<ScreeningRules>, lowest: Double, highest: Int)] {
        var below: [(rule: PartialKeyPath<ScreeningRules>, lowest: Double, highest: Int)] = []
        let phq9 = max(phq9SecondaryCutOff, phq9CutOff)
        if phq9AlertFrom < phq9 { below.append((\ScreeningRules.phq9AlertFrom, Double(phq9), 27)) }
        if gad7AlertFrom < gad7CutOff { below.append((\ScreeningRules.gad7AlertFrom, Double(gad7CutOff), 21)) }
        if mssmhsAlertFrom < mssmhsAttentionFrom { below.append((\ScreeningRules.mssmhsAlertFrom, mssmhsAttentionFrom, 5)) }
        return below
    }

    /// Every number within its instrument's scores, each alert line at or
    /// above its attention line, and the level table's own rules.
    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        for (rule, range) in Self.wholeNumberRules where !range.contains(self[keyPath: rule]) {
            problems.append(.outOfRange(.screeningCutOff, lowest: range.lowerBound, highest: range.upperBound))
        }
        for (rule, range) in Self.meanRules {
            let value = self[keyPath: rule]
            if !(value.isFinite && Double(range.lowerBound) <= value && value <= Double(range.upperBound)) {
                problems.append(.outOfRange(.screeningCutOff, lowest: range.lowerBound, highest: range.upperBound))
            }
        }
        // The order of lines that are out of range says nothing more.
        for line in problems.isEmpty ? alertLinesBelowAttention : [] {
            problems.append(.outOfRange(.screeningCutOff, lowest: Int(line.lowest.rounded(.up)), highest: line.highest))
        }
        return problems + levels.validate()
    }
}
