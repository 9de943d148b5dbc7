import Foundation

/// Brings what a teacher typed into one form before it is compared with the
/// words we accept: full-width letters, digits and colons from a Chinese
/// input method become ASCII (NFKC), case and surrounding spaces are dropped.
enum WordNormalizer {
    static func normalize(_ text: String) -> String {
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
