/// The stage of schooling, which sets the grade numbers and the opening-hour
/// rules that apply (primary and secondary schools or universities).
public enum SchoolStage: String, Codable, Sendable, CaseIterable, WordParsable {
    case primary, junior, senior, vocational, university

    public static let field = Field.stage

    public var displayName: LocalizedText {
        switch self {
        case .primary: LocalizedText(zh: "小学", en: "primary")
        case .junior: LocalizedText(zh: "初中", en: "junior high")
        case .senior: LocalizedText(zh: "高中", en: "senior high")
        case .vocational: LocalizedText(zh: "中职", en: "vocational")
        case .university: LocalizedText(zh: "大学", en: "university")
        }
    }

    public var synonyms: [String] {
        switch self {
        case .primary: ["小学部", "primary school", "elementary"]
        case .junior: ["初级中学", "初中部", "junior", "middle school", "junior high school"]
        case .senior: ["高级中学", "高中部", "普通高中", "senior", "high school", "senior high school"]
        case .vocational: ["中等职业学校", "中职学校", "职高", "职中", "中专", "技校", "vocational school"]
        case .university: ["高校", "高等学校", "本科", "专科", "高职", "大专", "college"]
        }
    }

    /// Grade numbers used in this stage. Junior high starts at 6 as well as 7
    /// because "five-four" schools (五四制) put grade 6 in junior high.
    public var grades: ClosedRange<Int> {
        switch self {
        case .primary: 1...6
        case .junior: 6...9
        case .senior: 10...12
        case .vocational: 1...3
        case .university: 1...5
        }
    }
}
