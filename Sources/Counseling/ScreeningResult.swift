public typealias ScreeningResultID = Identifier<ScreeningResult>

/// A student's result in a psychological screening (心理测评 / 筛查: at
/// least once a school year from upper primary on, 000; grade 4 and up at
/// term start, 001). The flag is the instrument's own cut-off, nothing more.
public struct ScreeningResult: Identifiable, Hashable, Codable, Sendable {
    public enum Flag: String, Codable, Sendable, CaseIterable, Comparable, WordParsable {
        case none, attention, alert

        public static let field = Field.score

        public var displayName: LocalizedText {
            switch self {
            case .none: LocalizedText(zh: "未见异常", en: "no concern")
            case .attention: LocalizedText(zh: "需关注", en: "attention")
            case .alert: LocalizedText(zh: "预警", en: "alert")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .none: ["正常", "无", "normal"]
            case .attention: ["关注", "异常", "concern"]
            case .alert: ["高危", "危机", "warning"]
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public struct Score: Hashable, Codable, Sendable {
        /// The scale as the instrument names it, e.g. `总分`, `抑郁`.
        public var scale: String
        public var value: Double

        public init(scale: String, value: Double) {
            self.scale = scale
            self.value = value
        }
    }

    public var id: ScreeningResultID
    public var student: StudentID
    /// E.g. `MHT`, `PHQ-9`, `SCL-90`.
    public var instrument: String
    public var date: Day
    public var scores: [Score]
    public var flag: Flag
    /// The campaign it was imported in (nil: entered before campaigns).
    public var campaign: ScreeningCampaignID?
    /// The instrument's version and the rule set it was judged by.
    public var version: String
    /// Needs a counselor at once (a PHQ-9 item 9 answer above 0, a
    /// platform's highest level), whatever the total.
    public var urgent: Bool
    /// Why the questionnaire is not valid (a lie scale too high): a re-test,
    /// never a proposal.
    public var invalid: LocalizedText?
    /// Why it was flagged, in the words a counselor reads.
    public var reasons: [LocalizedText]

    public init(id: ScreeningResultID, student: StudentID, instrument: String, date: Day,
                scores: [Score], flag: Flag, campaign: ScreeningCampaignID? = nil, version: String = "",
                urgent: Bool = false, invalid: LocalizedText? = nil, reasons: [LocalizedText] = []) {
        self.id = id
        self.student = student
        self.instrument = instrument
        self.date = date
        self.scores = scores
        self.flag = invalid == nil ? flag : .none
        self.campaign = campaign
        self.version = version
        self.urgent = invalid == nil && urgent
        self.invalid = invalid
        self.reasons = reasons
    }

    /// Whether it needs a re-test rather than a decision.
    public var needsRetest: Bool { invalid != nil }

    private enum CodingKeys: String, CodingKey { case id, student, instrument, date, scores, flag, campaign, version, urgent, invalid, reasons }

    /// Results stored before campaigns read with the new fields empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(ScreeningResultID.self, forKey: .id), student: try c.decode(StudentID.self, forKey: .student),
                  instrument: try c.decode(String.self, forKey: .instrument), date: try c.decode(Day.self, forKey: .date),
                  scores: try c.decode([Score].self, forKey: .scores), flag: try c.decode(Flag.self, forKey: .flag),
                  campaign: try c.decodeIfPresent(ScreeningCampaignID.self, forKey: .campaign),
                  version: try c.decodeIfPresent(String.self, forKey: .version) ?? "",
                  urgent: try c.decodeIfPresent(Bool.self, forKey: .urgent) ?? false,
                  invalid: try c.decodeIfPresent(LocalizedText.self, forKey: .invalid),
                  reasons: try c.decodeIfPresent([LocalizedText].self, forKey: .reasons) ?? [])
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let problem = TextCheck.line(instrument, field: .instrument, maximumLength: 50) { problems.append(problem) }
        if scores.contains(where: { !$0.value.isFinite }) { problems.append(.outOfRange(.score, lowest: 0, highest: 1000)) }
        problems += scores.compactMap { TextCheck.line($0.scale, field: .score, maximumLength: 50) }
        return problems
    }
}
