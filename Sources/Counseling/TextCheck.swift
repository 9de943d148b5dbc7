import Foundation

/// The checks every free-text field of a record goes through. Text enters
/// from keyboards and spreadsheets; control characters (an escape sequence
/// could repaint a teacher's terminal) are rejected rather than stored.
public enum TextCheck {
    /// Problems with `text` as a value of `field`, or nil when it is fine.
    public static func problem(_ text: String, field: Field, required: Bool = true,
                               maximumLength: Int) -> ValidationError? {
        if required && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .empty(field)
        }
        if containsControlCharacters(text, allowingNewlines: maximumLength > lineLength) {
            return .controlCharacters(field)
        }
        if text.count > maximumLength { return .tooLong(field, maximum: maximumLength) }
        return nil
    }

    /// Longest text that stays on one line (names, titles, institutions);
    /// longer fields (notes, briefs) may hold line breaks.
    public static let lineLength = 100
    public static let noteLength = 20_000

    public static func containsControlCharacters(_ text: String, allowingNewlines: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingNewlines && (scalar == "\n" || scalar == "\t") { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                return true
            default:
                return false
            }
        }
    }
}

extension String {
    /// Leading and trailing whitespace removed; used where a value is a name
    /// or a word, never for notes whose layout is the author's.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
