public enum Gender: String, Codable, Sendable, CaseIterable, WordParsable {
    case male, female

    public static let field = Field.gender

    public var displayName: LocalizedText {
        switch self {
        case .male: LocalizedText(zh: "男", en: "male")
        case .female: LocalizedText(zh: "女", en: "female")
        }
    }

    public var synonyms: [String] {
        switch self {
        case .male: ["男生", "男性", "m", "boy"]
        case .female: ["女生", "女性", "f", "girl"]
        }
    }
}
