public typealias SupportPlanID = Identifier<SupportPlan>

/// The individual plan of a key-attention student (一生一案 / 一生一策, 000),
/// owned by a counselor, with a school leader personally responsible (包保, 004).
public struct SupportPlan: Identifiable, Hashable, Codable, Sendable {
    public struct Review: Hashable, Codable, Sendable {
        public var at: LocalDateTime
        public var by: StaffID
        public var note: String

        public init(at: LocalDateTime, by: StaffID, note: String) {
            self.at = at
            self.by = by
            self.note = note
        }
    }

    public var id: SupportPlanID
    public var student: StudentID
    public var goals: [String]
    public var measures: [String]
    public var owner: StaffID
    /// The school leader's name: leaders are often not users of the workstation.
    public var responsibleLeader: String
    public var reviewDate: Day
    public var createdAt: LocalDateTime
    public var reviews: [Review]

    public init(id: SupportPlanID, student: StudentID, goals: [String], measures: [String], owner: StaffID,
                responsibleLeader: String, reviewDate: Day, createdAt: LocalDateTime, reviews: [Review] = []) {
        self.id = id
        self.student = student
        self.goals = goals
        self.measures = measures
        self.owner = owner
        self.responsibleLeader = responsibleLeader
        self.reviewDate = reviewDate
        self.createdAt = createdAt
        self.reviews = reviews
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if goals.allSatisfy({ $0.trimmed.isEmpty }) { problems.append(.empty(.goals)) }
        if measures.allSatisfy({ $0.trimmed.isEmpty }) { problems.append(.empty(.measures)) }
        problems += goals.compactMap { TextCheck.note($0, field: .goals) }
        problems += measures.compactMap { TextCheck.note($0, field: .measures) }
        if let problem = TextCheck.line(responsibleLeader, field: .responsibleLeader, maximumLength: 50) {
            problems.append(problem)
        }
        if reviewDate < createdAt.day { problems.append(.endNotAfterStart(.reviewDate)) }
        return problems
    }

    public var lastReview: Review? { reviews.max { $0.at < $1.at } }

    /// The review date has passed without a review on or after it.
    public func isReviewOverdue(today: Day) -> Bool {
        guard reviewDate < today else { return false }
        return (lastReview?.at.day).map { $0 < reviewDate } ?? true
    }
}
