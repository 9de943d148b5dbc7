import Counseling
import Foundation
import Store
import Terminal

/// Printing a document from the workstation: the palette offers one entry
/// per document this account may print; its form names the file and says
/// in one line what will be written (the document, its period or student,
/// never over an existing file). The store renders it as `xindesk print` does.
extension FormModal {
    static func printDocument(_ kind: PrintKind, _ s: AppState) -> FormModal {
        let L = s.language
        let student = kind.isAboutOneStudent ? s.focusedSummary : nil
        let name = "~/xindesk-\(kind.rawValue)-\(student.map { $0.number + "-" } ?? "")\(s.now.day).html"
        return FormModal(.printDocument(kind, studentNumber: student?.number), title: Command.printText(kind).text(L),
                         hint: PrintForm.preview(kind, student).text(L),
                         fields: [Form.Field(label: S.fileName.text(L), text: name, limit: 300)])
    }
}

enum PrintForm {
    /// "来访登记表：本学期至今，A4 网页文件（可打印为 PDF），不会覆盖已有文件".
    static func preview(_ kind: PrintKind, _ student: StudentSummary?) -> LocalizedText {
        let what = student.map { LocalizedText(zh: "\($0.name)（\($0.number)）的全部记录", en: "all of \($0.name)'s (\($0.number)) records") }
            ?? LocalizedText(zh: "本学期至今", en: "this term so far")
        return LocalizedText(zh: "\(kind.title.zh)：\(what.zh)，A4 网页文件（可打印为 PDF），不会覆盖已有文件",
                             en: "\(kind.title.en): \(what.en), an A4 web page (print it to PDF); never over an existing file")
    }
}

enum PrintInput {
    static func read(_ f: inout FormModal, _ kind: PrintKind, _ number: String?, _ s: inout AppState) -> Effect? {
        let path = HomePath.expand(f.text(0))
        guard !path.isEmpty, path.hasSuffix(".html") else {
            f.fail(0, S.htmlName, s.language)
            return nil
        }
        return .printDocument(kind, studentNumber: number, path: path)
    }
}

extension Command {
    /// One palette entry per document (no key), for whoever may print it;
    /// one about a student applies where a student is focused.
    static let printing: [Command] = PrintKind.allCases.compactMap { kind in
        CommandID.printing(kind).map {
            Command(id: $0, keys: [], label: "", text: printText(kind), action: kind.action,
                    scope: kind.isAboutOneStudent ? .student : .anywhere)
        }
    }

    /// "打印一生一案": the title without what its parenthesis adds, so the
    /// palette finds a document by its name, not by the words explaining it.
    static func printText(_ kind: PrintKind) -> LocalizedText {
        let zh = kind.title.zh.split(separator: "（").first.map(String.init) ?? kind.title.zh
        let en = kind.title.en.components(separatedBy: " (").first ?? kind.title.en
        return LocalizedText(zh: "打印\(zh)", en: "print: \(en)")
    }
}

extension CommandID {
    /// The palette entry of a document: "print-" and its kind's name.
    static func printing(_ kind: PrintKind) -> CommandID? { CommandID(rawValue: "print-" + kind.rawValue) }

    var printKind: PrintKind? {
        rawValue.hasPrefix("print-") ? PrintKind(rawValue: String(rawValue.dropFirst(6))) : nil
    }
}
