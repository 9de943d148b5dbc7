/// What one figure of the term's statistics counts. `rawValue` is its name
/// in the canonical text, stable across versions: a document printed today
/// is verified by a later binary.
public enum StatisticsKey: Hashable, Sendable {
    /// The kinds of opening violation, as `ComplianceViolation.Kind` has them.
    public enum Violation: String, Hashable, Sendable, CaseIterable {
        case closed, unstaffedDay = "unstaffed-day", outsideLessons = "outside-lessons"
        case dayBelowMinimum = "day-below-minimum", weekBelowMinimum = "week-below-minimum"
        case unstaffedShift = "unstaffed-shift", missingCheckOut = "missing-check-out"

        public init(_ kind: ComplianceViolation.Kind) {
            switch kind {
            case .notOpen(let status): self = status == .unstaffed ? .unstaffedDay : .closed
            case .tooLittleOutsideLessons: self = .outsideLessons
            case .dayBelowMinimum: self = .dayBelowMinimum
            case .weekBelowMinimum: self = .weekBelowMinimum
            case .unstaffedShift: self = .unstaffedShift
            case .missingCheckOut: self = .missingCheckOut
            }
        }

        var displayName: LocalizedText {
            switch self {
            case .closed: LocalizedText(zh: "上学日未开放", en: "closed on a school day")
            case .unstaffedDay: LocalizedText(zh: "排班但全天无人签到", en: "planned but nobody checked in all day")
            case .outsideLessons: LocalizedText(zh: "课余开放不足", en: "too little open outside lessons")
            case .dayBelowMinimum: LocalizedText(zh: "当天开放时长不足", en: "day below the minimum")
            case .weekBelowMinimum: LocalizedText(zh: "每周学时不足", en: "week below the minimum")
            case .unstaffedShift: LocalizedText(zh: "值班空岗", en: "duty shift nobody checked into")
            case .missingCheckOut: LocalizedText(zh: "签到后未签退", en: "check-in without check-out")
            }
        }
    }

    /// The part of the document a figure belongs to, in document order.
    public enum Section: String, Hashable, Sendable, CaseIterable {
        case compliance, visits, groups, appointments, screening, levels, referrals, contacts, closings

        public var displayName: LocalizedText {
            switch self {
            case .compliance: LocalizedText(zh: "开放合规", en: "Opening compliance")
            case .visits: LocalizedText(zh: "来访", en: "Visits")
            case .groups: LocalizedText(zh: "团体辅导", en: "Group sessions")
            case .appointments: LocalizedText(zh: "预约", en: "Appointments")
            case .screening: LocalizedText(zh: "心理测评", en: "Screenings")
            // Watch 1 is counted too, though only 2 and 3 are key attention.
            case .levels: LocalizedText(zh: "预警等级（二级、三级为重点关注）", en: "Warning levels (watch 2 and 3: key attention)")
            case .referrals: LocalizedText(zh: "转介", en: "Referrals")
            case .contacts: LocalizedText(zh: "家校联系", en: "Guardian contacts")
            case .closings: LocalizedText(zh: "销号", en: "Case closings")
            }
        }
    }

    case weeksMet, weeksNotMet, weeksIncomplete, schoolDays, daysMet
    case violations(Violation)
    /// The weekly table, week by week (by its Monday): minutes open on its
    /// school days, and the minutes the rule requires (none where it
    /// requires nothing).
    case weekOpenMinutes(Day), weekRequiredMinutes(Day)
    case visits, visitStudents
    case visitsByChannel(Visit.Channel)
    case visitsByGrade(SchoolStage, Int)
    /// Anonymous visits, or a student no longer in the roster.
    case visitsWithoutGrade
    case visitsByGender(Gender)
    case visitsWithoutGender
    case visitsByReason(Visit.Reason)
    case groupSessions, groupAttendances, groupStudents
    case appointments
    case appointmentsByStatus(Appointment.Status)
    case campaigns, screeningEligible, screened, screeningInvalid, screeningFlagged, screeningConfirmed
    case levelAtStart(WarningLevel), levelAtEnd(WarningLevel)
    case levelChanges, levelsRaised, levelsLowered
    case referrals, referralsGreenChannel, referralsWithFeedback, referralsDeclined
    case guardianContacts, guardianNotifications, routineContacts
    case closingsRequested, closingsApproved, closingsDeclined

