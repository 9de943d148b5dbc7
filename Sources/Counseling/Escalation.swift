/// A visit the duty teacher could not keep alone (thoughts of self-harm)
/// goes to the counselors at once (000, 001); one of them takes it over,
/// which is recorded with who and when, so no escalation is left with
/// nobody and none is taken twice.
extension StaffID {
    /// The addressee of an escalation or hand-over when no single counselor
    /// can be named (nobody checked in, the student has no counselor): it
    /// waits above every counselor's list. Account names never hold `@`.
    public static let everyCounselor = StaffID("@counselors")
}

extension Visit {
    public func takenOver(by counselor: StaffID, at time: LocalDateTime) throws(EscalationProblem) -> Visit {
        guard escalatedTo != nil else { throw .notEscalated }
        if let taker = escalationTakenBy { throw .alreadyTaken(by: taker) }
        guard time >= start else { throw .takenBeforeVisit }
        var taken = self
        taken.escalationTakenBy = counselor
        taken.escalationTakenAt = time
        return taken
    }
}

public enum EscalationProblem: TeacherReadableError, Equatable {
    case notEscalated
    case alreadyTaken(by: StaffID)
    case takenBeforeVisit

    public var message: LocalizedText {
        switch self {
        case .notEscalated:
            LocalizedText(zh: "这次来访没有转交心理教师", en: "This visit was not escalated to a counselor")
        case .alreadyTaken:
            LocalizedText(zh: "这次转交已由另一位心理教师接手", en: "Another counselor has already taken this escalation over")
        case .takenBeforeVisit:
            LocalizedText(zh: "接手时间早于来访时间，请检查电脑时钟", en: "The time taken is before the visit: check the computer's clock")
        }
    }

    public var detail: String {
        switch self {
        case .notEscalated: "escalation: visit has no escalatedTo"
        case .alreadyTaken(let by): "escalation: already taken by \(by.rawValue)"
        case .takenBeforeVisit: "escalation: taken before the visit started"
        }
    }
}
