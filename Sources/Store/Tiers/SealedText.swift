import Foundation
import Vault

/// Clinical free text as it is kept: sealed to the clinical tier's public
/// key (`TierKeys.sealToClinical`), so anyone can write it (a duty
/// teacher's visit brief, a head's reason for declining a closing) and only
/// a counselor reads it back.
///
/// In a record read by a session that cannot open it the text stays the
/// sealed token; one a counselor cannot open (altered, or written without
/// the key) becomes the unreadable mark. Both start with a private-use
/// character that `TextCheck` refuses in anything typed, so no text a
/// person wrote is ever mistaken for one. A screen shows them as withheld
/// or unreadable (`SealedText.visibility`).
public enum SealedText {
    static let marker: Character = "\u{E000}"
    static let sealedPrefix = "\u{E000}x1:"
    static let unreadableMark = "\u{E000}unreadable"

    public enum Visibility: Equatable, Sendable {
        /// Plain text this session may read (possibly empty).
        case text(String)
        /// Written, but sealed to a tier this session does not hold.
        case withheld
        /// Sealed, but it does not open under the key that should open it.
        case unreadable
    }

    public static func visibility(_ text: String) -> Visibility {
        guard text.first == marker else { return .text(text) }
        return text == unreadableMark ? .unreadable : .withheld
    }

    static func isSealed(_ text: String) -> Bool { text.first == marker }

    /// `text` sealed, or as it is when empty (nothing was written) or
    /// sealed already (a token read back and written on unchanged).
    static func seal(_ text: String, _ keys: TierKeys) -> String {
        if text.isEmpty || isSealed(text) { return text }
        return sealedPrefix + Data(keys.sealToClinical(Array(text.utf8))).base64EncodedString()
    }

    /// The plain text for a session holding the clinical tier; the token
    /// unchanged for any other; the unreadable mark when it does not open.
    static func open(_ text: String, _ keys: TierKeys) -> String {
        guard text.hasPrefix(sealedPrefix), keys.holds(.clinical) else { return text }
        guard let sealed = Data(base64Encoded: String(text.dropFirst(sealedPrefix.count))),
              let plain = keys.openSealedToClinical(Array(sealed)),
              let string = String(bytes: plain, encoding: .utf8) else { return unreadableMark }
        return string
    }
}
