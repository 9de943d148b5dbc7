public typealias ReferralID = Identifier<Referral>

/// A referral (转介) to a mental-health institution, through the green
/// channel (绿色通道) where the school has one, with the institution's
/// feedback recorded when it comes (追踪反馈, 000 and 004).
public struct Referral: Identifiable, Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable, CaseIterable, WordParsable {
        case referred, attended, declined, feedbackReceived

        public static let field = Field.status

        public var displayName: LocalizedText {
            switch self {
            case .referred: LocalizedText(zh: "已转介", en: "referred")
            case .attended: LocalizedText(zh: "已就诊", en: "attended")
            case .declined: LocalizedText(zh: "家长拒绝就诊", en: "declined by family")
            case .feedbackReceived: LocalizedText(zh: "已反馈", en: "feedback received")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .referred: ["转介"]
            case .attended: ["就诊", "已就医"]
            case .declined: ["拒绝", "拒绝就诊"]
            case .feedbackReceived: ["反馈", "feedback"]
            }
        }
    }

    public var id: ReferralID
    public var student: StudentID
    public var institution: String
    public var referredOn: Day
    public var greenChannel: Bool
    public var status: Status
    public var feedbackOn: Day?
    public var feedbackSummary: String
    public var by: StaffID

    public init(id: ReferralID, student: StudentID, institution: String, referredOn: Day, greenChannel: Bool,
                by: StaffID, status: Status = .referred, feedbackOn: Day? = nil, feedbackSummary: String = "") {
        self.id = id
        self.student = student
        self.institution = institution
        self.referredOn = referredOn
        self.greenChannel = greenChannel
        self.by = by
        self.status = status
        self.feedbackOn = feedbackOn
        self.feedbackSummary = feedbackSummary
    }

    /// A referral the school still expects to hear back about. A family
    /// that declined is followed up another way.
    public var awaitsFeedback: Bool { status != .declined && feedbackOn == nil }

    /// The referral with the institution's feedback recorded.
    public func withFeedback(on day: Day, summary: String) throws(ValidationError) -> Referral {
        var copy = self
        copy.status = .feedbackReceived
        copy.feedbackOn = day
        copy.feedbackSummary = summary
        if let problem = copy.validate().first { throw problem }
        return copy
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let problem = TextCheck.line(institution, field: .institution) {
            problems.append(problem)
        }
        if let feedbackOn, feedbackOn < referredOn { problems.append(.endNotAfterStart(.feedbackDate)) }
        if status == .feedbackReceived {
            if feedbackOn == nil { problems.append(.empty(.feedbackDate)) }
            if feedbackSummary.trimmed.isEmpty { problems.append(.empty(.feedbackSummary)) }
        }
        if let problem = TextCheck.note(feedbackSummary, field: .feedbackSummary) {
            problems.append(problem)
        }
        return problems
    }
}
