/// What one row of a screening file says about a student, once scored:
/// the scores to record, the flag the decision rules give, whether it is
/// urgent (a PHQ-9 item 9 answer above 0, a platform's highest level), or
/// that the questionnaire is invalid and needs a re-test. The reasons say
/// why in words a counselor reads; the flag is a proposal's starting point,
/// never a level (`ScreeningProposal`).
public struct ScreeningOutcome: Hashable, Codable, Sendable {
    public var scores: [ScreeningResult.Score]
    public var flag: ScreeningResult.Flag
    public var urgent: Bool
    /// Non-nil: an invalid questionnaire, to re-test; never a proposal, so
    /// the flag is `.none` and it is not urgent.
    public var invalid: LocalizedText?
    public var reasons: [LocalizedText]

    public init(scores: [ScreeningResult.Score], flag: ScreeningResult.Flag, urgent: Bool = false,
                invalid: LocalizedText? = nil, reasons: [LocalizedText]) {
        self.scores = scores
        self.flag = invalid == nil ? flag : .none
        self.urgent = invalid == nil && urgent
        self.invalid = invalid
        self.reasons = reasons
    }
}
