import Counseling
import Foundation

/// Reads students from a decoded spreadsheet export. Every problem is
/// reported with its line and column; rows with an error are left out.
public enum StudentImport {
    public static func read(_ text: String) -> ImportReport<Student> {
        let table: ImportTable
        switch ImportTable.read(text, columns: .students) {
        case .failure(let failure): return ImportReport(values: [], problems: failure.problems, rejectedRows: 0)
        case .success(let t): table = t
        }
        var report = ImportReport<Student>(values: [], problems: table.problems, rejectedRows: 0)
        let (header, index, rows) = (table.header, table.index, table.rows)
        var seenNumbers: [String: Int] = [:]
        var supporters: [ClassRef: Int] = [:]
        for row in rows {
            var reader = RowReader(row: row, header: header, index: index)
            if let student = reader.student(seen: &seenNumbers) {
                // A third peer supporter of one class: two per class (000).
                if student.flags.contains(.peerSupporter) {
                    supporters[ClassRef(of: student), default: 0] += 1
                    if supporters[ClassRef(of: student)]! > PeerSupporters.perClass {
                        report.problems.append(ImportProblem(line: row.line, column: reader.columnName("peerSupporter"),
                                                             reason: PeerSupporterProblem.tooMany.message))
                        report.rejectedRows += 1
                        continue
                    }
                }
                report.values.append(student)
            } else {
                report.rejectedRows += 1
            }
            report.problems += reader.problems
        }
        return report
    }
}

/// The cells of one row, cleaned, with the problems found in them.
struct RowReader {
    let row: CSVReader.Row
    let header: [String]
    let index: [String: Int]
    var problems: [ImportProblem] = []
    var failed = false

    init(row: CSVReader.Row, header: [String], index: [String: Int]) {
        self.row = row
        self.header = header
        self.index = index
    }

    /// The column's header as the file writes it; empty for a column the
    /// file lacks (the message names the field).
    func columnName(_ key: String) -> String {
        index[key].map { FieldCleaner.clean(header[$0]).text } ?? ""
    }

    mutating func cell(_ key: String) -> String {
        guard let i = index[key], i < row.fields.count else { return "" }
        let cleaned = FieldCleaner.clean(row.fields[i])
        if cleaned.removed > 0 {
            problems.append(ImportProblem(line: row.line, column: columnName(key), reason: LocalizedText(
                zh: "去掉了 \(cleaned.removed) 个控制字符或不可见字符", en: "removed \(cleaned.removed) control or invisible characters"),
                severity: .warning))
        }
        return cleaned.text
    }

    mutating func fail(_ key: String, _ error: ValidationError) {
        problems.append(ImportProblem(line: row.line, column: columnName(key), reason: error.message))
        failed = true
    }

    mutating func required(_ key: String, _ field: Field) -> String {
        let value = cell(key)
        if let problem = TextCheck.line(value, field: field) { fail(key, problem) }
        return value
    }

