public typealias LevelChangeID = Identifier<LevelChange>

/// A change of a student's warning level. Every change carries who made it,
/// when and why (DOMAIN.md; CPOMS and MyConcern do the same), and becomes an
/// event in the student's chronology. Nothing changes a level by itself: a
/// screening only proposes, and leaving key attention goes through 销号.
public struct LevelChange: Identifiable, Hashable, Codable, Sendable {
    public enum Source: Hashable, Codable, Sendable, DisplayNamed {
        /// A counselor's own assessment.
        case assessment
        /// A counselor confirmed a screening proposal.
        case screening(ScreeningProposalID)
        /// The approved closing (销号) of a key-attention case.
        case caseClosing(CaseClosingID)

        public var displayName: LocalizedText {
            switch self {
            case .assessment: LocalizedText(zh: "心理教师评估", en: "counselor's assessment")
            case .screening: LocalizedText(zh: "测评后确认", en: "confirmed after screening")
            case .caseClosing: LocalizedText(zh: "销号", en: "case closing")
            }
        }
    }

    public let id: LevelChangeID
    public let student: StudentID
    public let from: WarningLevel
    public let to: WarningLevel
    public let by: StaffID
    public let at: LocalDateTime
    public let reason: String
    public let source: Source

    /// The change, or why it cannot be made. `from` is the student's level
    /// now, as the caller knows it.
    public static func make(id: LevelChangeID, student: StudentID, from: WarningLevel, to: WarningLevel,
                            by: StaffID, at: LocalDateTime, reason: String,
                            source: Source = .assessment) throws(LevelChangeError) -> LevelChange {
        if let problem = TextCheck.reason(reason) {
            throw problem == .empty(.reason) ? .reasonMissing : .invalidReason(problem)
        }
        guard from != to else { throw .unchanged }
        if from.isKeyAttention && !to.isKeyAttention {
            guard case .caseClosing = source else { throw .closingRequired }
        }
        return LevelChange(id: id, student: student, from: from, to: to, by: by, at: at,
                           reason: reason, source: source)
    }

    /// Restores a stored change as it was recorded; new changes go through `make`.
    public init(id: LevelChangeID, student: StudentID, from: WarningLevel, to: WarningLevel,
                by: StaffID, at: LocalDateTime, reason: String, source: Source) {
        self.id = id
        self.student = student
        self.from = from
        self.to = to
        self.by = by
        self.at = at
        self.reason = reason
        self.source = source
    }
}

public enum LevelChangeError: TeacherReadableError, Equatable {
    case reasonMissing
    case invalidReason(ValidationError)
    case unchanged
    /// Leaving key attention (level 2–3 to 0–1) needs an approved 销号.
    case closingRequired

    public var message: LocalizedText {
        switch self {
        case .reasonMissing:
            LocalizedText(zh: "调整预警等级必须填写原因", en: "A level change needs a reason")
        case .invalidReason(let problem):
            problem.message
        case .unchanged:
            LocalizedText(zh: "新等级与当前等级相同", en: "The new level is the same as the current one")
        case .closingRequired:
            LocalizedText(zh: "重点关注学生需经销号审批才能降至一级关注或无",
                          en: "A key-attention student leaves the list only through an approved case closing")
        }
    }

    public var detail: String {
        switch self {
        case .reasonMissing: "levelChange: empty reason"
        case .invalidReason(let problem): "levelChange: " + problem.detail
        case .unchanged: "levelChange: from == to"
        case .closingRequired: "levelChange: key -> non-key without .caseClosing source"
        }
    }
}
