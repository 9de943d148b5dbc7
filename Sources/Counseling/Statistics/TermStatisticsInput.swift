/// What the session computing the statistics could read of one kind of
/// record: the records, or the key it lacked.
public enum Readable<Value: Sendable>: Sendable {
    case read(Value)
    case needs(RequiredKey)
}

/// Group sessions (团体辅导) of the period as plain counts, from whoever
/// keeps them.
public struct GroupSessionCounts: Sendable {
    public var sessions: Int
    /// Each student each time they took part.
    public var attendances: Int
    /// Different students who took part at least once: who took part is
    /// clinical (a head counts sessions and attendances only).
    public var students: Readable<Int>

    public init(sessions: Int, attendances: Int, students: Readable<Int>) {
        self.sessions = sessions
        self.attendances = attendances
        self.students = students
    }
}

/// Everything the term's statistics are counted from: the records of the
/// period as one session read them. The room's records (visits,
/// appointments) every account reads; the rest under a tier key.
public struct TermStatisticsInput: Sendable {
    public var first: Day
    public var last: Day
    /// When the figures are computed: levels "at the end" of a period not
    /// over yet are the levels now.
    public var asOf: LocalDateTime
    public var compliance: ComplianceReport
    /// Every student the roster holds, those who left too (their
    /// enrolment says when they were on the lists).
    public var students: [Student]
    public var visits: [Visit]
    public var appointments: [Appointment]
    /// Every level change of the school, and each student's level now
    /// (which holds the level of a student who has no change on record).
    public var levels: Readable<LevelHistory>
    public var campaigns: Readable<[ScreeningCampaign]>
    public var referrals: Readable<[Referral]>
    public var guardianContacts: Readable<[GuardianContact]>
    public var closings: Readable<[CaseClosing]>
    /// Nil where nobody keeps group sessions: no group figures at all.
    public var groupSessions: Readable<GroupSessionCounts>?

    public struct LevelHistory: Sendable {
        public var changes: [LevelChange]
        public var current: [StudentID: WarningLevel]

        public init(changes: [LevelChange], current: [StudentID: WarningLevel]) {
            self.changes = changes
            self.current = current
        }
    }

    public init(first: Day, last: Day, asOf: LocalDateTime, compliance: ComplianceReport, students: [Student],
                visits: [Visit], appointments: [Appointment], levels: Readable<LevelHistory>,
                campaigns: Readable<[ScreeningCampaign]>, referrals: Readable<[Referral]>,
                guardianContacts: Readable<[GuardianContact]>, closings: Readable<[CaseClosing]>,
                groupSessions: Readable<GroupSessionCounts>? = nil) {
        self.first = first
        self.last = last
        self.asOf = asOf
        self.compliance = compliance
        self.students = students
        self.visits = visits
        self.appointments = appointments
        self.levels = levels
        self.campaigns = campaigns
        self.referrals = referrals
        self.guardianContacts = guardianContacts
        self.closings = closings
        self.groupSessions = groupSessions
    }

    /// The period as a half-open span of wall-clock time, cut at `asOf`:
    /// what was dated later did not exist when the figures were computed,
    /// so computing them again later gives the same figures unless the
    /// past itself was changed.
    var start: LocalDateTime { LocalDateTime(first, .midnight) }
    var end: LocalDateTime { min(LocalDateTime(last.adding(days: 1), .midnight), asOf) }
    func contains(_ moment: LocalDateTime) -> Bool { moment >= start && moment < end }
    func contains(_ day: Day) -> Bool { day >= first && day <= last && day <= asOf.day }
}

extension Student {
    /// Whether the student was on the lists on `day`: their last leaving
    /// or return up to that day is not a leaving.
    public func isEnrolled(on day: Day) -> Bool {
        guard let last = enrolment.last(where: { $0.on <= day }), case .left = last.change else { return true }
        return false
    }
}
