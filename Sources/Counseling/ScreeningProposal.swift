public typealias ScreeningProposalID = Identifier<ScreeningProposal>

/// A proposal, raised by a flagged screening result, to put a student on key
/// attention. A counselor confirms it (which yields a level change carrying
/// the counselor's name and reason) or dismisses it. A proposal never changes
/// a level by itself: a questionnaire score is not an assessment.
public struct ScreeningProposal: Identifiable, Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable, CaseIterable, DisplayNamed {
        case pending, confirmed, dismissed

        public var displayName: LocalizedText {
            switch self {
            case .pending: LocalizedText(zh: "待确认", en: "pending")
            case .confirmed: LocalizedText(zh: "已确认", en: "confirmed")
            case .dismissed: LocalizedText(zh: "已排除", en: "dismissed")
            }
        }
    }

    public var id: ScreeningProposalID
    public var student: StudentID
    public var result: ScreeningResultID
    /// Severe for an attention flag, major for an alert: a starting point for
    /// the counselor, who decides the level on confirming.
    public var suggestedLevel: WarningLevel
    public var raisedOn: Day
    public private(set) var status: Status
    public private(set) var decidedBy: StaffID?
    public private(set) var decidedAt: LocalDateTime?
    public private(set) var decisionReason: String

    public init(id: ScreeningProposalID, student: StudentID, result: ScreeningResultID,
                suggestedLevel: WarningLevel, raisedOn: Day, status: Status = .pending,
                decidedBy: StaffID? = nil, decidedAt: LocalDateTime? = nil, decisionReason: String = "") {
        self.id = id
        self.student = student
        self.result = result
        self.suggestedLevel = suggestedLevel
        self.raisedOn = raisedOn
        self.status = status
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionReason = decisionReason
    }

    /// Proposals for flagged `results` of students not already on key
    /// attention, skipping results that already have a proposal. The id is
    /// derived from the result's, so raising proposals twice is harmless.
    public static func raise(from results: [ScreeningResult], currentLevels: [StudentID: WarningLevel],
                             existing: [ScreeningProposal]) -> [ScreeningProposal] {
        let handled = Set(existing.map(\.result))
        return results
            .filter { $0.flag != .none && !handled.contains($0.id) }
            .filter { !(currentLevels[$0.student] ?? .none).isKeyAttention }
            // Alerts first, so the most worrying results are decided first.
            .sorted { a, b in a.flag != b.flag ? a.flag > b.flag : (a.date, a.id) < (b.date, b.id) }
            .map { result in
                ScreeningProposal(id: ScreeningProposalID("screening-" + result.id.rawValue),
                                  student: result.student, result: result.id,
                                  suggestedLevel: result.flag == .alert ? .major : .severe, raisedOn: result.date)
            }
    }

    /// The proposal confirmed at `level` (severe or major, the counselor's
    /// call), with the level change to store beside it.
    public func confirm(level: WarningLevel, currentLevel: WarningLevel, by counselor: StaffID,
                        at moment: LocalDateTime, reason: String,
                        levelChangeID: LevelChangeID) throws(ScreeningDecisionError) -> (ScreeningProposal, LevelChange) {
        guard status == .pending else { throw .alreadyDecided }
        guard level.isKeyAttention else { throw .levelNotKeyAttention }
        let change: LevelChange
        do {
            change = try LevelChange.make(id: levelChangeID, student: student, from: currentLevel, to: level,
                                          by: counselor, at: moment, reason: reason, source: .screening(id))
        } catch {
            throw .levelChange(error)
        }
        return (decided(.confirmed, by: counselor, at: moment, reason: reason), change)
    }

    /// The proposal dismissed; the student's level stays as it is.
    public func dismiss(by counselor: StaffID, at moment: LocalDateTime,
                        reason: String) throws(ScreeningDecisionError) -> ScreeningProposal {
        guard status == .pending else { throw .alreadyDecided }
        if let problem = TextCheck.reason(reason) {
            throw problem == .empty(.reason) ? .reasonMissing : .invalidReason(problem)
        }
        return decided(.dismissed, by: counselor, at: moment, reason: reason)
    }

    private func decided(_ status: Status, by counselor: StaffID, at moment: LocalDateTime,
                         reason: String) -> ScreeningProposal {
        var copy = self
        copy.status = status
        copy.decidedBy = counselor
        copy.decidedAt = moment
        copy.decisionReason = reason
        return copy
    }
}

public enum ScreeningDecisionError: TeacherReadableError, Equatable {
    case alreadyDecided
    case levelNotKeyAttention
    case reasonMissing
    case invalidReason(ValidationError)
    case levelChange(LevelChangeError)

    public var message: LocalizedText {
        switch self {
        case .alreadyDecided:
            LocalizedText(zh: "该测评建议已经处理过", en: "This screening proposal has already been decided")
        case .levelNotKeyAttention:
            LocalizedText(zh: "确认重点关注时等级应为“二级关注”或“三级关注”",
                          en: "Confirming key attention needs watch 2 or watch 3")
        case .reasonMissing:
            LocalizedText(zh: "排除测评建议必须填写原因", en: "Dismissing a screening proposal needs a reason")
        case .invalidReason(let problem):
            problem.message
        case .levelChange(let error):
            error.message
        }
    }

    public var detail: String {
        switch self {
        case .levelChange(let error): "screeningProposal: " + error.detail
        default: "screeningProposal: \(self)"
        }
    }
}
