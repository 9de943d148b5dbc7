public typealias CaseClosingID = Identifier<CaseClosing>

/// Closing a key-attention case (销号, 004): the student leaves the list once
/// the risk is resolved. It needs a reason, a reviewed support plan, the last
/// follow-up done, and a second person to approve it.
public struct CaseClosing: Identifiable, Hashable, Codable, Sendable {
    public var id: CaseClosingID
    public var student: StudentID
    public var author: StaffID
    public var requestedAt: LocalDateTime
    public var reason: String
    /// The level the student returns to: none or general.
    public var newLevel: WarningLevel
    public var approver: StaffID?
    public var approvedAt: LocalDateTime?
    /// A second person may also decline, saying why; the case stays open
    /// and the counselor can ask again later.
    public var declinedBy: StaffID?
    public var declinedAt: LocalDateTime?
    public var declineReason: String?

    public init(id: CaseClosingID, student: StudentID, author: StaffID, requestedAt: LocalDateTime,
                reason: String, newLevel: WarningLevel, approver: StaffID? = nil, approvedAt: LocalDateTime? = nil) {
        self.id = id
        self.student = student
        self.author = author
        self.requestedAt = requestedAt
        self.reason = reason
        self.newLevel = newLevel
        self.approver = approver
        self.approvedAt = approvedAt
    }

    public var isApproved: Bool { approver != nil && approvedAt != nil }
    public var isDeclined: Bool { declinedBy != nil }
    /// Waiting for the second person.
    public var isPending: Bool { approver == nil && declinedBy == nil }

    /// The request approved by `person`, who must not be its author.
    public func approved(by person: StaffID, at moment: LocalDateTime) throws(CaseClosingProblem) -> CaseClosing {
        guard isPending else { throw .alreadyDecided }
        guard person != author else { throw .approverIsAuthor }
        guard moment >= requestedAt else { throw .approvedBeforeRequested }
        var copy = self
        copy.approver = person
        copy.approvedAt = moment
        return copy
    }

    /// The request declined by `person` (not its author), with the reason.
    public func declined(by person: StaffID, at moment: LocalDateTime, reason: String) throws(CaseClosingProblem) -> CaseClosing {
        guard isPending else { throw .alreadyDecided }
        guard person != author else { throw .approverIsAuthor }
        guard !reason.trimmed.isEmpty else { throw .declineReasonMissing }
        if let problem = TextCheck.reason(reason) { throw .invalidReason(problem) }
        var copy = self
        copy.declinedBy = person
        copy.declinedAt = moment
        copy.declineReason = reason
        return copy
    }

    /// Everything that stands in the way of closing the case, all at once so
    /// the counselor can fix them together. Empty when the closing may go ahead.
    /// `followUps` and `plan` are the student's own.
    public func problems(currentLevel: WarningLevel, plan: SupportPlan?,
                         followUps: [FollowUp]) -> [CaseClosingProblem] {
        var problems: [CaseClosingProblem] = []
        if !currentLevel.isKeyAttention { problems.append(.notKeyAttention) }
        if newLevel.isKeyAttention { problems.append(.newLevelStillKeyAttention) }
        if reason.trimmed.isEmpty {
            problems.append(.reasonMissing)
        } else if let problem = TextCheck.reason(reason) {
            problems.append(.invalidReason(problem))
        }
        if let plan {
            if plan.reviews.isEmpty { problems.append(.planNotReviewed) }
        } else {
            problems.append(.noSupportPlan)
        }
        // "The last follow-up" is the one due last; an earlier one left open
        // but followed by later ones is history, the latest state is what counts.
        if let last = followUps.max(by: { ($0.due, $0.id) < ($1.due, $1.id) }) {
            if !last.isDone { problems.append(.lastFollowUpNotDone) }
        } else {
            problems.append(.noFollowUp)
        }
        switch approver {
        case nil: problems.append(.noApprover)
        case author?: problems.append(.approverIsAuthor)
        default: break
        }
        if let approvedAt, approvedAt < requestedAt { problems.append(.approvedBeforeRequested) }
        if isDeclined { problems.append(.alreadyDecided) }
        if approvedAt == nil { problems.append(.notApproved) }
        return problems
    }

