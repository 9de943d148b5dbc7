/// Everything the school holds about one student (一生一档, 000/004): the
/// roster entry and every record of their psychological file. The store
/// loads one of these; chronology, lists and closing rules read from it.
public struct StudentFile: Hashable, Codable, Sendable {
    public var student: Student
    public var levelChanges: [LevelChange]
    public var plans: [SupportPlan]
    public var visits: [Visit]
    public var appointments: [Appointment]
    public var caseNotes: [CaseNote]
    public var guardianContacts: [GuardianContact]
    public var referrals: [Referral]
    public var followUps: [FollowUp]
    public var closings: [CaseClosing]
    public var crisisRuns: [CrisisRun]
    public var screeningResults: [ScreeningResult]
    public var screeningProposals: [ScreeningProposal]
    /// The group sessions the student took part in (clinical).
    public var groupSessions: [GroupAttendance]

    public init(student: Student, levelChanges: [LevelChange] = [], plans: [SupportPlan] = [],
                visits: [Visit] = [], appointments: [Appointment] = [], caseNotes: [CaseNote] = [],
                guardianContacts: [GuardianContact] = [], referrals: [Referral] = [], followUps: [FollowUp] = [],
                closings: [CaseClosing] = [], crisisRuns: [CrisisRun] = [],
                screeningResults: [ScreeningResult] = [], screeningProposals: [ScreeningProposal] = [],
                groupSessions: [GroupAttendance] = []) {
        self.student = student
        self.levelChanges = levelChanges
        self.plans = plans
        self.visits = visits
        self.appointments = appointments
        self.caseNotes = caseNotes
        self.guardianContacts = guardianContacts
        self.referrals = referrals
        self.followUps = followUps
        self.closings = closings
        self.crisisRuns = crisisRuns
        self.screeningResults = screeningResults
        self.screeningProposals = screeningProposals
        self.groupSessions = groupSessions
    }

    /// The level after the latest level change. Screening proposals, plans
    /// and closings that were never turned into a level change do not count.
    public var level: WarningLevel { WarningLevel.current(from: levelChanges) }

    public var isKeyAttention: Bool { level.isKeyAttention }

    /// The plan in force: the most recently made one.
    public var currentPlan: SupportPlan? { plans.max { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }

    /// When the student entered the current stretch of key attention, if on it.
    public var keyAttentionSince: LocalDateTime? {
        guard isKeyAttention else { return nil }
        return levelChanges
            .filter { !$0.from.isKeyAttention && $0.to.isKeyAttention }
            .map(\.at).max()
    }

    /// The last time someone at school saw or spoke with the student: a
    /// visit, an appointment that took place, a follow-up done, a crisis run,
    /// a group session.
    /// Contacts with guardians are not contact with the student.
    public var lastContact: LocalDateTime? {
        let moments = visits.map(\.start)
            + appointments.filter { $0.status == .done }.map(\.slot.start)
            + followUps.compactMap(\.done)
            + crisisRuns.map(\.startedAt)
            + groupSessions.map(\.start)
        return moments.max()
    }

    /// The earliest follow-up not done yet.
    public var nextFollowUp: FollowUp? {
        followUps.filter { !$0.isDone }.min { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    public func overdueFollowUps(today: Day) -> [FollowUp] {
        followUps.filter { $0.isOverdue(today: today) }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    /// What a key-attention student should have on record and does not
    /// (DOMAIN.md: a support plan, a responsible leader, a next follow-up
    /// date, and a guardian notification since becoming key attention).
    public func missingRequirements(today: Day) -> [KeyAttentionRequirement] {
        guard isKeyAttention else { return [] }
        let since = keyAttentionSince
        var missing: [KeyAttentionRequirement] = []
        // A plan from an earlier, closed stretch of key attention is history;
        // one made the same day the level was raised is the current one.
        if let plan = currentPlan, since.map({ plan.createdAt.day >= $0.day }) ?? true {
            if plan.responsibleLeader.trimmed.isEmpty { missing.append(.responsibleLeader) }
            if plan.isReviewOverdue(today: today) { missing.append(.planReview) }
        } else {
            missing.append(.supportPlan)
            missing.append(.responsibleLeader)
        }
        if nextFollowUp == nil { missing.append(.nextFollowUp) }
        if !overdueFollowUps(today: today).isEmpty { missing.append(.overdueFollowUp) }
        let notified = guardianContacts.contains { contact in
            contact.isCompletedNotification && since.map { contact.at >= $0 } ?? true
        }
        if !notified { missing.append(.guardianNotification) }
        // A referral made before this stretch still counts: the school
        // still owes its follow-up whatever the level did meanwhile.
        if referrals.contains(where: \.awaitsFeedback) { missing.append(.referralFeedback) }
        return missing
    }
}
