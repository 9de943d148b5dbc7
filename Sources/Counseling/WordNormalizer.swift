import Foundation

/// Brings what a teacher typed into one form before it is compared with the
/// words we accept: full-width letters, digits and colons from a Chinese
/// input method become ASCII (NFKC), case and surrounding spaces are dropped.
enum WordNormalizer {
    static func normalize(_ text: String) -> String {
        // ASCII is its own NFKC, and its only whitespace and newlines are
        // tab, LF, VT, FF, CR and space: the answer without Foundation's
        // normalization, which costs microseconds (a phone number, a yes/no
        // and a gender on every row of an import).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
            let bytes = text.utf8.drop(while: isSpace)
            let trimmed = bytes.prefix(bytes.count - bytes.reversed().prefix(while: isSpace).count)
            return String(decoding: trimmed.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
        }
        return foundationNormalized(text)
    }

    /// NFKC, trimmed and lower-cased through Foundation: any text.
    static func foundationNormalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .lowercased()
    }

    /// A lookup key: normalized, without spaces, hyphens or underscores, so
    /// `Left-behind`, `left behind` and `LEFT_BEHIND` are one word.
    static func key(_ text: String) -> String {
        String(normalize(text).filter { !$0.isWhitespace && $0 != "-" && $0 != "_" })
    }
}
