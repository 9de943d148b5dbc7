/// The key a figure needs that the session computing it did not hold.
/// A head of guidance holds the oversight key, not the clinical one; a
/// duty teacher or an administrator holds neither.
public enum RequiredKey: String, Hashable, Sendable, CaseIterable {
    case oversight, clinical

    /// What a document says in place of the figure.
    public var displayName: LocalizedText {
        switch self {
        case .clinical: LocalizedText(zh: "需心理教师打印", en: "needs a counselor's print")
        case .oversight: LocalizedText(zh: "需心理教师或负责人打印", en: "needs a counselor's or head's print")
        }
    }
}

/// One figure of the term's statistics as a document shows it. Never a
/// zero for what the session could not read: that figure says which key
/// it needs instead.
public enum Figure: Hashable, Sendable {
    case count(Int)
    /// 1 to 4, shown as "<5" in what leaves the school.
    case fewerThanFive
    case needs(RequiredKey)

    /// The value as the canonical text writes it (`7`, `under-5`,
    /// `needs-clinical-key`): no `<`, so HTML holds it unescaped.
    public var canonical: String {
        switch self {
        case .count(let n): String(n)
        case .fewerThanFive: "under-5"
        case .needs(let key): "needs-\(key.rawValue)-key"
        }
    }

    /// Reads what `canonical` writes; nil for anything else.
    public init?(canonical text: String) {
        if text == "under-5" { self = .fewerThanFive; return }
        if let key = RequiredKey.allCases.first(where: { text == "needs-\($0.rawValue)-key" }) { self = .needs(key); return }
        guard let n = Int(text), n >= 0, String(n) == text else { return nil }
        self = .count(n)
    }

    /// As a reader sees it: the number, "<5", or which print it needs.
    public var displayText: LocalizedText {
        switch self {
        case .count(let n): LocalizedText(zh: String(n), en: String(n))
        case .fewerThanFive: LocalizedText(zh: "<5", en: "<5")
        case .needs(let key): key.displayName
        }
    }
}
