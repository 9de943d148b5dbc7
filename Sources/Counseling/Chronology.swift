/// Every event of a student's file in one list, oldest first: the single
/// view of a student that CPOMS and MyConcern are built around. Events
/// known only by day (a referral date, a screening) sort at the start of
/// that day.
public struct ChronologyEntry: Hashable, Codable, Sendable {
    public enum Event: Hashable, Codable, Sendable {
        case screening(ScreeningResult)
        case proposalDecided(ScreeningProposal)
        case levelChange(LevelChange)
        case supportPlan(SupportPlan)
        case planReview(SupportPlanID, SupportPlan.Review)
        case visit(Visit)
        case appointment(Appointment)
        case caseNote(CaseNote)
        case guardianContact(GuardianContact)
        case referral(Referral)
        case referralFeedback(Referral)
        case followUpDone(FollowUp)
        case crisisRun(CrisisRun)
        /// The run handed to a counselor: to whom, with what note, and who took it.
        case crisisHandover(CrisisRun)
        case caseClosing(CaseClosing)
        /// A leaving (转出, 毕业, 休学) or a return (复学), on its day.
        case enrolment(EnrolmentEvent)
        /// The student took part in a group session (团体辅导).
        case groupSession(GroupAttendance)
    }

    public enum Kind: String, Codable, Sendable, CaseIterable, DisplayNamed {
        case screening, proposalDecided, levelChange, supportPlan, planReview, visit, appointment, caseNote
        case guardianContact, referral, referralFeedback, followUpDone, crisisRun, crisisHandover, caseClosing
        case enrolment
        case groupSession

        public var displayName: LocalizedText {
            switch self {
            case .screening: LocalizedText(zh: "心理测评", en: "screening")
            case .proposalDecided: LocalizedText(zh: "测评建议处理", en: "screening proposal decided")
            case .levelChange: LocalizedText(zh: "预警等级调整", en: "level change")
            case .supportPlan: LocalizedText(zh: "制定帮扶方案", en: "support plan")
            case .planReview: LocalizedText(zh: "帮扶方案复评", en: "plan review")
            case .visit: LocalizedText(zh: "来访", en: "visit")
            case .appointment: LocalizedText(zh: "预约", en: "appointment")
            case .caseNote: LocalizedText(zh: "个案记录", en: "case note")
            case .guardianContact: LocalizedText(zh: "家校联系", en: "guardian contact")
            case .referral: LocalizedText(zh: "转介", en: "referral")
            case .referralFeedback: LocalizedText(zh: "转介反馈", en: "referral feedback")
            case .followUpDone: LocalizedText(zh: "追踪", en: "follow-up")
            case .crisisRun: LocalizedText(zh: "危机处置", en: "crisis checklist")
            case .crisisHandover: LocalizedText(zh: "危机交接", en: "crisis hand-over")
            case .caseClosing: LocalizedText(zh: "销号", en: "case closing")
            case .enrolment: LocalizedText(zh: "学籍", en: "enrolment")
            case .groupSession: LocalizedText(zh: "团体辅导", en: "group session")
            }
        }
    }

    public var at: LocalDateTime
    /// False for events recorded by day only; `at` is then midnight.
    public var timeKnown: Bool
    public var event: Event

    public var kind: Kind {
        switch event {
        case .screening: .screening
        case .proposalDecided: .proposalDecided
        case .levelChange: .levelChange
        case .supportPlan: .supportPlan
        case .planReview: .planReview
        case .visit: .visit
        case .appointment: .appointment
        case .caseNote: .caseNote
        case .guardianContact: .guardianContact
        case .referral: .referral
        case .referralFeedback: .referralFeedback
        case .followUpDone: .followUpDone
        case .crisisRun: .crisisRun
        case .crisisHandover: .crisisHandover
        case .caseClosing: .caseClosing
        case .enrolment: .enrolment
        case .groupSession: .groupSession
        }
    }

