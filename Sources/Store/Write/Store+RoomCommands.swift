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

    func book(_ appointment: Appointment, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try addRecord(appointment, about: appointment.student, problems: appointment.validate(), .appointmentBook,
                      detail: appointment.channel.rawValue, a, now, db)
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
