import Counseling

/// A screening result in one line, as the chronology and the decision form
/// show it: the instrument, what it found and why (a re-test says so
/// instead of a finding).
enum ScreeningText {
    static func summary(_ r: ScreeningResult, _ L: Language) -> String {
        if let invalid = r.invalid {
            return r.instrument + " · " + S.screeningRetest.format(L, invalid.text(L))
        }
        let why = r.reasons.map { $0.text(L) }.joined(separator: S.listSeparator.text(L))
        return [r.instrument, r.flag.displayName.text(L) + (r.urgent ? S.screeningUrgentMark.text(L) : ""), why]
            .filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
