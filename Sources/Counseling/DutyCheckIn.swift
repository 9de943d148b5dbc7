public typealias DutyCheckInID = Identifier<DutyCheckIn>

/// What actually happened: a named person checked in to the room and,
/// later, out. Opening-hour compliance is computed from these alone, so
/// a room counts as open only while a named person is present (专人值班).
/// A check-in is not tied to a roster shift: whoever is in the room during
/// a planned shift covers it, so a colleague standing in is no gap.
public struct DutyCheckIn: Identifiable, Hashable, Codable, Sendable {
    public var id: DutyCheckInID
    public var person: StaffID
    public var checkIn: LocalDateTime
    /// Nil while the person is still in the room, or if they forgot.
    public var checkOut: LocalDateTime?

    public init(id: DutyCheckInID, person: StaffID, checkIn: LocalDateTime, checkOut: LocalDateTime? = nil) {
        self.id = id
        self.person = person
        self.checkIn = checkIn
        self.checkOut = checkOut
    }

    public func validate() -> [ValidationError] {
        if let checkOut, checkOut <= checkIn { return [.endNotAfterStart(.time)] }
        return []
    }

    /// The time the room was staffed by this check-in as known at `now`.
    /// A check-in still open on the day of `now` counts up to `now`; one
    /// left open on an earlier day counts nothing, because nobody can say
    /// when the person left (compliance reports it as a missing check-out).
    public func presence(asOf now: LocalDateTime) -> TimeSpan? {
        if let checkOut {
            let span = TimeSpan(start: checkIn, end: min(checkOut, max(now, checkIn)))
            return span.isValid ? span : nil
        }
        guard checkIn.day == now.day else { return nil }
        let span = TimeSpan(start: checkIn, end: now)
        return span.isValid ? span : nil
    }

    /// A check-in from an earlier day that was never closed.
    public func isMissingCheckOut(asOf now: LocalDateTime) -> Bool {
        checkOut == nil && checkIn.day < now.day
    }
}
