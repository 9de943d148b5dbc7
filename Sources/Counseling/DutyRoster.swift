/// The rules a change to the duty roster (值班表) keeps, checked by the
/// store before anything is written (and by the screen, to explain at
/// once). The roster plans who staffs the room on school days; what
/// counts for compliance is still the check-ins (`Compliance`).
public enum DutyRoster {
    /// Why `shift` cannot join the roster `others` (the shifts stored now,
    /// the shift's own earlier version left out): a broken span, a day
    /// students are not at school, a start already past, or an overlap
    /// with a shift of the same person. Nil when it may.
    public static func problem(adding shift: PlannedShift, to others: [PlannedShift],
                               calendar: SchoolCalendar, now: LocalDateTime) -> (any TeacherReadableError)? {
        if let invalid = shift.validate().first { return invalid }
        if !calendar.isSchoolDay(shift.day) { return RosterError.notASchoolDay(shift.day, calendar.kind(of: shift.day)) }
        // Planning is for what lies ahead; a shift in the past would be a
        // gap nobody could have filled.
        if shift.span.start < now { return ValidationError.inPast(.date) }
        if let clash = others.first(where: { $0.id != shift.id && $0.person == shift.person && $0.span.overlaps(shift.span) }) {
            return RosterError.overlapsShift(clash.span)
        }
        return nil
    }

    /// Why the stored shift `shift` cannot be moved or removed at `now`:
    /// once it has begun it is part of the compliance record.
    public static func problem(changing shift: PlannedShift, now: LocalDateTime) -> RosterError? {
        shift.span.start <= now ? .alreadyBegun(shift.span) : nil
    }
}
