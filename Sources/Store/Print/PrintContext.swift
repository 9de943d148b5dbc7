import Counseling
import Vault
import Foundation

/// What a renderer reads: the store as this session's keys open it, the
/// period asked for, the student (for a one-student document), staff
/// names, and the language. Text a session cannot open (sealed clinical
/// text) reads as empty here, so no renderer can print it.
struct PrintContext {
    let store: Store
    let language: Language
    /// nil for a one-student document asked without `--from`/`--to`: all of it.
    let period: ClosedRange<Day>?
    let student: Student?
    let now: LocalDateTime
    let staffNames: [StaffID: String]
    /// The database's file id, for the statistics' seal.
    let fileID: String

    func t(_ zh: String, _ en: String) -> String { language == .en ? en : zh }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// Whether this session reads what was said and decided (counselors).
    var readsClinicalText: Bool { store.keys.holds(.clinical) }

    func name(_ id: StaffID?) -> String {
        guard let id else { return "" }
        return staffNames[id] ?? id.rawValue
    }

    /// Text as the session may print it: sealed text (not opened by these
    /// keys) is nothing.
    func readable(_ text: String) -> String { SealedText.isSealed(text) ? "" : text }

    func contains(_ time: LocalDateTime) -> Bool { period.map { $0.contains(time.day) } ?? true }

    /// The period as [from, to) local times for the store's range reads.
    var bounds: (from: LocalDateTime, to: LocalDateTime) {
        let range = period ?? Day(daysSinceEpoch: 0)...now.day
        return (LocalDateTime(range.lowerBound, .midnight), LocalDateTime(range.upperBound.adding(days: 1), .midnight))
    }

    static func minute(_ t: LocalDateTime) -> String { String(format: "%02d:%02d", t.time.hour, t.time.minute) }
    static func stamp(_ t: LocalDateTime) -> String { "\(t.day) \(minute(t))" }
    func weekday(_ day: Day) -> String { t(day.weekday.displayName) }

    /// The one student the document is about (the command refuses without one).
    func requireStudent() throws -> Student {
        guard let student else { throw PrintError.studentNeeded }
        return student
    }

    /// The student's file as this session's keys open it.
    func file() throws -> StudentFile {
        let student = try requireStudent()
        return try store.writer.read { db in try store.file(student.id, db) }
    }

    /// The student's basic facts, at the top of every one-student form.
    func studentFields(_ s: Student) -> Markup {
        Markup.fields([
            (t("姓名", "Name"), s.name), (t("学号", "Student number"), s.number),
            (t("性别", "Gender"), t(s.gender.displayName)),
            (t("班级", "Class"), s.className), (t("班主任", "Head teacher"), s.headTeacher),
        ])
    }
}

extension PrintContext {
    /// Every student, those who left too, by id: the registers name them.
    func roster() throws -> [StudentID: StudentSummary] {
        Dictionary(try store.studentList(withLevelsAndFlags: false, includingLeft: true).map { ($0.id, $0) },
                   uniquingKeysWith: { a, _ in a })
    }
}
