import Foundation

/// The pinyin of a name, so a teacher can find 张三 by typing `zs`,
/// `zhangsan`, `zhangs` or `san` on a keyboard without an input method.
///
/// The surname is read by `SurnameReadings` (compound surnames first, then
/// polyphonic single ones); everything else goes through ICU's Han-Latin
/// transform via Foundation (`applyingTransform(.mandarinToLatin)`), which
/// swift-corelibs-foundation provides on Linux as on Apple platforms.
/// Tones are dropped and ü is written u; a query may type it as `v`, as
/// Chinese input methods do (`lv` finds 吕).
public struct PinyinKey: Hashable, Codable, Sendable {
    /// One entry per syllable (or per run of Latin letters or digits), lower case.
    public let syllables: [String]

    public init(syllables: [String]) {
        self.syllables = syllables
    }

    public init(name: String) {
        let cleaned = name.trimmed
        let (surname, rest) = Self.splitSurname(cleaned)
        syllables = surname + Self.transliterate(rest)
    }

    /// A phrase such as a command's name, read without the surname
    /// readings a name gets (查找 is chá zhǎo, not the surname Zhā).
    public init(phrase: String) {
        syllables = Self.transliterate(phrase.trimmed)
    }

    /// `zhangsan`
    public var full: String { syllables.joined() }
    /// `zs`
    public var initials: String { String(syllables.compactMap(\.first)) }

    /// Whether `query` spells, from the start of some syllable, a run of
    /// consecutive syllables where each is typed whole or as a prefix:
    /// `zs`, `zhangsan`, `zhangs`, `zsan` and `san` all find 张三.
    public func matches(_ query: String) -> Bool {
        let typed = WordNormalizer.key(query).filter { $0 != "'" }
        guard !typed.isEmpty, typed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        // `v` stands for ü in pinyin, but is itself in Latin names (Victor).
        let spellings = Set([typed, typed.replacingOccurrences(of: "v", with: "u")]).map(Array.init)
        return spellings.contains { letters in syllables.indices.contains { matches(letters[...], from: $0) } }
    }

    private func matches(_ rest: ArraySlice<Character>, from index: Int) -> Bool {
        if rest.isEmpty { return true }
        guard index < syllables.count else { return false }
        let syllable = Array(syllables[index])
        var length = 0
        while length < syllable.count, length < rest.count, syllable[length] == rest[rest.startIndex + length] {
            length += 1
        }
        // Try the longest typed prefix first, then shorter ones (`zhs` must
        // be able to mean zh + s as well as z + h…).
        return stride(from: length, through: 1, by: -1).contains { taken in
            matches(rest.dropFirst(taken), from: index + 1)
        }
    }

    /// The surname's syllables when an exception applies, and the rest of the
    /// name for ICU. Names with a middle dot (阿依古丽·买买提) are
    /// transliterated names without a Han surname, so no exception applies.
    static func splitSurname(_ name: String) -> ([String], String) {
        guard !name.contains("·"), !name.contains("•"), name.count >= 2 else { return ([], name) }
        if let reading = SurnameReadings.compound[String(name.prefix(2))] {
            return (reading, String(name.dropFirst(2)))
        }
        if let first = name.first, let reading = SurnameReadings.single[first] {
            return ([reading], String(name.dropFirst()))
        }
        return ([], name)
    }

    /// Han text is read character by character from `HanReadings`, which
    /// asks ICU once per character; anything else (Latin letters, digits,
    /// a middle dot) goes to ICU whole.
    static func transliterate(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return HanReadings.isHan(text) ? HanReadings.shared.read(text) : icuSyllables(text)
    }

    /// ICU's Han-Latin transform, without tones, split into lower-case syllables.
    static func icuSyllables(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let latin = text.applyingTransform(.mandarinToLatin, reverse: false)
            .flatMap { $0.applyingTransform(.stripDiacritics, reverse: false) } ?? text
        return latin.lowercased()
            .split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            .map(String.init)
    }
}
