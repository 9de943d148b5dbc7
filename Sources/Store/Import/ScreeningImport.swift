import Counseling
import Foundation

/// One row of a screening file: whose it is, when, and what the
/// instrument's rules make of it.
public struct ScreeningImportRow: Sendable, Equatable {
    public var line: Int
    public var student: StudentID
    public var date: Day
    public var outcome: ScreeningOutcome
}

/// Reads a screening platform's export (or a PHQ-9/GAD-7 answer sheet):
/// each row is matched to a student by student number, else by name and
/// class (an ambiguous or missing match is a problem of its row, never a
/// guess), and scored by the instrument's rules (`ScreeningScoring`).
public enum ScreeningImport {
    /// `students`: the roster (`Store.allStudents()`); `date`: the day of
    /// rows without a date of their own.
    public static func read(_ sheet: ImportSheet, instrument: ScreeningInstrument, rules: ScreeningRules,
                            students: [Student], date: Day) -> ImportReport<ScreeningImportRow> {
        let columns = ImportColumns.screening(instrument)
        let table: ImportTable
        switch ImportTable.read(sheet, columns: columns) {
        case .failure(let failure): return ImportReport(values: [], problems: failure.problems, rejectedRows: 0)
        case .success(let t): table = t
        }
        var report = ImportReport<ScreeningImportRow>(values: [], problems: table.problems, rejectedRows: 0)
        if table.index["number"] == nil && (table.index["name"] == nil || table.index["class"] == nil) {
            report.problems.append(ImportProblem(line: 1, reason: LocalizedText(
                zh: "缺少「学号」列，或「姓名」和「班级」两列：没有它们就认不出是哪位学生",
                en: "the file needs a student number column, or both name and class columns, to tell whose each row is")))
            return report
        }
        // A PHQ-9 sheet read as GAD-7 would score its first seven answers
        // as anxiety: answers past the instrument's last item mean the
        // wrong instrument was chosen.
        if instrument == .gad7 {
            let phq = ImportColumns.screening(.phq9).map(header: table.header, line: 1).index
            if phq["item8"] != nil || phq["item9"] != nil {
                report.problems.append(ImportProblem(line: 1, reason: LocalizedText(
                    zh: "文件有第 8、9 题的答案，而 GAD-7 只有 7 题：这是 PHQ-9 的问卷吗？请用 --instrument phq9",
                    en: "the file has answers to questions 8 and 9, and GAD-7 has 7: is it a PHQ-9 sheet? Use --instrument phq9")))
                return report
            }
        }
        let match = StudentMatcher(students)
        var seen: [StudentID: Int] = [:]
        for row in table.rows {
            var reader = table.reader(row)
            let student = match.student(&reader)
            var day = date
            let dateText = reader.cell("date")
            if !dateText.isEmpty {
                // A platform's "2026-09-20 08:31:05" is a day and a time: the day counts.
                let dayPart = String(dateText.split(separator: " ").first ?? "")
                do { day = try SpreadsheetSerial.day(dayPart, field: .date) } catch { reader.fail("date", error) }
            }
            var cells: [String: String] = [:]
            for column in instrument.columns where table.index[column.key] != nil { cells[column.key] = reader.cell(column.key) }
            var outcome: ScreeningOutcome?
            switch ScreeningScoring.score(instrument, cells: cells, stage: student?.stage ?? .junior, rules: rules) {
            case .success(let o): outcome = o
            case .failure(let failure):
                reader.problems += failure.problems.map { reader.problem($0.key, $0.reason) }
                reader.failed = true
            }
            if let student, let earlier = seen[student.id] {
                reader.problems.append(reader.problem("", LocalizedText(
                    zh: "\(student.name)（\(student.number)）在第 \(earlier) 行已有一条结果：同一批次每人一条",
                    en: "\(student.name) (\(student.number)) already has a result on line \(earlier): one per student in a campaign")))
                reader.failed = true
            }
            report.problems += reader.problems
            guard let student, let outcome, !reader.failed else {
                report.rejectedRows += 1
                continue
            }
            seen[student.id] = row.line
            report.values.append(ScreeningImportRow(line: row.line, student: student.id, date: day, outcome: outcome))
        }
        return report
    }
}

