import Counseling
import Store

/// Clinical text in a record as this session may show it: the text, or a
/// word saying it is sealed for counselors (a head's view of a closing's
/// reason) or does not open (`SealedText`). The sealed bytes never reach
/// the screen.
enum WithheldText {
    static func shown(_ text: String, _ lang: Language) -> String {
        switch SealedText.visibility(text) {
        case .text(let text): text
        case .withheld: S.withheld.text(lang)
        case .unreadable: S.unreadable.text(lang)
        }
    }
}
