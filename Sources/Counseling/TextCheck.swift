import Foundation

/// The checks every free-text field of a record goes through. Text enters
/// from keyboards and spreadsheets; control characters (an escape sequence
/// could repaint a teacher's terminal, a bidi override could disguise a
/// name) are rejected rather than stored.
public enum TextCheck {
    /// Longest one-line value (institutions, titles) unless a field says less.
    public static let lineLength = 100
    /// Longest note, brief or reason.
    public static let noteLength = 20_000

    /// A one-line value: names, class, institution, titles.
    public static func line(_ text: String, field: Field, required: Bool = true,
                            maximumLength: Int = lineLength) -> ValidationError? {
        problem(text, field: field, required: required, maximumLength: maximumLength, allowingLineBreaks: false)
    }

    /// A note, brief or reason: may hold line breaks and tabs.
    public static func note(_ text: String, field: Field, required: Bool = false) -> ValidationError? {
        problem(text, field: field, required: required, maximumLength: noteLength, allowingLineBreaks: true)
    }

    /// A reason someone else will act on (a level change, a closing, a
    /// screening decision): a note with at least a few words in it. "3" or
    /// "ok" says nothing a colleague or an inspector could follow.
    public static func reason(_ text: String, field: Field = .reason) -> ValidationError? {
        if let problem = note(text, field: field, required: true) { return problem }
        return meaningfulWeight(text) < minimumReasonWeight ? .tooShort(field) : nil
    }

    /// What a reason needs: 2 Chinese characters or 4 letters of another script.
    public static let minimumReasonWeight = 4

    /// Letters count, digits and punctuation do not; a Chinese character
    /// says about as much as a short word, so it counts twice.
    static func meaningfulWeight(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            if scalar.properties.isIdeographic { return sum + 2 }
            return sum + (scalar.properties.isAlphabetic ? 1 : 0)
        }
    }

    static func problem(_ text: String, field: Field, required: Bool, maximumLength: Int,
                        allowingLineBreaks: Bool) -> ValidationError? {
        if required && text.trimmed.isEmpty { return .empty(field) }
        if containsControlCharacters(text, allowingLineBreaks: allowingLineBreaks) { return .controlCharacters(field) }
        if text.count > maximumLength { return .tooLong(field, maximum: maximumLength) }
        return nil
    }

    public static func containsControlCharacters(_ text: String, allowingLineBreaks: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingLineBreaks && (scalar == "\n" || scalar == "\t") { return false }
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
    /// Leading and trailing whitespace removed; used to tell an empty value,
    /// never to rewrite what the author wrote.
    public var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