    public var section: Section {
        switch self {
        case .weeksMet, .weeksNotMet, .weeksIncomplete, .schoolDays, .daysMet, .violations, .weekOpenMinutes, .weekRequiredMinutes:
            .compliance
        case .visits, .visitStudents, .visitsByChannel, .visitsByGrade, .visitsWithoutGrade, .visitsByGender,
             .visitsWithoutGender, .visitsByReason: .visits
        case .groupSessions, .groupAttendances, .groupStudents: .groups
        case .appointments, .appointmentsByStatus: .appointments
        case .campaigns, .screeningEligible, .screened, .screeningInvalid, .screeningFlagged, .screeningConfirmed: .screening
        case .levelAtStart, .levelAtEnd, .levelChanges, .levelsRaised, .levelsLowered: .levels
        case .referrals, .referralsGreenChannel, .referralsWithFeedback, .referralsDeclined: .referrals
        case .guardianContacts, .guardianNotifications, .routineContacts: .contacts
        case .closingsRequested, .closingsApproved, .closingsDeclined: .closings
        }
    }

    /// Whether the figure counts students or what happened to them: only
    /// these are shown as "<5" when small. The room's weeks and days name
    /// nobody, and a campaign's count is the school's own.
    public var isAboutStudents: Bool {
        switch section {
        case .compliance: false
        default: self != .campaigns
        }
    }

    public var rawValue: String {
        switch self {
        case .weeksMet: "compliance.weeks.met"
        case .weeksNotMet: "compliance.weeks.not-met"
        case .weeksIncomplete: "compliance.weeks.incomplete"
        case .schoolDays: "compliance.school-days"
        case .daysMet: "compliance.days.met"
        case .violations(let v): "compliance.violations.\(v.rawValue)"
        case .weekOpenMinutes(let monday): "compliance.week.\(monday).open-minutes"
        case .weekRequiredMinutes(let monday): "compliance.week.\(monday).required-minutes"
        case .visits: "visits.total"
        case .visitStudents: "visits.students"
        case .visitsByChannel(let c): "visits.channel.\(c.rawValue)"
        case .visitsByGrade(let stage, let grade): "visits.grade.\(stage.rawValue)-\(grade)"
        case .visitsWithoutGrade: "visits.grade.unknown"
        case .visitsByGender(let g): "visits.gender.\(g.rawValue)"
        case .visitsWithoutGender: "visits.gender.unknown"
        case .visitsByReason(let r): "visits.reason.\(r.rawValue)"
        case .groupSessions: "groups.sessions"
        case .groupAttendances: "groups.attendances"
        case .groupStudents: "groups.students"
        case .appointments: "appointments.total"
        case .appointmentsByStatus(let s): "appointments.status.\(s.rawValue)"
        case .campaigns: "screening.campaigns"
        case .screeningEligible: "screening.eligible"
        case .screened: "screening.screened"
        case .screeningInvalid: "screening.invalid"
        case .screeningFlagged: "screening.flagged"
        case .screeningConfirmed: "screening.confirmed"
        case .levelAtStart(let l): "levels.start.\(l.rawValue)"
        case .levelAtEnd(let l): "levels.end.\(l.rawValue)"
        case .levelChanges: "levels.changes"
        case .levelsRaised: "levels.raised"
        case .levelsLowered: "levels.lowered"
        case .referrals: "referrals.total"
        case .referralsGreenChannel: "referrals.green-channel"
        case .referralsWithFeedback: "referrals.feedback"
        case .referralsDeclined: "referrals.declined"
        case .guardianContacts: "contacts.total"
        case .guardianNotifications: "contacts.notifications"
        case .routineContacts: "contacts.routine"
        case .closingsRequested: "closings.requested"
        case .closingsApproved: "closings.approved"
        case .closingsDeclined: "closings.declined"
        }
    }

