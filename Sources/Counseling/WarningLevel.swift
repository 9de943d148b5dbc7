/// The three-level warning (三级预警) of 000 and 001: none, 1 general (一般),
/// 2 severe (严重), 3 major (重大). Levels 2 and 3 put a student on the
/// high-risk, key-attention list (001).
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
        case .general: LocalizedText(zh: "一般", en: "general")
        case .severe: LocalizedText(zh: "严重", en: "severe")
        case .major: LocalizedText(zh: "重大", en: "major")
        }
    }

    // Only numbers and the category words: "一级/三级" are left out because
    // some regions number warnings the other way round (一级 the most severe).
    public var synonyms: [String] {
        switch self {
        case .none: ["0", "无预警", "正常"]
        case .general: ["1", "一般心理危机", "一般关注"]
        case .severe: ["2", "严重心理危机"]
        case .major: ["3", "重大心理危机"]
        }
    }

    /// The level after `changes`: the latest change wins; none before any.
    public static func current(from changes: [LevelChange]) -> WarningLevel {
        changes.enumerated()
            .max { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }?
            .element.to ?? .none
    }
}
