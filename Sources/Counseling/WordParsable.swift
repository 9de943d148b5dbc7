import Synchronization

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
        guard let index = WordTables.table(of: Self.self)[key] else { throw .unrecognized(field, choices: choices) }
        return Array(allCases)[index]
    }

    /// Every word of every value, normalized: the first value (in case
    /// order) a key names wins, as a search in that order would find it.
    static func wordTable() -> [String: Int] {
        var table: [String: Int] = [:]
        for (index, value) in allCases.enumerated() {
            for word in [value.rawValue, value.displayName.zh, value.displayName.en] + value.synonyms {
                let key = WordNormalizer.key(word)
                if table[key] == nil { table[key] = index }
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

/// Each word type's table of normalized words, made once per process:
/// `parse` runs for each cell of an import and for each word of the list
/// filter on every keystroke, and normalizing every word of every value
/// each time (Unicode compatibility mapping) was most of its cost.
enum WordTables {
    private static let tables = Mutex<[ObjectIdentifier: [String: Int]]>([:])

    static func table<T: WordParsable>(of type: T.Type) -> [String: Int] {
        tables.withLock { tables in
            if let table = tables[ObjectIdentifier(type)] { return table }
            let table = T.wordTable()
            tables[ObjectIdentifier(type)] = table
            return table
        }
    }
}
