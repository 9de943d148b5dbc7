/// How a platform's own warning level (a word in a column: 红/橙/黄,
/// 一级/二级/三级, 高危/关注) becomes a flag: the school's table, edited in
/// the school file (`[screening_levels]`). A word is compared without case,
/// width or spaces.
///
/// The numbered levels run in opposite directions: some platforms call
/// their most severe level 一级 (as 一级预警), others 三级 (as xindesk's own
/// 三级关注). The defaults read 一级 as the most severe and 二级/三级 as
/// attention, so whichever way a platform counts, no numbered level hides a
/// student (each is at least a proposal); a school whose platform counts
/// the other way moves 三级 up and 一级 down.
public struct ScreeningLevelTable: Codable, Hashable, Sendable {
    /// What a word means: a flag, and for `urgent` an alert that sits
    /// above the queue like an escalation.
    public enum Meaning: String, Codable, Sendable, CaseIterable {
        case urgent, alert, attention, none

        public var flag: ScreeningResult.Flag {
            switch self {
            case .urgent, .alert: .alert
            case .attention: .attention
            case .none: .none
            }
        }
    }

    public var urgent: [String]
    public var alert: [String]
    public var attention: [String]
    public var none: [String]

    public init(urgent: [String], alert: [String], attention: [String], none: [String]) {
        self.urgent = urgent
        self.alert = alert
        self.attention = attention
        self.none = none
    }

    public static let defaults = ScreeningLevelTable(
        urgent: ["红", "红色", "高危"],
        alert: ["橙", "橙色", "一级", "1级"],
        attention: ["黄", "黄色", "关注", "二级", "2级", "三级", "3级"],
        none: ["绿", "绿色", "正常", "无", "未见异常"])

    public func words(_ meaning: Meaning) -> [String] {
        switch meaning {
        case .urgent: urgent
        case .alert: alert
        case .attention: attention
        case .none: none
        }
    }

    /// A word as the table compares it: without case, width or spaces.
    public static func normalizedKey(_ word: String) -> String {
        WordNormalizer.key(word)
    }

    /// What `word` means in the table, or nil when the table lacks it.
    public func meaning(of word: String) -> Meaning? {
        let key = Self.normalizedKey(word)
        guard !key.isEmpty else { return nil }
        return Meaning.allCases.first { meaning in words(meaning).contains { Self.normalizedKey($0) == key } }
    }

    /// Every word of the table, most severe first, to tell a teacher what
    /// a cell may hold.
    public var allWords: [String] { Meaning.allCases.flatMap(words) }

    /// Each word one line of text, and no word twice (also not as `Red`
    /// and `red`, which read the same); at least one word.
    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if allWords.isEmpty { problems.append(.empty(.platformLevel)) }
        problems += allWords.compactMap { TextCheck.line($0, field: .platformLevel, maximumLength: 20) }
        let keys = allWords.map(WordNormalizer.key)
        if Set(keys).count != keys.count { problems.append(.duplicate(.platformLevel)) }
        return problems
    }
}