/// Finds the student a row names: by student number when the row has
/// one, else by name and class.
struct StudentMatcher {
    private let byNumber: [String: Student]
    private let byName: [String: [Student]]

    init(_ students: [Student]) {
        byNumber = Dictionary(students.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        byName = Dictionary(grouping: students, by: \.name)
    }

    func student(_ reader: inout RowReader) -> Student? {
        let number = Student.normalizedNumber(reader.cell("number"))
        if !number.isEmpty {
            if let student = byNumber[number] { return student }
            reader.fail("number", LocalizedText(zh: "学号 \(number) 不在学生名单中", en: "no student has the number \(number)"))
            return nil
        }
        let name = reader.cell("name"), classText = reader.cell("class"), gradeText = reader.cell("grade")
        guard !name.isEmpty else {
            reader.fail("name", LocalizedText(zh: "没有学号也没有姓名：认不出是哪位学生", en: "neither a student number nor a name: whose row is it?"))
            return nil
        }
        let named = byName[name] ?? []
        let inClass = named.filter { Self.isIn($0, classText: classText, gradeText: gradeText) }
        switch inClass.count {
        case 1: return inClass[0]
        case 0:
            reader.fail(named.isEmpty ? "name" : "class", named.isEmpty
                ? LocalizedText(zh: "名单中没有叫“\(name)”的学生", en: "no student is called “\(name)”")
                : LocalizedText(zh: "“\(name)”不在“\(classText)”：名单中的\(name)在 \(named.map(\.className).joined(separator: "、"))；请核对或写学号",
                                en: "“\(name)” is not in “\(classText)”: the roster has \(name) in \(named.map(\.className).joined(separator: ", ")); check it or give the student number"))
            return nil
        default:
            reader.fail("name", LocalizedText(zh: "名单中有 \(inClass.count) 名“\(name)”在这个班：请写学号，以免认错",
                                              en: "\(inClass.count) students called “\(name)” match this class: give the student number, so nobody is mistaken"))
            return nil
        }
    }

    /// Whether the student is in the class the row writes: `初二(3)班`
    /// (grade and class together), or `3班` with a grade column.
    static func isIn(_ student: Student, classText: String, gradeText: String) -> Bool {
        guard !classText.isEmpty else { return false }
        if let written = try? ClassRef.parse(classText, stage: student.stage) {
            return written.grade == student.grade && ClassRef.classPart(written.className) == ClassRef.classPart(student.className)
        }
        guard ClassRef.classPart(classText) == ClassRef.classPart(student.className) else { return false }
        guard !gradeText.isEmpty else { return true }
        return (try? Grade.parse(gradeText, stage: student.stage)) == student.grade
    }
}

extension ImportColumns {
    /// A screening file's columns: who (number, else name and class), when,
    /// and the instrument's own columns.
    static func screening(_ instrument: ScreeningInstrument) -> ImportColumns {
        let who = students.columns.filter { ["number", "name", "class", "grade"].contains($0.key) }
            .map { Column(key: $0.key, required: false, headers: $0.headers) }
        let when = Column(key: "date", required: false,
                          headers: ["测评日期", "测试日期", "日期", "完成时间", "提交时间", "作答时间", "date", "test date", "completed"])
        return ImportColumns(columns: who + [when] + instrument.columns.map { Column(key: $0.key, required: $0.required, headers: $0.headers) }
                             + [rowNumber])
    }
}

extension RowReader {
    mutating func fail(_ key: String, _ reason: LocalizedText) {
        problems.append(problem(key, reason))
        failed = true
    }
}
