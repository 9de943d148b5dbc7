/// The fields a validation error can point at, with the names teachers see
/// (and that spreadsheet column headers use), so an importer can say
/// "line 12, 性别: …" in the teacher's words.
public enum Field: String, Codable, Sendable, CaseIterable, DisplayNamed {
    case studentNumber, name, gender, stage, grade, className, headTeacher
    case guardianName, guardianRelation, guardianPhone, flags
    case date, time, start, end, person
    case weekday
    case reason, brief, note, goals, measures, owner, responsibleLeader, reviewDate
    case institution, feedbackDate, feedbackSummary
    case dueDate, doneBy, approver
    case instrument, score
    case term, holiday, lessonPeriod, classHourLength
    case stepTitle, hotline, escalation, role
    case channel, requestedBy, status, method, outcome, level
    case counselor, purpose
    case weeklyClassHours, outsideLessonMinutes, dailyOpenMinutes
    case schoolName, dayWithoutClasses, specialPeriod, followUpInterval
    case campaign, consent
    case screeningCutOff, platformLevel
    // Group sessions (团体辅导).
    case theme, participants, facilitator

    public var displayName: LocalizedText {
        switch self {
        case .studentNumber: LocalizedText(zh: "学号", en: "student number")
        case .name: LocalizedText(zh: "姓名", en: "name")
        case .gender: LocalizedText(zh: "性别", en: "gender")
        case .stage: LocalizedText(zh: "学段", en: "school stage")
        case .grade: LocalizedText(zh: "年级", en: "grade")
        case .className: LocalizedText(zh: "班级", en: "class")
        case .headTeacher: LocalizedText(zh: "班主任", en: "head teacher")
        case .guardianName: LocalizedText(zh: "监护人姓名", en: "guardian name")
        case .guardianRelation: LocalizedText(zh: "与学生关系", en: "relation to student")
        case .guardianPhone: LocalizedText(zh: "监护人电话", en: "guardian phone")
        case .flags: LocalizedText(zh: "特殊情况", en: "circumstances")
        case .date: LocalizedText(zh: "日期", en: "date")
        case .time: LocalizedText(zh: "时间", en: "time")
        case .start: LocalizedText(zh: "开始时间", en: "start")
        case .end: LocalizedText(zh: "结束时间", en: "end")
        case .person: LocalizedText(zh: "人员", en: "person")
        case .weekday: LocalizedText(zh: "星期", en: "weekday")
        case .reason: LocalizedText(zh: "原因", en: "reason")
        case .brief: LocalizedText(zh: "简要记录", en: "brief")
        case .note: LocalizedText(zh: "备注", en: "note")
        case .goals: LocalizedText(zh: "帮扶目标", en: "goals")
        case .measures: LocalizedText(zh: "帮扶措施", en: "measures")
        case .owner: LocalizedText(zh: "负责心理教师", en: "owning counselor")
        case .responsibleLeader: LocalizedText(zh: "包保领导", en: "responsible leader")
        case .reviewDate: LocalizedText(zh: "复评日期", en: "review date")
        case .institution: LocalizedText(zh: "转介机构", en: "institution")
        case .feedbackDate: LocalizedText(zh: "反馈日期", en: "feedback date")
        case .feedbackSummary: LocalizedText(zh: "反馈摘要", en: "feedback summary")
        case .dueDate: LocalizedText(zh: "应完成日期", en: "due date")
        case .doneBy: LocalizedText(zh: "完成人", en: "done by")
        case .approver: LocalizedText(zh: "审批人", en: "approver")
        case .campaign: LocalizedText(zh: "测评批次", en: "screening campaign")
        case .consent: LocalizedText(zh: "知情同意", en: "consent text")
        case .instrument: LocalizedText(zh: "测评工具", en: "instrument")
        case .score: LocalizedText(zh: "得分", en: "score")
        case .term: LocalizedText(zh: "学期", en: "term")
        case .holiday: LocalizedText(zh: "节假日", en: "holiday")
        case .lessonPeriod: LocalizedText(zh: "课节", en: "lesson period")
        case .classHourLength: LocalizedText(zh: "课时长度", en: "class-hour length")
        case .stepTitle: LocalizedText(zh: "步骤名称", en: "step title")
        case .hotline: LocalizedText(zh: "热线", en: "hotline")
        case .escalation: LocalizedText(zh: "转交心理教师", en: "escalation to a counselor")
        case .role: LocalizedText(zh: "角色", en: "role")
        case .channel: LocalizedText(zh: "方式", en: "channel")
        case .requestedBy: LocalizedText(zh: "申请人", en: "requested by")
        case .status: LocalizedText(zh: "状态", en: "status")
        case .method: LocalizedText(zh: "联系方式", en: "method")
        case .outcome: LocalizedText(zh: "结果", en: "outcome")
        case .level: LocalizedText(zh: "预警等级", en: "warning level")
        case .counselor: LocalizedText(zh: "心理教师", en: "counselor")
        case .purpose: LocalizedText(zh: "预约事由", en: "purpose")
        case .weeklyClassHours: LocalizedText(zh: "每周最少开放学时", en: "minimum class hours per week")
        case .outsideLessonMinutes: LocalizedText(zh: "每天课余最少开放分钟数", en: "minimum minutes open outside lessons per day")
        case .dailyOpenMinutes: LocalizedText(zh: "每个工作日最少开放分钟数", en: "minimum minutes open per workday")
        case .schoolName: LocalizedText(zh: "学校名称", en: "school name")
        case .dayWithoutClasses: LocalizedText(zh: "无课日", en: "day without classes")
        case .specialPeriod: LocalizedText(zh: "特殊时期", en: "special period")
        case .followUpInterval: LocalizedText(zh: "追踪间隔天数", en: "follow-up interval in days")
        case .screeningCutOff: LocalizedText(zh: "测评界值", en: "screening cut-off")
        case .platformLevel: LocalizedText(zh: "平台预警等级", en: "platform warning level")
        case .theme: LocalizedText(zh: "主题", en: "theme")
        case .participants: LocalizedText(zh: "参加学生", en: "participants")
        case .facilitator: LocalizedText(zh: "带领教师", en: "facilitator")
        }
    }
}