    /// Whether a spreadsheet has turned a long number into scientific
    /// notation (2.02601E+07): the digits are gone and cannot be guessed.
    mutating func lostToScientificNotation(_ key: String, _ text: String) -> Bool {
        guard text.range(of: #"^[0-9]+(\.[0-9]+)?[eE]\+?[0-9]+$"#, options: .regularExpression) != nil else { return false }
        problems.append(ImportProblem(line: row.line, column: columnName(key), reason: LocalizedText(
            zh: "表格软件把这个数字改成了科学计数法，位数已丢失：请把这一列设为“文本”格式，填回原数后重新导出",
            en: "the spreadsheet turned this number into scientific notation and its digits are lost: format the column as Text, enter the numbers again and export")))
        failed = true
        return true
    }

    /// The column a record-level problem belongs to.
    static let columnOfField: [Field: String] = [
        .studentNumber: "number", .name: "name", .gender: "gender", .stage: "stage", .grade: "grade",
        .className: "class", .headTeacher: "headTeacher",
    ]

    mutating func student(seen: inout [String: Int]) -> Student? {
        let numberText = required("number", .studentNumber)
        let number = lostToScientificNotation("number", numberText) ? "" : Student.normalizedNumber(numberText)
        let name = Student.normalizedName(required("name", .name))
        var gender = Gender.male, stage = SchoolStage.junior, grade = 0
        do { gender = try Gender.parse(cell("gender")) } catch { fail("gender", error) }
        let stageText = cell("stage")
        if !stageText.isEmpty {
            do { stage = try SchoolStage.parse(stageText) } catch { fail("stage", error) }
        }
        let gradeText = cell("grade")
        var className = required("class", .className)
        // A class written with its grade (初二(3)班, 八年级3班, 2-3) says the
        // grade itself; a grade column beside it must agree.
        var placement: ClassRef?
        var classUnread = false
        do { placement = try ClassRef.parse(className, stage: stageText.isEmpty ? nil : stage) } catch {
            problems.append(ImportProblem(line: row.line, column: columnName("class"), reason: error.message))
            failed = true
            classUnread = true
        }
        if let placement {
            if !gradeText.isEmpty, (try? Grade.parse(gradeText, stage: placement.stage)) != placement.grade {
                problems.append(ImportProblem(line: row.line, column: columnName("class"),
                                              reason: ClassWithGradeProblem.gradeDisagrees.message))
                failed = true
            }
            (stage, grade, className) = (placement.stage, placement.grade, placement.className)
        } else if !classUnread {
            // (When the class is unread its own problem says what to write.)
            do {
                grade = try Grade.parse(gradeText, stage: stage)
            } catch {
                // A sheet without a stage column: 初一 … 高三 and 1 … 12 still say which.
                if stageText.isEmpty, let (s, g) = Self.anyStage(gradeText) { stage = s; grade = g } else { fail("grade", error) }
            }
        }
        let headTeacher = Student.normalizedName(cell("headTeacher"))
        var guardians: [Guardian] = []
        for (nameKey, relationKey, phoneKey) in [("guardianName", "guardianRelation", "guardianPhone"),
                                                 ("guardian2Name", "guardian2Relation", "guardian2Phone")] {
            let guardianName = Student.normalizedName(cell(nameKey)), relationText = cell(relationKey), phoneText = cell(phoneKey)
            if guardianName.isEmpty && phoneText.isEmpty { continue }
            var relation = GuardianRelation.other
            if !relationText.isEmpty {
                do { relation = try GuardianRelation.parse(relationText) } catch { fail(relationKey, error) }
            }
            var phone = ""
            if !phoneText.isEmpty, !lostToScientificNotation(phoneKey, phoneText) {
                do { phone = try PhoneNumber.normalize(phoneText) } catch { fail(phoneKey, error) }
            }
            let guardian = Guardian(name: guardianName, relation: relation, phone: phone)
            if phoneText.isEmpty || phone != "" {
                for problem in guardian.validate() { fail(problem.field == .guardianName ? nameKey : phoneKey, problem) }
            }
            guardians.append(guardian)
        }
        var flags = Set<StudentFlag>()
        let listed = cell("flags")
        if !listed.isEmpty {
            do { flags = try StudentFlag.parseList(listed) } catch { fail("flags", error) }
        }
        for (key, flag) in [("leftBehind", StudentFlag.leftBehind), ("hardship", .hardship), ("disability", .disability),
                            ("migrant", .migrantWorkerFamily), ("returned", .returnedAfterLeave), ("peerSupporter", .peerSupporter)] {
            let text = cell(key)
            if text.isEmpty { continue }
            do { if try YesNo.parse(text, field: .flags) { flags.insert(flag) } } catch { fail(key, error) }
        }
        if !number.isEmpty {
            if let first = seen[number] {
                problems.append(ImportProblem(line: row.line, column: columnName("number"), reason: LocalizedText(
                    zh: "学号与第 \(first) 行重复", en: "the same student number as line \(first)")))
                failed = true
            } else {
                seen[number] = row.line
            }
        }
        guard !failed else { return nil }
        let student = Student(id: StudentID("s" + number), number: number, name: name, gender: gender, stage: stage,
                              grade: grade, className: className, headTeacher: headTeacher, guardians: guardians, flags: flags)
        // Guardians were checked above, each against its own columns.
        for problem in student.validate() where problem.field != .guardianName && problem.field != .guardianPhone {
            fail(Self.columnOfField[problem.field] ?? "", problem)
        }
        return failed ? nil : student
    }

    /// Reads a grade word under any stage, when no stage column says which.
    static func anyStage(_ text: String) -> (SchoolStage, Int)? {
        for stage in [SchoolStage.junior, .senior, .primary, .vocational, .university] {
            if let g = try? Grade.parse(text, stage: stage) { return (stage, g) }
        }
        return nil
    }
}

/// The header of an import file read and checked: the part every import
/// shares before it reads its own rows.
struct ImportTable {
    var header: [String]
    var index: [String: Int]
    var rows: [CSVReader.Row]
    var problems: [ImportProblem]

