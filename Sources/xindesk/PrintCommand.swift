import ArgumentParser
import Counseling
import Foundation
import Store

/// `xindesk print KIND --out FILE.html [--pdf]`: one document as a
/// self-contained A4 HTML file (0600, never over an existing file), made by
/// the store from what this account's keys open, and recorded in the audit
/// log; with `--pdf`, also a PDF through a headless Chromium.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a register, form or the statistics as an A4 HTML file (and PDF), or verify printed statistics.",
        subcommands: [PrintDocumentCommand.self, PrintVerifyCommand.self], defaultSubcommand: PrintDocumentCommand.self)
}

/// `xindesk print KIND …` (the default of `print`).
struct PrintDocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Print a register, form or the statistics as an A4 HTML file (and PDF).",
        discussion: "Kinds: " + PrintKind.allCases.map(\.rawValue).joined(separator: ", "))

    @OptionGroup var global: GlobalOptions
    @Argument(help: "What to print: \(PrintKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: String
    @Option(help: "First day (YYYY-MM-DD; default: the start of the current term).") var from: String?
    @Option(help: "Last day (YYYY-MM-DD; default: today, or the term's end for the roster).") var to: String?
    @Option(help: "The student's number (for a form about one student).") var student: String?
    @Option(help: "The HTML file to write.") var out: String
    @Flag(help: "Also make FILE.pdf through a headless Chromium.") var pdf = false

    func run() throws {
        guard let kind = PrintKind(rawValue: kind) else { throw UnknownKind(name: kind) }
        let (first, last) = (try from.map { try Day.parse($0, field: .date) }, try to.map { try Day.parse($0, field: .date) })
        let request = { (fileID: String) in
            PrintRequest(kind: kind, from: first, to: last, studentNumber: student, language: Text.language, fileID: fileID)
        }
        let pdfPath = pdf ? ChromiumPDF.path(for: out) : nil
        // Refused before anything is written: neither file is ever replaced.
        for path in [out] + (pdfPath.map { [$0] } ?? []) where FileManager.default.fileExists(atPath: path) {
            throw ExportError(path: path, errno: EEXIST)
        }
        var chromiumMissing = false
        try StoreSession.run(global) { session in
            let document = try session.store.printDocument(try request(session.vault.fileID), as: session.account, at: session.now)
            try ExportFile.write(Data(document.html.utf8), to: out)
            try session.execute(.recordExport(.document(kind, student: document.student), detail: document.auditDetail))
            var lines = [LocalizedText(zh: "已写入 \(out)（\(document.count) 条）。", en: "Wrote \(out) (\(document.count) entries).")
                .text(session.language)]
            if let pdfPath {
                if let chromium = ChromiumPDF.find() {
                    try ChromiumPDF.render(html: out, to: pdfPath, chromium: chromium)
                    lines.append(LocalizedText(zh: "已写入 \(pdfPath)。", en: "Wrote \(pdfPath).").text(session.language))
                } else {
                    chromiumMissing = true
                }
            }
            return lines
        }
        if chromiumMissing { throw ChromiumPDF.Missing(html: out) }
    }

    struct UnknownKind: TeacherReadableError {
        var name: String
        var message: LocalizedText {
            let kinds = PrintKind.allCases.map(\.rawValue).joined(separator: ", ")
            return LocalizedText(zh: "没有“\(name)”这种文书。可打印：\(kinds)", en: "There is no document “\(name)”. Kinds: \(kinds)")
        }
        var detail: String { "print: unknown kind \(name)" }
    }
}
