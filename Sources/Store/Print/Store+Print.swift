import Counseling
import Foundation

/// What `xindesk print` asks for.
public struct PrintRequest: Sendable {
    public var kind: PrintKind
    public var from: Day?
    public var to: Day?
    public var studentNumber: String?
    public var language: Language
    /// The database's file id (`UnlockedVault.fileID`), sealed into the
    /// statistics so a copy can be told from another database.
    public var fileID: String

    public init(kind: PrintKind, from: Day? = nil, to: Day? = nil, studentNumber: String? = nil, language: Language, fileID: String) {
        self.kind = kind
        self.from = from
        self.to = to
        self.studentNumber = studentNumber
        self.language = language
        self.fileID = fileID
    }
}

/// A rendered document, not yet on disk: the caller writes it
/// (`ExportFile.writeText`) and then records the print (`.recordExport(.document…)`).
public struct PrintedDocument: Sendable {
    public var kind: PrintKind
    public var html: String
    /// Rows of a register, records of a form.
    public var count: Int
    public var student: StudentID?
    public var period: String

    /// The audit entry's detail: the kind and how much, never content.
    public var auditDetail: String { "\(kind.rawValue) \(period) \(count)" }
}

public enum PrintError: TeacherReadableError, Equatable {
    case studentNeeded
    case studentNotFound(String)
    /// `--student` on a register of a period: refused rather than ignored.
    case studentNotUsed(PrintKind)
    case periodReversed(Day, Day)

    public var message: LocalizedText {
        switch self {
        case .studentNeeded:
            LocalizedText(zh: "这份文书是关于一名学生的：请用 --student 写上学号。", en: "This document is about one student: name them with --student NUMBER.")
        case .studentNotFound(let number):
            LocalizedText(zh: "找不到学号为 \(number) 的学生。", en: "No student has the number \(number).")
        case .studentNotUsed(let kind):
            LocalizedText(zh: "\(kind.title.zh)是一段时间的登记表，不按学生打印：请去掉 --student。",
                          en: "The \(kind.title.en.lowercased()) covers a period, not one student: leave out --student.")
        case .periodReversed(let from, let to):
            LocalizedText(zh: "起始日期 \(from) 晚于结束日期 \(to)。", en: "The first day \(from) is after the last day \(to).")
        }
    }

    public var detail: String { "print: \(self)" }
}

extension Store {
    /// Renders a document for `account`, who must hold its permission
    /// (`PrintKind.action`); what it holds is what this session's keys
    /// open, so a head's registers cannot hold clinical text. Writes nothing.
    public func printDocument(_ request: PrintRequest, as account: Account, at now: LocalDateTime) throws -> PrintedDocument {
        let kind = request.kind
        guard account.may(kind.action) else { throw StoreError.notAllowed(kind.action) }
        var student: Student?
        if !kind.isAboutOneStudent, request.studentNumber != nil { throw PrintError.studentNotUsed(kind) }
        if kind.isAboutOneStudent {
            guard let number = request.studentNumber else { throw PrintError.studentNeeded }
            guard let found = try self.student(number: number) else { throw PrintError.studentNotFound(number) }
            student = found
        }
        let period: ClosedRange<Day>?
        if kind.isAboutOneStudent && request.from == nil && request.to == nil {
            period = nil
        } else {
            let term = try calendar().term(containing: now.day)
            let first = request.from ?? term?.first ?? now.day.adding(days: -27)
            let last = request.to ?? (kind == .dutyRoster ? term?.last ?? now.day : now.day)
            guard first <= last else { throw PrintError.periodReversed(first, last) }
            period = first...last
        }
        let staff = try self.staff()
        let names = Dictionary(staff.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let context = PrintContext(store: self, language: request.language, period: period, student: student,
                                   now: now, staffNames: names, fileID: request.fileID)
        let body = try kind.renderer.body(context)
        let periodText = period.map { "\($0.lowerBound) – \($0.upperBound)" }
            ?? context.t("全部记录（截至 \(now.day)）", "all records (to \(now.day))")
        let school = try schoolSetup().profile.name
        // Said, not left blank: the school enters its name in the school file.
        let header = PrintPage.Header(school: school.isEmpty ? context.t("（学校名称未设置）", "(school name not set)") : school,
                                      title: context.t(kind.title),
                                      period: periodText, printedBy: names[account.id] ?? account.displayName ?? account.id.rawValue,
                                      printedAt: now)
        return PrintedDocument(kind: kind, html: PrintPage.html(header, body.parts, request.language), count: body.count,
                               student: student?.id, period: period.map { "\($0.lowerBound)..\($0.upperBound)" } ?? "all")
    }
}