    /// Who made the event happen, where one person did.
    public var actor: StaffID? {
        switch event {
        case .screening: nil
        case .proposalDecided(let proposal): proposal.decidedBy
        case .levelChange(let change): change.by
        case .supportPlan(let plan): plan.owner
        case .planReview(_, let review): review.by
        case .visit(let visit): visit.loggedBy
        case .appointment(let appointment): appointment.counselor
        case .caseNote(let note): note.author
        case .guardianContact(let contact): contact.by
        case .referral(let referral), .referralFeedback(let referral): referral.by
        case .followUpDone(let followUp): followUp.doneBy
        case .crisisRun(let run): run.startedBy
        case .crisisHandover(let run): run.handover?.by
        case .caseClosing(let closing): closing.approver ?? closing.author
        case .enrolment(let event): event.by
        case .groupSession(let attendance): attendance.facilitator
        }
    }

    /// Whether the entry carries clinical free text (a case note, a visit
    /// brief) that only roles allowed `readCaseNoteText` may open.
    public var holdsClinicalText: Bool {
        switch event {
        case .caseNote, .visit: true
        default: false
        }
    }
}

public enum Chronology {
    public static func entries(for file: StudentFile) -> [ChronologyEntry] {
        func timed(_ at: LocalDateTime, _ event: ChronologyEntry.Event) -> ChronologyEntry {
            ChronologyEntry(at: at, timeKnown: true, event: event)
        }
        func dated(_ day: Day, _ event: ChronologyEntry.Event) -> ChronologyEntry {
            ChronologyEntry(at: LocalDateTime(day, .midnight), timeKnown: false, event: event)
        }
        var entries: [ChronologyEntry] = []
        entries += file.screeningResults.map { dated($0.date, .screening($0)) }
        entries += file.screeningProposals.compactMap { proposal in
            proposal.decidedAt.map { timed($0, .proposalDecided(proposal)) }
        }
        entries += file.levelChanges.map { timed($0.at, .levelChange($0)) }
        for plan in file.plans {
            entries.append(timed(plan.createdAt, .supportPlan(plan)))
            entries += plan.reviews.map { timed($0.at, .planReview(plan.id, $0)) }
        }
        entries += file.visits.map { timed($0.start, .visit($0)) }
        entries += file.appointments.map { timed($0.slot.start, .appointment($0)) }
        entries += file.caseNotes.map { timed($0.at, .caseNote($0)) }
        entries += file.guardianContacts.map { timed($0.at, .guardianContact($0)) }
        for referral in file.referrals {
            entries.append(dated(referral.referredOn, .referral(referral)))
            if let feedbackOn = referral.feedbackOn { entries.append(dated(feedbackOn, .referralFeedback(referral))) }
        }
        entries += file.followUps.compactMap { followUp in followUp.done.map { timed($0, .followUpDone(followUp)) } }
        entries += file.crisisRuns.map { timed($0.startedAt, .crisisRun($0)) }
        entries += file.crisisRuns.compactMap { run in run.handover.map { timed($0.at, .crisisHandover(run)) } }
        entries += file.closings.map { timed($0.approvedAt ?? $0.requestedAt, .caseClosing($0)) }
        entries += file.student.enrolment.map { dated($0.on, .enrolment($0)) }
        entries += file.groupSessions.map { timed($0.start, .groupSession($0)) }

        // Same moment: keep the order of `Kind.allCases` (a screening before
        // the level change it led to), then the order added, so the list
        // is the same every time it is built.
        let kindOrder = Dictionary(uniqueKeysWithValues: ChronologyEntry.Kind.allCases.enumerated().map { ($1, $0) })
        return entries.enumerated()
            .sorted { a, b in
                (a.element.at, kindOrder[a.element.kind]!, a.offset) < (b.element.at, kindOrder[b.element.kind]!, b.offset)
            }
            .map(\.element)
    }
}
