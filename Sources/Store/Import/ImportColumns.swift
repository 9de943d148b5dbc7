import Counseling
import Foundation

/// The columns an import understands, each with the header words schools
/// use for it in Chinese and English, and the header check.
public struct ImportColumns: Sendable {
    public struct Column: Sendable {
        public var key: String
        public var required: Bool
        public var headers: [String]
    }

    public var columns: [Column]

    public static let students = ImportColumns(columns: [
        Column(key: "number", required: true, headers: ["学号", "学籍号", "学生编号", "student number", "student no", "student id", "student_no", "number", "id"]),
        Column(key: "name", required: true, headers: ["姓名", "学生姓名", "name", "student name", "full name"]),
        Column(key: "gender", required: true, headers: ["性别", "gender", "sex"]),
        Column(key: "stage", required: false, headers: ["学段", "stage", "school stage"]),
        // Not required: a class written with its grade (初二(3)班) says it.
        Column(key: "grade", required: false, headers: ["年级", "grade", "year"]),
        Column(key: "class", required: true, headers: ["班级", "班", "class", "class name", "form"]),
        Column(key: "headTeacher", required: false, headers: ["班主任", "head teacher", "class teacher", "homeroom teacher"]),
        Column(key: "guardianName", required: false, headers: ["监护人", "监护人姓名", "家长", "家长姓名", "guardian", "guardian name", "parent"]),
        Column(key: "guardianRelation", required: false, headers: ["关系", "与学生关系", "监护人关系", "relation", "relationship"]),
        Column(key: "guardianPhone", required: false, headers: ["联系电话", "电话", "手机", "家长电话", "监护人电话", "phone", "telephone", "mobile", "guardian phone"]),
        Column(key: "guardian2Name", required: false, headers: ["监护人2", "第二监护人", "家长2", "guardian 2", "second guardian"]),
        Column(key: "guardian2Relation", required: false, headers: ["关系2", "与学生关系2", "relation 2"]),
        Column(key: "guardian2Phone", required: false, headers: ["联系电话2", "电话2", "手机2", "phone 2"]),
        Column(key: "flags", required: false, headers: ["特殊情况", "备注类别", "flags", "circumstances"]),
        Column(key: "leftBehind", required: false, headers: ["留守儿童", "留守", "left-behind", "left behind"]),
        Column(key: "hardship", required: false, headers: ["困境儿童", "困境", "hardship"]),
        Column(key: "disability", required: false, headers: ["残疾", "残疾儿童", "disability"]),
        Column(key: "migrant", required: false, headers: ["随迁子女", "进城务工人员随迁子女", "随迁", "migrant", "migrant worker family"]),
        Column(key: "returned", required: false, headers: ["复学", "returned", "returned after leave"]),
        Column(key: "peerSupporter", required: false, headers: ["心理委员", "peer supporter"]),
        rowNumber,
    ])

    public static let roster = ImportColumns(columns: [
        Column(key: "date", required: true, headers: ["日期", "值班日期", "date"]),
        Column(key: "start", required: true, headers: ["开始", "开始时间", "起", "start", "from", "start time"]),
        Column(key: "end", required: true, headers: ["结束", "结束时间", "止", "end", "to", "end time"]),
        Column(key: "person", required: true, headers: ["值班人", "值班教师", "值班人员", "姓名", "教师", "person", "teacher", "name", "staff"]),
        Column(key: "place", required: false, headers: ["地点", "place", "room"]),
        Column(key: "note", required: false, headers: ["备注", "note", "notes"]),
        rowNumber,
    ])

    /// A paper duty log (值班登记): who was in the room, from when to when.
    public static let checkIns = ImportColumns(columns: [
        Column(key: "date", required: true, headers: ["日期", "值班日期", "date"]),
        Column(key: "in", required: true, headers: ["签到", "签到时间", "到岗", "到岗时间", "in", "check in", "checked in", "time in"]),
        Column(key: "out", required: true, headers: ["签退", "签退时间", "离岗", "离岗时间", "out", "check out", "checked out", "time out"]),
        Column(key: "person", required: true, headers: ["值班人", "值班教师", "值班人员", "姓名", "教师", "person", "teacher", "name", "staff"]),
        Column(key: "note", required: false, headers: ["备注", "说明", "note", "notes"]),
        rowNumber,
    ])

    /// The running number most sheets start with: known, so it is not
    /// reported as unknown, and never read.
    static let rowNumber = Column(key: "rowNumber", required: false, headers: ["序号", "序", "no.", "no", "#", "s/n"])

    /// Header text compared without case, width, spaces or punctuation.
    static func normalized(_ header: String) -> String {
        let cleaned = FieldCleaner.clean(header).text.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? header
        return cleaned.lowercased().filter { !$0.isWhitespace && !"_-:：()（）*".contains($0) }
    }

    /// The column a header cell names, if any.
    func column(for cell: String) -> Column? {
        let name = Self.normalized(cell)
        return name.isEmpty ? nil : columns.first { $0.headers.contains { Self.normalized($0) == name } }
    }

    /// Maps column keys to their index in `header`, with problems for
    /// missing, repeated and unknown columns.
    public func map(header: [String], line: Int) -> (index: [String: Int], problems: [ImportProblem]) {
        var index: [String: Int] = [:]
        var problems: [ImportProblem] = []
        for (i, cell) in header.enumerated() {
            if Self.normalized(cell).isEmpty { continue }
            guard let column = column(for: cell) else {
                problems.append(ImportProblem(line: line, column: FieldCleaner.clean(cell).text, columnLetter: CellReference.letters(i),
                                              reason: LocalizedText(zh: "不认识的列，已忽略", en: "unknown column, ignored"),
                                              severity: .warning))
                continue
            }
            if index[column.key] != nil {
                problems.append(ImportProblem(line: line, column: FieldCleaner.clean(cell).text, columnLetter: CellReference.letters(i),
                                              reason: LocalizedText(zh: "这一列重复出现", en: "this column appears twice")))
                continue
            }
            index[column.key] = i
        }
        for column in columns where column.required && index[column.key] == nil {
            problems.append(ImportProblem(line: line, reason: LocalizedText(
                zh: "缺少必需的列「\(column.headers[0])」",
                en: "the required column \"\(column.headers.first { $0.allSatisfy(\.isASCII) } ?? column.key)\" is missing")))
        }
        return (index, problems)
    }
}
