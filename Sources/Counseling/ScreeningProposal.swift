public typealias ScreeningProposalID = Identifier<ScreeningProposal>

/// A proposal, raised by a flagged screening result, to put a student on key
/// attention. A counselor confirms it (which yields a level change carrying
/// the counselor's name and reason) or dismisses it. A proposal never changes
/// a level by itself: a questionnaire score is not an assessment.
public struct ScreeningProposal: Identifiable, Hashable, Codable, Sendable {
    public enum Status: String, Codable, Sendable, CaseIterable, DisplayNamed {
        /// `withdrawn`: a corrected import no longer flags the result
        /// before anyone decided; kept, so the chronology shows it was raised.
        case pending, confirmed, dismissed, withdrawn

        public var displayName: LocalizedText {
            switch self {
            case .pending: LocalizedText(zh: "待确认", en: "pending")
            case .confirmed: LocalizedText(zh: "已确认", en: "confirmed")
            case .dismissed: LocalizedText(zh: "已排除", en: "dismissed")
            case .withdrawn: LocalizedText(zh: "已撤回（结果更正）", en: "withdrawn (result corrected)")
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
    /// Raised by an urgent result: shown above the counselor's queue.
    public var urgent: Bool
    public private(set) var status: Status
    public private(set) var decidedBy: StaffID?
    public private(set) var decidedAt: LocalDateTime?
    public private(set) var decisionReason: String

    public init(id: ScreeningProposalID, student: StudentID, result: ScreeningResultID,
                suggestedLevel: WarningLevel, raisedOn: Day, urgent: Bool = false, status: Status = .pending,
                decidedBy: StaffID? = nil, decidedAt: LocalDateTime? = nil, decisionReason: String = "") {
        self.id = id
        self.student = student
        self.result = result
        self.suggestedLevel = suggestedLevel
        self.raisedOn = raisedOn
        self.urgent = urgent
        self.status = status
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionReason = decisionReason
    }

    private enum CodingKeys: String, CodingKey {
        case id, student, result, suggestedLevel, raisedOn, urgent, status, decidedBy, decidedAt, decisionReason
    }

    /// Proposals stored before urgency read as not urgent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(ScreeningProposalID.self, forKey: .id), student: try c.decode(StudentID.self, forKey: .student),
                  result: try c.decode(ScreeningResultID.self, forKey: .result),
                  suggestedLevel: try c.decode(WarningLevel.self, forKey: .suggestedLevel), raisedOn: try c.decode(Day.self, forKey: .raisedOn),
                  urgent: try c.decodeIfPresent(Bool.self, forKey: .urgent) ?? false, status: try c.decode(Status.self, forKey: .status),
                  decidedBy: try c.decodeIfPresent(StaffID.self, forKey: .decidedBy),
                  decidedAt: try c.decodeIfPresent(LocalDateTime.self, forKey: .decidedAt),
                  decisionReason: try c.decode(String.self, forKey: .decisionReason))
    }

    /// Proposals for flagged `results` of students not already on key
    /// attention, skipping results that already have a proposal and
    /// invalid questionnaires (a re-test, not a proposal). The id is
    /// derived from the result's, so raising proposals twice is harmless.
    public static func raise(from results: [ScreeningResult], currentLevels: [StudentID: WarningLevel],
                             existing: [ScreeningProposal]) -> [ScreeningProposal] {
        let handled = Set(existing.map(\.result))
        return results
            .filter { ($0.flag != .none || $0.urgent) && !$0.needsRetest && !handled.contains($0.id) }
            .filter { !(currentLevels[$0.student] ?? .none).isKeyAttention }
            // Urgent ones and alerts first, so the most worrying results are decided first.
            .sorted { a, b in
                a.urgent != b.urgent ? a.urgent : a.flag != b.flag ? a.flag > b.flag : (a.date, a.id) < (b.date, b.id)
            }
            .map { result in
                ScreeningProposal(id: ScreeningProposalID("screening-" + result.id.rawValue),
                                  student: result.student, result: result.id,
                                  suggestedLevel: result.flag == .alert ? .major : .severe, raisedOn: result.date,
                                  urgent: result.urgent)
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

    /// The pending proposal taken back because a corrected import no
    /// longer flags its result (nobody decided it).
    public func withdrawn(by importer: StaffID, at moment: LocalDateTime) throws(ScreeningDecisionError) -> ScreeningProposal {
        guard status == .pending else { throw .alreadyDecided }
        return decided(.withdrawn, by: importer, at: moment, reason: "")
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
