import Counseling
import GRDB

extension Store {
    /// A group session and each participant's attendance, in one
    /// transaction. The session (oversight, a record of the whole school)
    /// carries the count the store takes from the participants; each
    /// attendance is clinical, filed under its student's link with an id
    /// that says nothing of the student, so no clear column ties a student
    /// to the group. The audit entry names the session and the count only.
    func logGroupSession(_ session: GroupSession, participants: [StudentID], _ a: Account, _ now: LocalDateTime,
                         _ db: Database) throws -> CommandOutcome {
        let counted = session.counted(participants)
        let named = Set(participants)
        let onRoster = Set(try String.fetchAll(db, sql: "SELECT id FROM students WHERE id IN (SELECT value FROM json_each(?))",
                                               arguments: [try Self.encode(named.map(\.rawValue))]).map(StudentID.init))
        let current = onRoster.subtracting(try leftStudents(among: onRoster, db))
        try Self.validate(counted.validate(participants: participants, current: current, staff: Set(try staff(db).map(\.id))))
        try insert(counted, by: a.id, db)
        for student in participants {
            try insert(counted.attendance(of: student, id: Self.newID()), by: a.id, db)
        }
        try audit(db, a.id, now, .groupSessionLog, subject: "group-session:\(counted.id.rawValue)",
                  "\(counted.participantCount) participants")
        return CommandOutcome()
    }
}

extension Store {
    /// The group sessions that started in [from, to), oldest first: what
    /// the term's statistics count (sessions, and attendance as the sum of
    /// `participantCount`). Needs the oversight key, which heads and
    /// counselors hold; the note opens for a counselor only, and no session
    /// names a participant. A session without the key (a duty teacher's)
    /// is refused rather than told there were none.
    public func groupSessions(from: LocalDateTime, to: LocalDateTime) throws -> [GroupSession] {
        guard keys.holds(.oversight) else { throw StoreError.tierNotHeld(.oversight) }
        return try records(GroupSession.self, from: from, to: to)
    }
}
