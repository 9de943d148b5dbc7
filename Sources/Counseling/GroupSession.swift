public typealias GroupSessionID = Identifier<GroupSession>
public typealias GroupAttendanceID = Identifier<GroupAttendance>

/// A group session (团体辅导), one of the room's two core activities beside
/// individual counseling (2015 指南): when, who led it, its theme, how many
/// students took part, and the facilitator's note.
///
/// It names no student: who took part in group counseling is as sensitive
/// as who came to the room, so each participant's attendance is a record of
/// its own (`GroupAttendance`) in that student's file, under the clinical
/// tier. The session holds the count, so a head of guidance can report
/// sessions and attendance without learning who attended; its note is
/// clinical text.
public struct GroupSession: Identifiable, Hashable, Codable, Sendable {
    public var id: GroupSessionID
    public var start: LocalDateTime
    public var end: LocalDateTime
    /// The member of staff who led it.
    public var facilitator: StaffID
    public var theme: String
    public var participantCount: Int
    /// What happened, in the facilitator's words (clinical).
    public var note: String
    public var loggedBy: StaffID

    public init(id: GroupSessionID, start: LocalDateTime, end: LocalDateTime, facilitator: StaffID, theme: String,
                participantCount: Int, note: String, loggedBy: StaffID) {
        self.id = id
        self.start = start
        self.end = end
        self.facilitator = facilitator
        self.theme = theme
        self.participantCount = participantCount
        self.note = note
        self.loggedBy = loggedBy
    }

    /// A group of fewer than two is individual counseling; more than 40 is
    /// a class meeting, not a group the room runs.
    public static let participantRange = 2...40
    public static let themeLength = 60

    /// Everything wrong with the session and its participants. `current`:
    /// the students on the roster who have not left; `staff`: the school's
    /// members of staff. The count it carries is the store's to set
    /// (`counted(_:)`), never the caller's.
    public func validate(participants: [StudentID], current: Set<StudentID>, staff: Set<StaffID>) -> [ValidationError] {
        var problems: [ValidationError] = []
        if end <= start { problems.append(.endNotAfterStart(.time)) } else if end.day != start.day { problems.append(.notWithinOneDay(.time)) }
        if !staff.contains(facilitator) { problems.append(.notCurrent(.facilitator)) }
        if let problem = TextCheck.line(theme, field: .theme, maximumLength: Self.themeLength) { problems.append(problem) }
        if !Self.participantRange.contains(participants.count) {
            problems.append(.outOfRange(.participants, lowest: Self.participantRange.lowerBound, highest: Self.participantRange.upperBound))
        }
        if Set(participants).count != participants.count { problems.append(.duplicate(.participants)) }
        if participants.contains(where: { !current.contains($0) }) { problems.append(.notCurrent(.participants)) }
        if let problem = TextCheck.note(note, field: .note) { problems.append(problem) }
        return problems
    }

    /// The session with its count taken from `participants`.
    public func counted(_ participants: [StudentID]) -> GroupSession {
        var session = self
        session.participantCount = participants.count
        return session
    }

    /// One participant's attendance, filed in that student's file.
    public func attendance(of student: StudentID, id: GroupAttendanceID) -> GroupAttendance {
        GroupAttendance(id: id, session: self.id, student: student, start: start, end: end, facilitator: facilitator,
                        theme: theme, participantCount: participantCount)
    }
}

/// One student's part in a group session, as that student's file and
/// chronology show it: the session's time, facilitator, theme and size.
/// The session's note is not copied here: it speaks of the whole group.
public struct GroupAttendance: Identifiable, Hashable, Codable, Sendable {
    public var id: GroupAttendanceID
    public var session: GroupSessionID
    public var student: StudentID
    public var start: LocalDateTime
    public var end: LocalDateTime
    public var facilitator: StaffID
    public var theme: String
    public var participantCount: Int

    public init(id: GroupAttendanceID, session: GroupSessionID, student: StudentID, start: LocalDateTime, end: LocalDateTime,
                facilitator: StaffID, theme: String, participantCount: Int) {
        self.id = id
        self.session = session
        self.student = student
        self.start = start
        self.end = end
        self.facilitator = facilitator
        self.theme = theme
        self.participantCount = participantCount
    }
}