    /// The level change that closes the case, or the problems that stop it.
    public func levelChange(id: LevelChangeID, currentLevel: WarningLevel, plan: SupportPlan?,
                            followUps: [FollowUp]) throws(CaseClosingRejection) -> LevelChange {
        let found = problems(currentLevel: currentLevel, plan: plan, followUps: followUps)
        guard found.isEmpty, let approver, let approvedAt else { throw CaseClosingRejection(problems: found) }
        do {
            return try LevelChange.make(id: id, student: student, from: currentLevel, to: newLevel, by: approver,
                                        at: approvedAt, reason: reason, source: .caseClosing(self.id))
        } catch {
            throw CaseClosingRejection(problems: [.levelChange(error)])
        }
    }
}

public enum CaseClosingProblem: TeacherReadableError, Equatable {
    case notKeyAttention
    case newLevelStillKeyAttention
    case reasonMissing
    case invalidReason(ValidationError)
    case noSupportPlan
    case planNotReviewed
    case noFollowUp
    case lastFollowUpNotDone
    case noApprover
    case approverIsAuthor
    case notApproved
    case approvedBeforeRequested
    case alreadyDecided
    case alreadyRequested
    case declineReasonMissing
    case levelChange(LevelChangeError)

    public var message: LocalizedText {
        switch self {
        case .notKeyAttention:
            LocalizedText(zh: "该学生不在重点关注名单上，无需销号", en: "The student is not on the key-attention list")
        case .newLevelStillKeyAttention:
            LocalizedText(zh: "销号后的等级只能是“无”或“一级关注”", en: "After closing, the level must be none or watch 1")
        case .reasonMissing:
            LocalizedText(zh: "销号必须填写原因", en: "Closing a case needs a reason")
        case .invalidReason(let problem):
            problem.message
        case .noSupportPlan:
            LocalizedText(zh: "该学生没有一生一案帮扶方案", en: "The student has no support plan")
        case .planNotReviewed:
            LocalizedText(zh: "帮扶方案尚未复评", en: "The support plan has not been reviewed")
        case .noFollowUp:
            LocalizedText(zh: "没有任何追踪记录", en: "There is no follow-up on record")
        case .lastFollowUpNotDone:
            LocalizedText(zh: "最近一次追踪尚未完成", en: "The last follow-up is not done")
        case .noApprover:
            LocalizedText(zh: "销号需要审批人", en: "Closing a case needs an approver")
        case .approverIsAuthor:
            LocalizedText(zh: "审批人不能是销号申请人本人", en: "The approver must be someone other than the author")
        case .notApproved:
            LocalizedText(zh: "销号尚未审批", en: "The closing has not been approved yet")
        case .approvedBeforeRequested:
            LocalizedText(zh: "审批时间早于申请时间", en: "The approval is dated before the request")
        case .alreadyDecided:
            LocalizedText(zh: "这份销号申请已经处理过了", en: "This closing request has already been decided")
        case .alreadyRequested:
            LocalizedText(zh: "这名学生已有一份待审批的销号申请", en: "This student already has a closing request waiting for a decision")
        case .declineReasonMissing:
            LocalizedText(zh: "不同意销号时请写明原因", en: "Declining a closing needs a reason")
        case .levelChange(let error):
            error.message
        }
    }

    public var detail: String {
        switch self {
        case .invalidReason(let problem): "caseClosing: " + problem.detail
        case .levelChange(let error): "caseClosing: " + error.detail
        default: "caseClosing: \(self)"
        }
    }
}

/// A closing that cannot go ahead, with every reason.
public struct CaseClosingRejection: TeacherReadableError, Equatable {
    public let problems: [CaseClosingProblem]

    public init(problems: [CaseClosingProblem]) { self.problems = problems }

    public var message: LocalizedText {
        LocalizedText(zh: "不能销号：" + problems.map(\.message.zh).joined(separator: "；"),
                      en: "The case cannot be closed: " + problems.map(\.message.en).joined(separator: "; "))
    }

    public var detail: String { problems.map(\.detail).joined(separator: "; ") }
}
