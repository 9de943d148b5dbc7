public typealias VisitID = Identifier<Visit>

/// A visit to the counseling room (来访登记 / 咨询记录): a record must exist
/// for every visit (004), named or anonymous.
public struct Visit: Identifiable, Hashable, Codable, Sendable {
    public enum Channel: String, Codable, Sendable, CaseIterable, WordParsable {
        case walkIn, appointment, phone, online, group

        public static let field = Field.channel

        public var displayName: LocalizedText {
            switch self {
            case .walkIn: LocalizedText(zh: "直接来访", en: "walk-in")
            case .appointment: LocalizedText(zh: "预约来访", en: "appointment")
            case .phone: LocalizedText(zh: "电话", en: "phone")
            case .online: LocalizedText(zh: "网络", en: "online")
            case .group: LocalizedText(zh: "团体辅导", en: "group")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .walkIn: ["来访", "当面", "walk in", "in person"]
            case .appointment: ["预约"]
            case .phone: ["电话咨询", "telephone"]
            case .online: ["网络咨询", "线上", "网上"]
            case .group: ["团辅", "团体", "group session"]
            }
        }
    }

    public enum Reason: String, Codable, Sendable, CaseIterable, Comparable, WordParsable {
        case study, relationships, family, emotions, selfHarmThoughts, other

        public static let field = Field.reason

        public var displayName: LocalizedText {
            switch self {
            case .study: LocalizedText(zh: "学业", en: "study")
            case .relationships: LocalizedText(zh: "人际关系", en: "relationships")
            case .family: LocalizedText(zh: "家庭", en: "family")
            case .emotions: LocalizedText(zh: "情绪", en: "emotions")
            case .selfHarmThoughts: LocalizedText(zh: "自伤念头", en: "self-harm thoughts")
            case .other: LocalizedText(zh: "其他", en: "other")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .study: ["学习", "学业压力", "考试"]
            case .relationships: ["人际", "同伴关系", "师生关系"]
            case .family: ["亲子关系", "家庭关系"]
            case .emotions: ["情绪困扰", "焦虑", "抑郁情绪"]
            case .selfHarmThoughts: ["自伤", "自杀念头", "轻生", "self-harm"]
            case .other: []
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var id: VisitID
    /// Nil for an anonymous walk-in: a student may come without giving a name.
    public var student: StudentID?
    public var loggedBy: StaffID
    public var channel: Channel
    public var start: LocalDateTime
    /// Nil while the visit is going on.
    public var end: LocalDateTime?
    public var reasons: Set<Reason>
    public var brief: String
    public var followUpNeeded: Bool
    /// The counselor the visit was handed to, if it was escalated.
    public var escalatedTo: StaffID?
    /// The counselor who took the escalated visit over, and when: until
    /// then it waits at the top of every counselor's list.
    public var escalationTakenBy: StaffID?
    public var escalationTakenAt: LocalDateTime?

    public init(id: VisitID, student: StudentID?, loggedBy: StaffID, channel: Channel,
                start: LocalDateTime, end: LocalDateTime? = nil, reasons: Set<Reason>, brief: String,
                followUpNeeded: Bool = false, escalatedTo: StaffID? = nil) {
        self.id = id
        self.student = student
        self.loggedBy = loggedBy
        self.channel = channel
        self.start = start
        self.end = end
        self.reasons = reasons
        self.brief = brief
        self.followUpNeeded = followUpNeeded
        self.escalatedTo = escalatedTo
    }

    public var isAnonymous: Bool { student == nil }

    /// Escalated and not yet taken over by a counselor.
    public var awaitsCounselor: Bool { escalatedTo != nil && escalationTakenBy == nil }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let end, end <= start { problems.append(.endNotAfterStart(.end)) }
        if reasons.isEmpty { problems.append(.empty(.reason)) }
        if let problem = TextCheck.note(brief, field: .brief) {
            problems.append(problem)
        }
        // Thoughts of self-harm are never left with the duty teacher alone (000, 001).
        if reasons.contains(.selfHarmThoughts) && escalatedTo == nil { problems.append(.selfHarmNotEscalated) }
        return problems
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(student, forKey: .student)
        try container.encode(loggedBy, forKey: .loggedBy)
        try container.encode(channel, forKey: .channel)
        try container.encode(start, forKey: .start)
        try container.encodeIfPresent(end, forKey: .end)
        try container.encode(reasons.sorted(), forKey: .reasons)
        try container.encode(brief, forKey: .brief)
        try container.encode(followUpNeeded, forKey: .followUpNeeded)
        try container.encodeIfPresent(escalatedTo, forKey: .escalatedTo)
        try container.encodeIfPresent(escalationTakenBy, forKey: .escalationTakenBy)
        try container.encodeIfPresent(escalationTakenAt, forKey: .escalationTakenAt)
    }
}
