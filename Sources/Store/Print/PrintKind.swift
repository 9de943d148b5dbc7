import Counseling

/// The documents `xindesk print` makes. Adding one is a case here (its
/// name on the command line, title, permission, whether it is about one
/// student) and a renderer file (`PrintRenderer`), named in `renderer`.
public enum PrintKind: String, Sendable, CaseIterable, Equatable, Codable {
    case dutyRoster = "duty-roster"
    case dutyRecord = "duty-record"
    case appointments
    case visits
    case counselingRecord = "counseling-record"
    case plan
    case referral
    case guardianNotice = "guardian-notice"
    case fileReaders = "file-readers"
    case statistics
    case groupSessions = "group-sessions"

    public var title: LocalizedText {
        switch self {
        case .dutyRoster: LocalizedText(zh: "心理辅导室值班表", en: "Counseling-room duty roster")
        case .dutyRecord: LocalizedText(zh: "心理辅导室值班记录", en: "Counseling-room duty record")
        case .appointments: LocalizedText(zh: "心理辅导预约登记表", en: "Appointment register")
        case .visits: LocalizedText(zh: "心理辅导室来访登记表", en: "Visit register")
        case .counselingRecord: LocalizedText(zh: "个别辅导记录表", en: "Individual counseling record")
        case .plan: LocalizedText(zh: "一生一案（学生心理支持方案）", en: "Support plan (one student, one plan)")
        case .referral: LocalizedText(zh: "心理危机转介单", en: "Referral slip")
        case .guardianNotice: LocalizedText(zh: "学生心理状况监护人告知书", en: "Notification to the guardian")
        case .fileReaders: LocalizedText(zh: "心理档案查阅记录", en: "Who opened this file")
        case .statistics: LocalizedText(zh: "心理健康教育工作统计", en: "Work statistics of the counseling room")
        case .groupSessions: LocalizedText(zh: "团体辅导记录", en: "Group counseling record")
        }
    }

    /// What the account needs to print it (`Permission`): a head prints the
    /// registers, counselors everything, a duty teacher the duty record.
    public var action: Action {
        switch self {
        case .dutyRoster: .printDutyRoster
        case .dutyRecord: .printDutyRecord
        case .appointments, .visits: .printRegister
        case .counselingRecord, .plan, .referral, .guardianNotice: .printStudentForm
        case .fileReaders: .readFileReaders
        // Heads and counselors: what the head reports to the bureau.
        case .statistics: .readComplianceReport
        case .groupSessions: .printGroupRecord
        }
    }

    /// Whether the document is about one student (`--student`) rather than a period.
    public var isAboutOneStudent: Bool {
        switch self {
        case .dutyRoster, .dutyRecord, .appointments, .visits, .statistics, .groupSessions: false
        case .counselingRecord, .plan, .referral, .guardianNotice, .fileReaders: true
        }
    }

    var renderer: any PrintRenderer.Type {
        switch self {
        case .dutyRoster: DutyRosterDocument.self
        case .dutyRecord: DutyRecordDocument.self
        case .appointments: AppointmentsDocument.self
        case .visits: VisitsDocument.self
        case .counselingRecord: CounselingRecordDocument.self
        case .plan: PlanDocument.self
        case .referral: ReferralDocument.self
        case .guardianNotice: GuardianNoticeDocument.self
        case .fileReaders: FileReadersDocument.self
        case .statistics: StatisticsDocument.self
        case .groupSessions: GroupSessionsDocument.self
        }
    }
}

/// One document's content: what goes under the header, and how many rows
/// or records it holds (for the audit entry and the command's message).
struct PrintBody {
    var parts: [Markup]
    var count: Int
}

/// Renders one kind of document from what the session's keys read.
protocol PrintRenderer {
    static func body(_ context: PrintContext) throws -> PrintBody
}
