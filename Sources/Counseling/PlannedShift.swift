public typealias PlannedShiftID = Identifier<PlannedShift>

/// A duty shift on the roster (值班表): who should staff the room, when.
/// The plan alone never counts as the room being open; see `DutyCheckIn`.
public struct PlannedShift: Identifiable, Hashable, Codable, Sendable {
    public var id: PlannedShiftID
    public var person: StaffID
    public var span: TimeSpan

    public init(id: PlannedShiftID, person: StaffID, span: TimeSpan) {
        self.id = id
        self.person = person
        self.span = span
    }

    public var day: Day { span.start.day }

    public func validate() -> [ValidationError] {
        guard span.isValid else { return [.endNotAfterStart(.time)] }
        // A shift is part of one school day; a span past midnight is a typo.
        if span.end.day != span.start.day && span.end != LocalDateTime(span.start.day, .endOfDay) {
            return [.notWithinOneDay(.time)]
        }
        return []
    }
}
