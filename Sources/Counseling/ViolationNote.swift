public typealias ViolationNoteID = Identifier<ViolationNote>

/// A head's explanation of a compliance violation for the inspector
/// ("全校停课"): shown beside the violation everywhere, never instead of
/// it, so the week still counts as not met. Its id is the violation's key
/// (`ComplianceViolation.key`): one note per violation, edited with
/// revisions.
public struct ViolationNote: Identifiable, Hashable, Codable, Sendable {
    public var id: ViolationNoteID
    /// The day the violation is dated on (a week's: its Monday).
    public var day: Day
    public var text: String
    /// Who wrote this version, and when (the store's clock).
    public var by: StaffID
    public var at: LocalDateTime

    public init(about violation: ComplianceViolation, text: String, by: StaffID, at: LocalDateTime) {
        id = ViolationNoteID(violation.key)
        day = violation.day
        self.text = text
        self.by = by
        self.at = at
    }

    public func validate() -> [ValidationError] {
        [TextCheck.line(text, field: .note, maximumLength: 200)].compactMap { $0 }
    }
}

extension ComplianceViolation {
    /// What names this violation from one report to the next: the kind of
    /// thing it is about and its day, shift or check-in. A day's kinds
    /// share one key, so a day explained stays explained when entering a
    /// paper log later changes why the day fell short.
    public var key: String {
        switch kind {
        case .notOpen, .tooLittleOutsideLessons, .dayBelowMinimum: "day:\(day)"
        case .weekBelowMinimum: "week:\(day)"
        case .unstaffedShift(let id, _, _): "shift:\(id.rawValue)"
        case .missingCheckOut(let id, _): "checkout:\(id.rawValue)"
        }
    }
}

extension ComplianceReport {
    /// The head's explanation of `violation`, if there is one.
    public func note(for violation: ComplianceViolation) -> ViolationNote? {
        notes.first { $0.id.rawValue == violation.key }
    }

    /// Check-ins of the period entered afterwards or corrected, in time order.
    public var amendedCheckIns: [DutyCheckIn] {
        checkIns.filter { $0.amendment != nil }
    }

    /// How the check-ins of `day` were recorded afterwards, if any were:
    /// what the day's row is marked with.
    public func amendments(on day: Day) -> [CheckInAmendment.Kind] {
        let kinds = Set(amendedCheckIns.filter { $0.checkIn.day == day }.compactMap(\.amendment?.kind))
        return CheckInAmendment.Kind.allCases.filter(kinds.contains)
    }
}
