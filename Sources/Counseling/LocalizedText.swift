/// The two languages every user-facing string of xindesk ships in.
public enum Language: String, Codable, Sendable, CaseIterable, DisplayNamed {
    case zhHans = "zh-Hans"
    case en

    /// Each language named in itself, as a language menu shows it.
    public var displayName: LocalizedText {
        switch self {
        case .zhHans: LocalizedText(zh: "简体中文", en: "简体中文")
        case .en: LocalizedText(zh: "English", en: "English")
        }
    }
}

/// A user-facing text in Chinese and English. The domain never picks the
/// language itself: the view that shows the text knows the user's choice.
public struct LocalizedText: Hashable, Codable, Sendable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .zhHans: zh
        case .en: en
        }
    }
}

/// A value with a name to show to teachers, in both languages.
public protocol DisplayNamed {
    var displayName: LocalizedText { get }
}
