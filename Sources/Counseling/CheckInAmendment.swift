/// How a check-in came to be as stored when it was not made with F5 at the
/// moment it says: entered afterwards from a paper duty log (补录), or its
/// times corrected (更正). Compliance counts it like any other check-in,
/// and every report marks it, so an inspector sees which open time rests on
/// a later entry and who made it.
public struct CheckInAmendment: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable, DisplayNamed {
        case entered, corrected

        public var displayName: LocalizedText {
            switch self {
            case .entered: LocalizedText(zh: "补录", en: "entered afterwards")
            case .corrected: LocalizedText(zh: "更正", en: "corrected")
            }
        }
    }

    /// Corrected once corrected, even if it was entered afterwards first.
    public var kind: Kind
    /// Who entered or last corrected it, and when (the store's clock).
    public var by: StaffID
    public var at: LocalDateTime
    /// An entry's note from the paper log (may be empty); a correction's
    /// reason (required).
    public var reason: String
    /// The times first recorded, kept on a correction so every report can
    /// show them beside the new ones; every version is in `revisions` too.
    public var originalCheckIn: LocalDateTime?
    public var originalCheckOut: LocalDateTime?

    public init(kind: Kind, by: StaffID, at: LocalDateTime, reason: String,
                originalCheckIn: LocalDateTime? = nil, originalCheckOut: LocalDateTime? = nil) {
        self.kind = kind
        self.by = by
        self.at = at
        self.reason = reason
        self.originalCheckIn = originalCheckIn
        self.originalCheckOut = originalCheckOut
    }
}

extension DutyCheckIn {
    /// This check-in as entered afterwards by `by` at `now` from a paper
    /// log: both times in the past, on one day, the check-out after the
    /// check-in, and not overlapping another check-in of the same person
    /// (`others` may hold this one; it is skipped).
    public func enteredAfterwards(by: StaffID, at now: LocalDateTime, note: String,
                                  others: [DutyCheckIn]) throws(DutyProblem) -> DutyCheckIn {
        try Self.checkPast(id: id, person: person, checkIn: checkIn, checkOut: checkOut, now: now, others: others)
        var entered = self
        entered.amendment = CheckInAmendment(kind: .entered, by: by, at: now, reason: note)
        return entered
    }

    /// This check-in with new times, corrected by `by` at `now` for
    /// `reason` (required). The first recorded times stay in the amendment.
    public func corrected(checkIn newIn: LocalDateTime, checkOut newOut: LocalDateTime?, by: StaffID,
                          at now: LocalDateTime, reason: String, others: [DutyCheckIn]) throws(DutyProblem) -> DutyCheckIn {
        guard !reason.allSatisfy(\.isWhitespace) else { throw .reasonRequired }
        guard newIn != checkIn || newOut != checkOut else { throw .nothingChanged }
        try Self.checkPast(id: id, person: person, checkIn: newIn, checkOut: newOut, now: now, others: others)
        var corrected = self
        corrected.checkIn = newIn
        corrected.checkOut = newOut
        let first = amendment?.kind == .corrected ? amendment : nil
        corrected.amendment = CheckInAmendment(
            kind: .corrected, by: by, at: now, reason: reason,
            originalCheckIn: first?.originalCheckIn ?? checkIn, originalCheckOut: first == nil ? checkOut : first?.originalCheckOut)
        return corrected
    }

    /// The rules of a check-in recorded after the fact.
    static func checkPast(id: DutyCheckInID, person: StaffID, checkIn: LocalDateTime, checkOut: LocalDateTime?,
                          now: LocalDateTime, others: [DutyCheckIn]) throws(DutyProblem) {
        guard let checkOut else { throw .checkOutMissing }
        guard checkIn.day == checkOut.day else { throw .notWithinOneDay }
        guard checkOut > checkIn else { throw .outNotAfterIn }
        guard checkOut <= now else { throw .inFuture }
        let span = TimeSpan(start: checkIn, end: checkOut)
        for other in others where other.id != id && other.person == person && other.checkIn.day == checkIn.day {
            // One still open counts to the end of its day: whoever entered
            // a later stretch should close that one instead.
            let end = other.checkOut ?? LocalDateTime(other.checkIn.day.adding(days: 1), .midnight)
            if span.overlaps(TimeSpan(start: other.checkIn, end: end)) { throw .overlaps(other.checkIn, other.checkOut) }
        }
    }
}
