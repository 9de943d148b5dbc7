import Counseling

/// The words of the student forms (add, edit, leaving, return) and of the
/// peer-supporter list, in Chinese and English.
extension S {
    public static let addStudentTitle = LocalizedText(zh: "新增学生", en: "Add a student")
    public static let editStudentTitle = LocalizedText(zh: "修改学生信息", en: "Edit student")
    public static let studentFormHint = LocalizedText(
        zh: "班级连同年级写，如 初二(3)班、八年级3班、高一1班；性别 1 男 2 女",
        en: "Write the class with its grade, e.g. 初二(3)班, 八年级3班, 高一1班; gender 1 male 2 female")
    public static let studentNumber = LocalizedText(zh: "学号", en: "Number")
    public static let studentName = LocalizedText(zh: "姓名", en: "Name")
    public static let gender = LocalizedText(zh: "性别", en: "Gender")
    public static let classWithGrade = LocalizedText(zh: "班级", en: "Class")
    public static let headTeacher = LocalizedText(zh: "班主任", en: "Head teacher")
    public static let leavingTitle = LocalizedText(zh: "登记离校", en: "Record leaving")
    public static let leavingHint = LocalizedText(
        zh: "类别：1 转出 2 毕业 3 休学。离校后档案保留，但不再出现在名单和统计中",
        en: "Kind: 1 transferred out 2 graduated 3 leave of absence. The file is kept; the student leaves the lists and counts")
    public static let leavingKind = LocalizedText(zh: "类别", en: "Kind")
    public static let returnTitle = LocalizedText(zh: "登记复学", en: "Record a return")
    public static let returnHint = LocalizedText(
        zh: "复学后请心理教师在追踪日期前见一次学生（复学学生需重点跟踪）",
        en: "After a return a counselor sees the student by the follow-up date (returning students are tracked closely)")
    public static let returnDay = LocalizedText(zh: "复学日期", en: "Return date")
    public static let returnFollowUpDue = LocalizedText(zh: "追踪日期", en: "Follow-up by")
    public static let studentAdded = LocalizedText(zh: "学生已新增。", en: "Student added.")
    public static let studentEdited = LocalizedText(zh: "学生信息已修改。", en: "Student details saved.")
    public static let leavingSaved = LocalizedText(zh: "已登记离校：档案保留，已移出名单。输入 / 查找仍可找到。",
                                                   en: "Leaving recorded: the file is kept and the student is off the lists; / still finds them.")
    public static let returnSaved = LocalizedText(zh: "已登记复学，已为心理教师安排追踪。", en: "Return recorded; a follow-up is set for a counselor.")
    public static let peersNamed = LocalizedText(zh: "心理委员已设定。", en: "Peer supporters named.")
    /// The status line of a file: `休学（2026-11-02 起）：原因`.
    public static let leftSince = LocalizedText(zh: "%@（%@ 起）", en: "%@ since %@")
    public static let peersTitle = LocalizedText(zh: "心理委员（按班级）", en: "Peer supporters by class")
    public static let peersNone = LocalizedText(zh: "未设", en: "none")
}

extension S {
    public static let peersKeys = LocalizedText(zh: "↑↓ 选择班级  Enter 设定心理委员  Esc 关闭", en: "↑↓ class  Enter name supporters  Esc close")
    /// A peer supporter in the list: `张三（男）` / `张三 (male)`.
    public static let peerName = LocalizedText(zh: "%@（%@）", en: "%@ (%@)")
    public static let peersFormTitle = LocalizedText(zh: "设定心理委员", en: "Peer supporters")
    public static let peersFormHint = LocalizedText(
        zh: "填本班在读学生的学号，至多两名（建议男女各一名），用空格分开；清空则不设",
        en: "Student numbers of current students of this class, at most two (one boy, one girl advised), separated by spaces; empty names none")
    /// A number the form cannot find among the students on the lists.
    public static let peerNumberUnknown = LocalizedText(zh: "找不到在读学生 %@", en: "No current student has number %@")
}

extension LocalizedText {
    /// The text with `%@` filled in, in both languages (for a form's field error).
    func formatted(_ argument: String) -> LocalizedText {
        LocalizedText(zh: zh.replacingOccurrences(of: "%@", with: argument), en: en.replacingOccurrences(of: "%@", with: argument))
    }
}
