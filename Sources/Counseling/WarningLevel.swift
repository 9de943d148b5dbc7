/// The three-level warning (三级预警) of 000 and 002: none, then levels 1–3,
/// 3 the most serious. Levels 2 and 3 put a student on the high-risk,
/// key-attention list, as categories 2 and 3 of 001 do.
///
/// The levels are named 一级/二级/三级关注 (watch 1–3), not with the crisis
/// categories of 001 (一般/严重/重大心理危机), which a crisis run assesses:
/// one word for two things made "严重" ambiguous on screen. The category
/// words are still read as the level they correspond to (001: categories 2
/// and 3 are the high-risk list), so older spreadsheets import.
public enum WarningLevel: String, Codable, Sendable, CaseIterable, Comparable, WordParsable {
    case none, general, severe, major

    public static let field = Field.level

    /// 0 … 3, as the seeds number the categories.
    public var number: Int { Self.allCases.firstIndex(of: self)! }

    public var isKeyAttention: Bool { self >= .severe }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }

    public var displayName: LocalizedText {
        switch self {
        case .none: LocalizedText(zh: "无", en: "none")
        case .general: LocalizedText(zh: "一级关注", en: "watch 1")
        case .severe: LocalizedText(zh: "二级关注", en: "watch 2")
        case .major: LocalizedText(zh: "三级关注", en: "watch 3")
        }
    }

    /// For a narrow column (the key-attention queue): 三级 for 三级关注.
    public var shortName: LocalizedText {
        self == .none ? displayName
            : LocalizedText(zh: String(displayName.zh.prefix(2)), en: displayName.en)
    }

    // The numbers, and the crisis-category words of 001 with their English.
    public var synonyms: [String] {
        switch self {
        case .none: ["0", "无预警", "正常"]
        case .general: ["1", "一般", "一般心理危机", "一般关注", "general", "level 1"]
        case .severe: ["2", "严重", "严重心理危机", "severe", "level 2"]
        case .major: ["3", "重大", "重大心理危机", "major", "level 3"]
        }
    }

    /// The level after `changes`: the latest change wins; none before any.
    public static func current(from changes: [LevelChange]) -> WarningLevel {
        changes.enumerated()
            .max { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }?
            .element.to ?? .none
    }
}
