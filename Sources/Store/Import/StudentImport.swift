import Counseling
import Foundation

/// Reads students from a decoded spreadsheet export. Every problem is
/// reported with its line and column; rows with an error are left out.
public enum StudentImport {
    public static func read(_ sheet: ImportSheet) -> ImportReport<Student> {
        let table: ImportTable
        switch ImportTable.read(sheet, columns: .students) {
        case .failure(let failure): return ImportReport(values: [], problems: failure.problems, rejectedRows: 0)
        case .success(let t): table = t
        }
        var report = ImportReport<Student>(values: [], problems: table.problems, rejectedRows: 0)
        var seenNumbers: [String: Int] = [:]
        var supporters: [ClassRef: Int] = [:]
        for row in table.rows {
            var reader = table.reader(row)
            if let student = reader.student(seen: &seenNumbers) {
                // A third peer supporter of one class: two per class (000).
                if student.flags.contains(.peerSupporter) {
                    supporters[ClassRef(of: student), default: 0] += 1
                    if supporters[ClassRef(of: student)]! > PeerSupporters.perClass {
                        report.problems.append(reader.problem("peerSupporter", PeerSupporterProblem.tooMany.message))
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
    /// The workbook sheet the row is on (nil for CSV), for the problems' place.
    let sheet: String?
    var problems: [ImportProblem] = []
    var failed = false
    /// Columns whose cell held a spreadsheet error value: reported once,
    /// not again as an empty or unreadable value.
    private var errorValues: Set<String> = []

    init(row: CSVReader.Row, header: [String], index: [String: Int], sheet: String? = nil) {
        self.row = row
        self.header = header
        self.index = index
        self.sheet = sheet
    }

    /// The column's header as the file writes it; empty for a column the
    /// file lacks (the message names the field).
    func columnName(_ key: String) -> String {
        index[key].map { FieldCleaner.clean(header[$0]).text } ?? ""
    }

    /// A problem of this row in the column of `key` (of the whole row when
    /// the file lacks that column), placed by line, or by sheet, row and
    /// column letter.
    func problem(_ key: String, _ reason: LocalizedText, severity: ImportProblem.Severity = .error) -> ImportProblem {
        ImportProblem(line: row.line, column: columnName(key), columnLetter: index[key].map(CellReference.letters) ?? "",
                      sheet: sheet, reason: reason, severity: severity)
    }

    /// The cell, cleaned. A spreadsheet's error value (`#N/A`, `#DIV/0!`:
    /// a formula that failed, as an .xlsx stores it and a CSV export shows
    /// it) is a problem of its cell, never a value.
    mutating func cell(_ key: String) -> String {
        guard let i = index[key], i < row.fields.count else { return "" }
        let cleaned = FieldCleaner.clean(row.fields[i])
        if cleaned.removed > 0 {
            problems.append(problem(key, LocalizedText(
                zh: "去掉了 \(cleaned.removed) 个控制字符或不可见字符", en: "removed \(cleaned.removed) control or invisible characters"),
                severity: .warning))
        }
        if SpreadsheetErrorValue.isError(cleaned.text) {
            if errorValues.insert(key).inserted { problems.append(problem(key, SpreadsheetErrorValue.message(cleaned.text))) }
            failed = true
            return ""
        }
        return cleaned.text
    }

    mutating func fail(_ key: String, _ error: ValidationError) {
        if !errorValues.contains(key) { problems.append(problem(key, error.message)) }
        failed = true
    }

    mutating func required(_ key: String, _ field: Field) -> String {
        let value = cell(key)
        if let problem = TextCheck.line(value, field: field) { fail(key, problem) }
        return value
    }

    /// 2.02601E+07; compiled once (three cells a row are checked).
    nonisolated(unsafe) static let scientificNotation = try! NSRegularExpression(pattern: #"^[0-9]+(\.[0-9]+)?[eE]\+?[0-9]+$"#)

    /// Whether a spreadsheet has turned a long number into scientific
    /// notation (2.02601E+07): the digits are gone and cannot be guessed.
    mutating func lostToScientificNotation(_ key: String, _ text: String) -> Bool {
        guard Self.scientificNotation.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else { return false }
        problems.append(problem(key, LocalizedText(
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
            problems.append(problem("class", error.message))
            failed = true
            classUnread = true
        }
        if let placement {
            if !gradeText.isEmpty, (try? Grade.parse(gradeText, stage: placement.stage)) != placement.grade {
                problems.append(problem("class", ClassWithGradeProblem.gradeDisagrees.message))
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
                problems.append(problem("number", LocalizedText(
                    zh: "学号与第 \(first) 行重复", en: "the same student number as \(sheet == nil ? "line" : "row") \(first)")))
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
