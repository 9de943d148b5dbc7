public typealias GuardianContactID = Identifier<GuardianContact>

/// A contact with a student's guardian: who was reached, when, how, and what
/// came of it. For severe and major cases the guardian must be told
/// (监护人知情, 001); every family is contacted each semester (003).
public struct GuardianContact: Identifiable, Hashable, Codable, Sendable {
    public enum Purpose: String, Codable, Sendable, CaseIterable, WordParsable {
        /// Telling the guardian about a severe or major case.
        case notification
        /// Ordinary family contact (家校沟通).
        case routine

        public static let field = Field.reason

        public var displayName: LocalizedText {
            switch self {
            case .notification: LocalizedText(zh: "监护人知情", en: "guardian notification")
            case .routine: LocalizedText(zh: "家校沟通", en: "family contact")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .notification: ["知情", "告知", "notification"]
            case .routine: ["家访沟通", "沟通", "routine"]
            }
        }
    }

    public enum Method: String, Codable, Sendable, CaseIterable, WordParsable {
        case phone, inPerson, homeVisit, message, video

        public static let field = Field.method

        public var displayName: LocalizedText {
            switch self {
            case .phone: LocalizedText(zh: "电话", en: "phone")
            case .inPerson: LocalizedText(zh: "到校面谈", en: "meeting at school")
            case .homeVisit: LocalizedText(zh: "家访", en: "home visit")
            case .message: LocalizedText(zh: "短信或微信", en: "text message")
            case .video: LocalizedText(zh: "视频通话", en: "video call")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .phone: ["电话联系", "call"]
            case .inPerson: ["面谈", "当面", "in person"]
            case .homeVisit: ["上门"]
            case .message: ["短信", "微信", "sms", "wechat"]
            case .video: ["视频", "video"]
            }
        }
    }

    public enum Outcome: String, Codable, Sendable, CaseIterable, WordParsable {
        case reached, notReached, declined

        public static let field = Field.outcome

        public var displayName: LocalizedText {
            switch self {
            case .reached: LocalizedText(zh: "已联系上", en: "reached")
            case .notReached: LocalizedText(zh: "未联系上", en: "not reached")
            case .declined: LocalizedText(zh: "家长拒绝配合", en: "declined to cooperate")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .reached: ["联系上", "已沟通", "已告知"]
            case .notReached: ["无人接听", "未接通", "no answer"]
            case .declined: ["拒绝", "不配合", "refused"]
            }
        }
    }

    public var id: GuardianContactID
    public var student: StudentID
    public var guardianName: String
    public var relation: GuardianRelation
    public var by: StaffID
    public var at: LocalDateTime
    public var purpose: Purpose
    public var method: Method
    public var outcome: Outcome
    public var note: String

    public init(id: GuardianContactID, student: StudentID, guardianName: String, relation: GuardianRelation,
                by: StaffID, at: LocalDateTime, purpose: Purpose, method: Method, outcome: Outcome,
                note: String = "") {
        self.id = id
        self.student = student
        self.guardianName = guardianName
        self.relation = relation
        self.by = by
        self.at = at
        self.purpose = purpose
        self.method = method
        self.outcome = outcome
        self.note = note
    }

    /// A guardian notification counts only once the guardian was reached:
    /// an unanswered call has told nobody anything.
    public var isCompletedNotification: Bool {
        purpose == .notification && outcome != .notReached
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let problem = TextCheck.line(guardianName, field: .guardianName, maximumLength: 50) {
            problems.append(problem)
        }
        if let problem = TextCheck.note(note, field: .note) {
            problems.append(problem)
        }
        return problems
    }
}
