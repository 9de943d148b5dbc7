import Counseling
import GRDB

/// The room, day to day: visits, duty check-ins, appointments, and a
/// counselor taking over an escalated visit.
extension Store {
    func logVisit(_ visit: Visit, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        var visit = visit
        guard visit.loggedBy == a.id else { throw StoreError.notYours }
        if let student = visit.student { try Self.requireStudent(student, db) }
        // Who an escalation goes to is the store's decision, made under the
        // write lock from the check-ins and the file as they are now.
        visit.escalatedTo = nil
        visit.escalationTakenBy = nil
        visit.escalationTakenAt = nil
        if visit.reasons.contains(.selfHarmThoughts) {
            visit.escalatedTo = try counselorToReach(for: visit.student, now, db)
        }
        try Self.validate(visit.validate())
        try insert(visit, by: a.id, db)
        try audit(db, a.id, now, .visitAdd, visit.student, visit.channel.rawValue)
        var outcome = CommandOutcome()
        outcome.routedTo = visit.escalatedTo
        outcome.student = visit.student
        return outcome
    }

    func checkIn(_ checkIn: DutyCheckIn, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard checkIn.person == a.id else { throw DutyProblem.notYours }
        guard checkIn.checkOut == nil, checkIn.checkIn.day == now.day, checkIn.checkIn <= now else { throw DutyProblem.notNow }
        // One open shift a day per person; one left open on an earlier day
        // stays as it is (a missing check-out) and does not stop today's.
        let open: [DutyCheckIn] = try openRecords(DutyCheckIn.self, db)
        if open.contains(where: { $0.person == a.id && $0.checkIn.day == now.day }) { throw DutyProblem.alreadyCheckedIn }
        try Self.validate(checkIn.validate())
        try insert(checkIn, by: a.id, db)
        try audit(db, a.id, now, .checkIn, nil, "")
        return CommandOutcome()
    }

    func checkOut(_ id: DutyCheckInID, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard let open = try stored(DutyCheckIn.self, id: id, db) else {
            throw StoreError.missing(kind: DutyCheckIn.kind, id: id.rawValue)
        }
        guard open.person == a.id else { throw DutyProblem.notYours }
        try replace(try open.checkedOut(at: now), by: a.id, at: now, db)
        try audit(db, a.id, now, .checkOut, nil, "")
        return CommandOutcome()
    }

    /// A booking checked against the register and the roster as stored now
    /// (`AppointmentBooking`): the room's opening hours are its duty shifts
    /// on school days, the times someone is there to receive the student.
    func book(_ appointment: Appointment, outsideHoursConfirmed: Bool, _ a: Account, _ now: LocalDateTime,
              _ db: Database) throws -> CommandOutcome {
        try Self.requireStudent(appointment.student, db)
        let day = appointment.slot.start.day, lastDay = appointment.slot.end.day
        let calendar = try schoolCalendar(db)
        let open = try shifts(from: day, through: lastDay, db).filter { calendar.isSchoolDay($0.day) }.map(\.span)
        let booked = try decodeAll(Appointment.self, try Self.rows(db, where: "kind = ? AND time >= ? AND time < ?", [
            RecordKind.appointment, LocalDateTime(day.adding(days: -1), .midnight).description,
            LocalDateTime(lastDay.adding(days: 1), .midnight).description]), verify: true)
        let counselors = try staff(db).filter { $0.roles.contains(.counselor) }.map(\.id)
        let clash: Appointment?
        do {
            clash = try AppointmentBooking.check(appointment, booked: booked, counselors: counselors, openHours: open,
                                                 outsideHoursConfirmed: outsideHoursConfirmed, now: now)
        } catch let field as ValidationError {
            // A field's problem is refused as every command refuses one.
            throw StoreError.invalid([field])
        }
        try insert(appointment, by: a.id, db)
        try audit(db, a.id, now, .appointmentBook, appointment.student,
                  appointment.channel.rawValue + (outsideHoursConfirmed ? " outside-hours-confirmed" : "")
                      + (clash.map { " double-booked:\($0.id.rawValue)" } ?? ""))
        var outcome = about(appointment.student)
        outcome.doubleBooked = clash
        return outcome
    }

    func move(_ appointment: Appointment, basedOn base: Appointment, _ a: Account, _ now: LocalDateTime,
              _ db: Database) throws -> CommandOutcome {
        guard appointment.id == base.id else { throw StoreError.missing(kind: Appointment.kind, id: appointment.id.rawValue) }
        try requireUnchanged(base, db)
        // Only the status moves, by the domain's rules, and a counselor is
        // named if none was; nothing else of the caller's copy is taken.
        var asked = base
        if asked.counselor == nil { asked.counselor = appointment.counselor }
        let moved = try asked.moved(to: appointment.status, at: now)
        try replace(moved, by: a.id, at: now, db)
        try audit(db, a.id, now, .appointmentMove, moved.student, moved.status.rawValue)
        return CommandOutcome()
    }

    /// Read and written in one transaction, so two counselors pressing at
    /// once do not both take it: the second is told another was first.
    func takeEscalation(_ id: VisitID, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        guard let visit = try stored(Visit.self, id: id, db) else { throw StoreError.missing(kind: Visit.kind, id: id.rawValue) }
        let taken = try visit.takenOver(by: a.id, at: now)
        try replace(taken, by: a.id, at: now, db)
        try audit(db, a.id, now, .escalationTake, taken.student, "")
        var outcome = CommandOutcome()
        outcome.takenVisit = taken
        outcome.student = taken.student
        return outcome
    }

    static func requireStudent(_ id: StudentID, _ db: Database) throws {
        let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM students WHERE id = ?", arguments: [id.rawValue]) ?? false
        if !known { throw StoreError.unknownStudent(id) }
    }
}
