import Foundation

/// The pinyin ICU gives each Han character on its own, kept once asked:
/// Chinese names draw on a few thousand characters, so an import of
/// 100,000 students asks ICU a few thousand times instead of once per name
/// (about 60 µs a name). ICU's Han-Latin rules read every character on its
/// own but four, which they read by the character after them (藏文/藏语
/// zàng, 重庆 chóng, 沈阳 shěn, 秘鲁 bì: the rules' only contexts, in the
/// ICU that Foundation ships): a text holding one of those goes to ICU
/// whole. Tests compare the two on every name of a 10,000-student demo
/// school, on random names from the whole CJK block and on those words.
final class HanReadings: @unchecked Sendable {
    static let shared = HanReadings()

    private let lock = NSLock()
    private var syllables: [Character: [String]] = [:]

    /// Whether every scalar of `text` is a CJK unified ideograph (the basic
    /// block, extension A, or the supplementary planes' extensions).
    static func isHan(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x20000...0x3134F).contains(s.value)
        }
    }

    /// The characters ICU's Han-Latin rules read by what follows them.
    static let readInContext: Set<Character> = ["藏", "重", "沈", "秘"]

    /// The syllables of a text of Han characters only (`isHan`).
    func read(_ text: String) -> [String] {
        if text.contains(where: Self.readInContext.contains) { return PinyinKey.icuSyllables(text) }
        var result: [String] = []
        result.reserveCapacity(text.count)
        for character in text { result += reading(of: character) }
        return result
    }

    private func reading(of character: Character) -> [String] {
        if let known = lock.withLock({ syllables[character] }) { return known }
        let read = PinyinKey.icuSyllables(String(character))
        lock.withLock { syllables[character] = read }
        return read
    }
}
