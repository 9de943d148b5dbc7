import Foundation

/// A closed set of values a teacher writes as a word in a spreadsheet cell or
/// a form: gender, school stage, relation, flags. Each value is recognized by
/// its raw value, its Chinese and English display names, and the synonyms
/// schools actually use (男生, 初中, 妈妈 …).
public protocol WordParsable: CaseIterable, RawRepresentable<String>, DisplayNamed, Sendable {
    /// The field named in the error when a word is not recognized.
    static var field: Field { get }
    /// Words beyond the raw value and the display names.
    var synonyms: [String] { get }
}

extension WordParsable {
    public static func parse(_ text: String) throws(ValidationError) -> Self {
        let key = WordNormalizer.key(text)
        guard !key.isEmpty else { throw .empty(field) }
        if let raw = WordTables.shared.table(of: Self.self)[key], let value = Self(rawValue: raw) { return value }
        throw .unrecognized(field, choices: choices)
    }

    /// Every word's key and the raw value of the first value (in `allCases`
    /// order) that has the word, as `parse` used to find it value by value.
    static func keyTable() -> [String: String] {
        var table: [String: String] = [:]
        for value in allCases {
            for word in [value.rawValue, value.displayName.zh, value.displayName.en] + value.synonyms {
                let key = WordNormalizer.key(word)
                if table[key] == nil { table[key] = value.rawValue }
            }
        }
        return table
    }

    /// The values a typed word names, in either language: an exact word
    /// first, else every value one of whose words starts with it (`直接` for
    /// 直接来访, `walk` for walk-in). One value is an answer; several say
    /// the word was too short; none that it is not a choice.
    public static func matching(prefix text: String) -> [Self] {
        let key = WordNormalizer.key(text)
        guard !key.isEmpty else { return [] }
        func words(_ value: Self) -> [String] {
            ([value.rawValue, value.displayName.zh, value.displayName.en] + value.synonyms).map(WordNormalizer.key)
        }
        let exact = allCases.filter { words($0).contains(key) }
        if !exact.isEmpty { return exact }
        return allCases.filter { words($0).contains { $0.hasPrefix(key) } }
    }

    /// The display names of all values, to tell a teacher what is accepted.
    public static var choices: LocalizedText {
        LocalizedText(zh: allCases.map(\.displayName.zh).joined(separator: "、"),
                      en: allCases.map(\.displayName.en).joined(separator: ", "))
    }
}

/// Each `WordParsable` type's `keyTable`, built once: an import parses a
/// gender, a stage and relations on every row, and normalizing every word
/// of every value again each time (Unicode normalization through
/// Foundation) was a sixth of a roster import.
final class WordTables: @unchecked Sendable {
    static let shared = WordTables()

    private let lock = NSLock()
    private var tables: [ObjectIdentifier: [String: String]] = [:]

    func table<T: WordParsable>(of type: T.Type) -> [String: String] {
        if let table = lock.withLock({ tables[ObjectIdentifier(type)] }) { return table }
        let table = T.keyTable()
        lock.withLock { tables[ObjectIdentifier(type)] = table }
        return table
    }
}
