import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal

/// `xindesk school show` / `apply`: the school's whole setup as one
/// commented TOML file, printed, edited by the school and applied in one
/// store command (`.applySchoolSetup`).
struct SchoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "school", abstract: "Show or apply the school file (calendar, timetable, opening rules, crisis checklist, screening rules).",
        subcommands: [SchoolShowCommand.self, SchoolApplyCommand.self])
}

struct SchoolShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the school's setup as a commented TOML file (xindesk school show > school.toml).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        // Every account may read the school's setup: it holds no student.
        try StoreSession.run(global) { session in
            let text = SchoolFile.render(try session.store.schoolSetup(), bundled: try HolidayFile.bundled())
            // `render` escapes control and bidi characters in every value;
            // the sanitizer is the rule for printed text all the same.
            return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { Sanitizer.oneLine(String($0)) }
        }
    }
}

struct SchoolApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Check a school file and store it: every problem with its line; nothing stored unless all is right.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The school file (from xindesk school show).") var file: String
    @Flag(help: "Apply without asking after the changes are shown.") var yes = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.unreadableFile(file) }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.undecodableFile(path: file, line: 1, offset: 0) }
        // Checked before the passphrase is asked: a file with mistakes is
        // refused whoever applies it, and needs no unlock.
        let setup = try SchoolFile.parse(text, file: file)
        try StoreSession.run(global) { session in
            let L = session.language
            guard session.account.may(.editSchoolCalendar) else { throw StoreError.notAllowed(.editSchoolCalendar) }
            let base = try session.store.schoolSetup()
            let changes = SchoolFile.diff(from: base, to: setup, bundled: try HolidayFile.bundled())
            guard !changes.isEmpty else {
                return [LocalizedText(zh: "文件与现有设置相同，没有修改。", en: "The file matches the stored setup; nothing changed.").text(L)]
            }
            print(LocalizedText(zh: "将要做的修改（- 原有，+ 新的）：", en: "What will change (- now, + new):").text(L))
            for line in changes { print("  " + Sanitizer.oneLine(line)) }
            if !yes {
                print(LocalizedText(zh: "应用这些修改？[y/N] ", en: "Apply these changes? [y/N] ").text(L), terminator: "")
                fflush(nil)  // every output stream: the question shows before the answer is read
                let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                guard ["y", "yes", "是"].contains(answer) else {
                    return [LocalizedText(zh: "未保存任何修改。", en: "Nothing was changed.").text(L)]
                }
            }
            try session.execute(.applySchoolSetup(setup, basedOn: base))
            let parts = setup.changedSections(from: base).map { SchoolFile.sectionName($0).text(L) }
            return [LocalizedText(zh: "已保存：" + parts.joined(separator: "、"), en: "Saved: " + parts.joined(separator: ", ")).text(L)]
        }
    }
}
