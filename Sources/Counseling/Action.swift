/// Everything a user can do or see that some role must not. The command
/// table of the app and the command line check these before acting.
public enum Action: String, Codable, Sendable, CaseIterable, DisplayNamed {
    // The room, day to day.
    case checkInOut, logVisit, readVisitRegister, readVisitBrief, takeEscalatedVisit
    case bookAppointment, readAppointments
    case startCrisisChecklist, recordCrisisStep
    case readStudentRoster
    // The psychological file of a student.
    case readStudentArchive, readCaseNoteText, writeCaseNote
    case changeWarningLevel, editSupportPlan, recordGuardianContact, recordReferral, recordFollowUp
    case requestCaseClosing, approveCaseClosing
    case importScreeningResults, decideScreeningProposal
    // Oversight.
    case readKeyAttentionList, readComplianceReport, readAuditLog
    case editDutyRoster, editSchoolCalendar, editOpeningPolicy, editCrisisChecklist
    // Administration.
    case importStudents, manageAccounts, makeBackup
    case exportStudents, exportVisits, exportAppointments, exportDuty
    // Duty records after the fact (issue 15): a paper log entered, a
    // check-in corrected, a violation explained.
    case amendDutyRecord, explainViolation
    // Students one by one, and the peer supporters of each class.
    case editStudentRoster, recordEnrolment, namePeerSupporters
    // The screening decision rules of the school file (issue 17).
    case editScreeningRules
    // Group sessions (团体辅导, issue 18).
    case logGroupSession
    // Printed documents (issue 18): registers, forms about one student, who read a file.
    case printDutyRoster, printDutyRecord, printRegister, printStudentForm, readFileReaders
    // The group counseling record (团体辅导记录): who took part is clinical.
    case printGroupRecord
    // District reports (issue 20): the term's counts, signed and sealed to the district.
    case exportDistrictBundle

    public var displayName: LocalizedText {
        switch self {
        case .checkInOut: LocalizedText(zh: "值班签到签退", en: "check in and out of duty")
        case .logVisit: LocalizedText(zh: "登记来访", en: "log a visit")
        case .readVisitRegister: LocalizedText(zh: "查看来访登记", en: "see the visit register")
        case .readVisitBrief: LocalizedText(zh: "查看来访记录内容", en: "read visit briefs")
        case .takeEscalatedVisit: LocalizedText(zh: "接手转交的来访", en: "take over an escalated visit")
        case .bookAppointment: LocalizedText(zh: "登记预约", en: "book an appointment")
        case .readAppointments: LocalizedText(zh: "查看预约", en: "see appointments")
        case .startCrisisChecklist: LocalizedText(zh: "启动危机处置清单", en: "start the crisis checklist")
        case .recordCrisisStep: LocalizedText(zh: "记录危机处置步骤", en: "record a crisis step")
        case .readStudentRoster: LocalizedText(zh: "查看学生名册", en: "see the student roster")
        case .readStudentArchive: LocalizedText(zh: "查看学生心理档案", en: "open a student's file")
        case .readCaseNoteText: LocalizedText(zh: "阅读个案记录内容", en: "read case-note text")
        case .writeCaseNote: LocalizedText(zh: "撰写个案记录", en: "write a case note")
        case .changeWarningLevel: LocalizedText(zh: "调整预警等级", en: "change a warning level")
        case .editSupportPlan: LocalizedText(zh: "编辑一生一案", en: "edit a support plan")
        case .recordGuardianContact: LocalizedText(zh: "记录家校联系", en: "record a guardian contact")
        case .recordReferral: LocalizedText(zh: "记录转介", en: "record a referral")
        case .recordFollowUp: LocalizedText(zh: "记录追踪", en: "record a follow-up")
        case .requestCaseClosing: LocalizedText(zh: "申请销号", en: "request case closing")
        case .approveCaseClosing: LocalizedText(zh: "审批销号", en: "approve case closing")
        case .importScreeningResults: LocalizedText(zh: "导入测评结果", en: "import screening results")
        case .decideScreeningProposal: LocalizedText(zh: "确认或驳回测评建议", en: "confirm or dismiss a screening proposal")
        case .readKeyAttentionList: LocalizedText(zh: "查看重点关注名单", en: "see the key-attention list")
        case .readComplianceReport: LocalizedText(zh: "查看开放合规报告", en: "see the opening compliance report")
        case .readAuditLog: LocalizedText(zh: "查看操作日志", en: "see the audit log")
        case .editDutyRoster: LocalizedText(zh: "编辑值班表", en: "edit the duty roster")
        case .editSchoolCalendar: LocalizedText(zh: "编辑校历", en: "edit the school calendar")
        case .editOpeningPolicy: LocalizedText(zh: "编辑开放规定", en: "edit the opening policy")
        case .editCrisisChecklist: LocalizedText(zh: "编辑危机处置清单", en: "edit the crisis checklist")
        case .importStudents: LocalizedText(zh: "导入学生名册", en: "import the student roster")
        case .manageAccounts: LocalizedText(zh: "管理账号", en: "manage accounts")
        case .makeBackup: LocalizedText(zh: "备份", en: "make a backup")
        case .exportStudents: LocalizedText(zh: "导出学生名册", en: "export students")
        case .exportVisits: LocalizedText(zh: "导出来访记录", en: "export visits")
        case .exportAppointments: LocalizedText(zh: "导出预约", en: "export appointments")
        case .exportDuty: LocalizedText(zh: "导出值班记录", en: "export duty records")
        case .amendDutyRecord: LocalizedText(zh: "补录或更正值班签到", en: "enter or correct duty check-ins afterwards")
        case .explainViolation: LocalizedText(zh: "说明违规情况", en: "explain a violation")
        case .editStudentRoster: LocalizedText(zh: "新增或修改学生", en: "add or edit a student")
        case .recordEnrolment: LocalizedText(zh: "登记转出、毕业、休学或复学", en: "record a transfer, graduation, leave or return")
        case .namePeerSupporters: LocalizedText(zh: "设定心理委员", en: "name peer supporters")
        case .editScreeningRules: LocalizedText(zh: "修改测评判定规则", en: "edit the screening rules")
        case .logGroupSession: LocalizedText(zh: "登记团体辅导", en: "log a group session")
        case .printDutyRoster: LocalizedText(zh: "打印值班表", en: "print the duty roster")
        case .printDutyRecord: LocalizedText(zh: "打印值班记录", en: "print the duty record")
        case .printRegister: LocalizedText(zh: "打印预约和来访登记表", en: "print the appointment and visit registers")
        case .printStudentForm: LocalizedText(zh: "打印学生个案文书", en: "print a student's counseling forms")
        case .readFileReaders: LocalizedText(zh: "查看档案查阅记录", en: "see who opened a file")
        case .printGroupRecord: LocalizedText(zh: "打印团体辅导记录", en: "print the group counseling record")
        case .exportDistrictBundle: LocalizedText(zh: "导出报送教育局的学期统计包", en: "export the term's figures for the district")
        }
    }
}