    public var displayName: LocalizedText {
        switch self {
        case .weeksMet: LocalizedText(zh: "达标周数", en: "weeks met")
        case .weeksNotMet: LocalizedText(zh: "未达标周数", en: "weeks not met")
        case .weeksIncomplete: LocalizedText(zh: "不完整或进行中的周", en: "weeks partial or in progress")
        case .schoolDays: LocalizedText(zh: "上学日", en: "school days")
        case .daysMet: LocalizedText(zh: "达标的上学日", en: "school days met")
        case .violations(let v): LocalizedText(zh: "违规：" + v.displayName.zh, en: "violations: " + v.displayName.en)
        case .weekOpenMinutes(let monday): LocalizedText(zh: "\(monday) 起的一周：开放分钟", en: "week of \(monday): minutes open")
        case .weekRequiredMinutes(let monday): LocalizedText(zh: "\(monday) 起的一周：要求分钟", en: "week of \(monday): minutes required")
        case .visits: LocalizedText(zh: "来访人次", en: "visits")
        case .visitStudents: LocalizedText(zh: "来访学生人数（实名）", en: "students who visited (named)")
        case .visitsByChannel(let c): LocalizedText(zh: "方式：" + c.displayName.zh, en: "channel: " + c.displayName.en)
        case .visitsByGrade(let stage, let grade):
            LocalizedText(zh: "年级：" + Grade.displayName(grade, stage: stage).zh, en: "grade: " + Grade.displayName(grade, stage: stage).en)
        case .visitsWithoutGrade: LocalizedText(zh: "年级：匿名或不详", en: "grade: anonymous or unknown")
        case .visitsByGender(let g): LocalizedText(zh: "性别：" + g.displayName.zh, en: "gender: " + g.displayName.en)
        case .visitsWithoutGender: LocalizedText(zh: "性别：匿名或不详", en: "gender: anonymous or unknown")
        case .visitsByReason(let r): LocalizedText(zh: "原因：" + r.displayName.zh, en: "reason: " + r.displayName.en)
        case .groupSessions: LocalizedText(zh: "团体辅导场次", en: "group sessions")
        case .groupAttendances: LocalizedText(zh: "参加人次", en: "attendances")
        case .groupStudents: LocalizedText(zh: "参加学生人数", en: "students who took part")
        case .appointments: LocalizedText(zh: "预约", en: "appointments")
        case .appointmentsByStatus(let s): LocalizedText(zh: "状态：" + s.displayName.zh, en: "status: " + s.displayName.en)
        case .campaigns: LocalizedText(zh: "测评批次", en: "campaigns")
        case .screeningEligible: LocalizedText(zh: "应测人数", en: "students to screen")
        case .screened: LocalizedText(zh: "已测人数", en: "screened")
        case .screeningInvalid: LocalizedText(zh: "无效问卷", en: "invalid")
        case .screeningFlagged: LocalizedText(zh: "提示关注", en: "flagged")
        case .screeningConfirmed: LocalizedText(zh: "经心理教师确认", en: "confirmed by a counselor")
        case .levelAtStart(let l): LocalizedText(zh: "期初" + l.displayName.zh, en: l.displayName.en + " at the start")
        case .levelAtEnd(let l): LocalizedText(zh: "期末" + l.displayName.zh, en: l.displayName.en + " at the end")
        case .levelChanges: LocalizedText(zh: "等级调整次数", en: "level changes")
        case .levelsRaised: LocalizedText(zh: "上调", en: "raised")
        case .levelsLowered: LocalizedText(zh: "下调", en: "lowered")
        case .referrals: LocalizedText(zh: "转介", en: "referrals")
        case .referralsGreenChannel: LocalizedText(zh: "经绿色通道", en: "through the green channel")
        case .referralsWithFeedback: LocalizedText(zh: "期末前已收到反馈", en: "with feedback by the end")
        case .referralsDeclined: LocalizedText(zh: "家长拒绝就诊", en: "declined by the family")
        case .guardianContacts: LocalizedText(zh: "家校联系", en: "guardian contacts")
        case .guardianNotifications: LocalizedText(zh: "其中监护人知情（已联系上）", en: "of which guardian notifications (reached)")
        case .routineContacts: LocalizedText(zh: "其中家校沟通", en: "of which routine family contacts")
        case .closingsRequested: LocalizedText(zh: "申请销号", en: "closings requested")
        case .closingsApproved: LocalizedText(zh: "批准销号", en: "closings approved")
        case .closingsDeclined: LocalizedText(zh: "未批准销号", en: "closings declined")
        }
    }
}
