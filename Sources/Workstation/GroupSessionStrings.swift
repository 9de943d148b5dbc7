import Counseling

/// The words of the group-session form (团体辅导记录) and of a group
/// session in a student's chronology, in Chinese and English.
extension S {
    public static let groupSessionTitle = LocalizedText(zh: "登记团体辅导", en: "Log a group session")
    public static let groupStart = LocalizedText(zh: "开始", en: "Start")
    public static let groupEnd = LocalizedText(zh: "结束", en: "End")
    /// The labels are the words the store's errors use (`Field`).
    public static let groupFacilitator = LocalizedText(zh: "带领教师", en: "Facilitator")
    public static let groupTheme = LocalizedText(zh: "主题", en: "Theme")
    public static let groupParticipants = LocalizedText(zh: "参加学生", en: "Participants")
    public static let groupNote = LocalizedText(zh: "备注", en: "Note")
    public static let groupHint = LocalizedText(
        zh: "参加学生填学号或姓名，空格或逗号分隔，2–40 人；带领教师填姓名或编号：",
        en: "Participants: student numbers or names, separated by spaces or commas, 2–40; facilitator: a name or number: ")
    public static let groupSessionSaved = LocalizedText(zh: "团体辅导已保存（%d 名学生），已记入每人的档案。",
                                                        en: "Group session saved (%d students), in each one's file.")
    /// `考试焦虑 · 15:30–16:20 · 带领 王老师 · 共 3 人`
    public static let groupChronology = LocalizedText(zh: "%@ · %@–%@ · 带领 %@ · 共 %d 人",
                                                      en: "%@ · %@–%@ · led by %@ · %d students")
    public static let groupStudentUnknown = LocalizedText(zh: "没有学号或姓名为“%@”的在校学生",
                                                          en: "No current student has the number or name “%@”")
    public static let groupStudentAmbiguous = LocalizedText(zh: "“%@”有 %d 名同名学生，请改填学号",
                                                            en: "%2$d students are called “%1$@”: type the student number instead")
    public static let groupFacilitatorUnknown = LocalizedText(zh: "没有叫“%@”的教职工，请填提示里的编号或姓名",
                                                              en: "No member of staff is called “%@”; type the number or name the hint shows")
}