    /// The table, or the problems that stop the import before any row.
    static func read(_ text: String, columns: ImportColumns) -> Result<ImportTable, ImportFailure> {
        let rows: [CSVReader.Row]
        do { rows = try CSVReader.read(text) } catch {
            return .failure(ImportFailure(problems: [ImportProblem(line: error.line, reason: LocalizedText(
                zh: "引号没有闭合（从这一行开始）", en: "a quote is not closed (it starts on this line)"))]))
        }
        guard !rows.isEmpty else {
            return .failure(ImportFailure(problems: [ImportProblem(line: 1, reason: LocalizedText(
                zh: "文件是空的", en: "the file is empty"))]))
        }
        let at = headerRow(rows, columns: columns)
        let header = rows[at]
        let below = rows.indices.contains(at + 1) ? rows[at + 1] : nil
        let merged = below.flatMap { secondHeaderRow(header.fields, $0.fields, columns: columns) }
        var (index, problems) = columns.map(header: merged ?? header.fields, line: header.line)
        if problems.contains(where: { $0.severity == .error }) { return .failure(ImportFailure(problems: problems)) }
        problems = rows[..<at].map { title in
            ImportProblem(line: title.line, reason: LocalizedText(zh: "在表头之上（标题或说明），已跳过",
                                                                  en: "above the header row (a title or a remark), skipped"),
                          severity: .warning)
        } + problems
        if merged != nil, let below {
            problems.append(ImportProblem(line: below.line, reason: LocalizedText(
                zh: "表头的第二行（合并单元格下的列名），已与上一行合并", en: "the header's second row (column names under merged cells), read with the row above"),
                severity: .warning))
        }
        let first = at + (merged == nil ? 1 : 2)
        return .success(ImportTable(header: merged ?? header.fields, index: index, rows: Array(rows[min(first, rows.count)...]),
                                    problems: problems))
    }

    /// A header over two rows, as a sheet with merged cells exports it:
    /// "家长信息" spanning three columns above "姓名 关系 电话". The row
    /// below is a second header row when it leaves every required cell to
    /// the row above (a data row fills them) and names known columns; each
    /// of its names is read under the group above it ("家长" + "姓名" is
    /// the guardian's name, not the student's). Nil when it is no header.
    static func secondHeaderRow(_ top: [String], _ below: [String], columns: ImportColumns) -> [String]? {
        let (topIndex, _) = columns.map(header: top, line: 0)
        let required = columns.columns.filter(\.required).compactMap { topIndex[$0.key] }
        guard required.allSatisfy({ $0 >= below.count || FieldCleaner.clean(below[$0]).text.isEmpty }) else { return nil }
        var merged = top + Array(repeating: "", count: max(0, below.count - top.count))
        var group = "", named = false
        for i in merged.indices {
            let above = FieldCleaner.clean(merged[i]).text
            if !above.isEmpty { group = above }
            let name = i < below.count ? FieldCleaner.clean(below[i]).text : ""
            guard !name.isEmpty else { continue }
            let stem = group.replacingOccurrences(of: "信息", with: "").replacingOccurrences(of: "情况", with: "")
            if let words = [stem + name, group + name, name].first(where: { columns.column(for: $0) != nil }) {
                merged[i] = words
                named = true
            }
        }
        return named ? merged : nil
    }

    /// Where the header is. Exports from the school's registry often put a
    /// title ("2026级学生花名册") or a remark above it, so the first of the
    /// first rows that has every required column is taken; when none has,
    /// the one that names the most columns, whose problems are then shown.
    static func headerRow(_ rows: [CSVReader.Row], columns: ImportColumns) -> Int {
        var best = 0, bestKnown = -1
        for (i, row) in rows.prefix(maxRowsAboveHeader + 1).enumerated() {
            let (index, problems) = columns.map(header: row.fields, line: row.line)
            if !problems.contains(where: { $0.severity == .error }) { return i }
            if index.count > bestKnown { (best, bestKnown) = (i, index.count) }
        }
        return best
    }

    static let maxRowsAboveHeader = 10
}

struct ImportFailure: Error {
    var problems: [ImportProblem]
}
