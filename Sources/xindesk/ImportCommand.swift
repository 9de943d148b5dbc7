import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal
import Vault

/// `xindesk import students|roster|checkins FILE`: spreadsheets (CSV or
/// .xlsx) into the store. Nothing is written when any row has an error,
/// unless asked to skip those rows.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import students, the duty roster, a paper duty log or screening results from CSV or .xlsx (Excel, WPS).",
        subcommands: [Students.self, Roster.self, Checkins.self, Screening.self])

    struct Options: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV or .xlsx file (Chinese or English headers; CSV in UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK).")
        var file: String
        @Option(name: .long, help: "The sheet of an .xlsx to read, by the name on its tab (default: the first sheet that holds a table).")
        var sheet: String?
        @Flag(name: .long, help: "Import the valid rows even when some rows have errors.")
        var skipInvalid = false
    }

    struct Students: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import or update students (matched by student number).")
        @OptionGroup var options: Options

        func run() throws {
            let sheet = try ImportFile.sheet(options)
            try ImportFile.run(options, read: { _ in StudentImport.read(sheet) }) { session, report in
                let r = try session.execute(.importStudents(report.values))
                return LocalizedText(zh: "导入学生：新增 \(r.added) 名，更新 \(r.updated) 名。", en: "Imported \(r.added) new and \(r.updated) changed students.").text(Text.language)
            }
        }
    }

    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import planned duty shifts (the 值班表).")
        @OptionGroup var options: Options

        func run() throws {
            let sheet = try ImportFile.sheet(options)
            try ImportFile.run(options, read: { store in
                RosterImport.read(sheet, staff: try store.staff(), accounts: Set(store.accounts.map(\.id)))
            }) { session, report in
                // People the roster names who have no account join the staff list (in the store's command).
                let r = try session.execute(.importShifts(report.values))
                return LocalizedText(zh: "导入值班：\(r.added) 个班次（替换 \(r.updated) 个）。", en: "Imported \(r.added) shifts (\(r.updated) replaced).").text(Text.language)
            }
        }
    }
}

extension ImportCommand {
    /// A paper duty log kept before (or beside) F5, entered afterwards:
    /// every check-in is marked 补录 in the compliance reports.
    struct Checkins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter actual check-ins afterwards from a paper duty log (date, in, out, person, note); heads and administrators.")
        @OptionGroup var options: Options

        func run() throws {
            let sheet = try ImportFile.sheet(options)
            try ImportFile.run(options, read: { store in
                CheckInImport.read(sheet, staff: try store.staff(), now: LocalDateTime(Date(), in: store.timeZone))
            }) { session, report in
                let r = try session.execute(.enterCheckIns(report.values))
                return LocalizedText(zh: "补录签到：\(r.added) 条（在合规报告中标为“补录”）。",
                                     en: "Entered \(r.added) check-ins afterwards (marked “entered afterwards” in compliance reports).").text(Text.language)
            }
        }
    }
}

/// The parts every import shares: reading the file (CSV or one sheet of
/// an .xlsx), printing the problems, the all-or-nothing rule, and the
/// permission check.
enum ImportFile {
    /// The table the file holds; a file that cannot be read is refused
    /// with what to do (`ImportSourceError`, printed by `CLIError.translate`).
    static func sheet(_ options: ImportCommand.Options) throws -> ImportSheet {
        try ImportSource.load(path: options.file, sheet: options.sheet)
    }

    /// Reads the file, prints every problem, and saves only when there is
    /// no error (or the caller asked to skip rows with errors). The store
    /// refuses an account whose roles do not allow the import.
    static func run<V>(_ options: ImportCommand.Options,
                       read: (Store) throws -> ImportReport<V>,
                       save: (StoreSession, ImportReport<V>) throws -> String) throws {
        try StoreSession.run(options.global) { session in
            let report = try read(session.store)
            // Sheet names and headers come from the file: sanitized like any untrusted text.
            for problem in report.problems {
                FileHandle.standardError.write(Data((Sanitizer.oneLine(problem.text(session.language)) + "\n").utf8))
            }
            if !report.errors.isEmpty && (!options.skipInvalid || report.values.isEmpty) {
                throw CLIError.importRejected(errors: report.errors.count, rows: report.rejectedRows)
            }
            var summary = try save(session, report)
            if report.rejectedRows > 0 {
                summary += LocalizedText(zh: "跳过有错误的 \(report.rejectedRows) 行。", en: " Skipped \(report.rejectedRows) rows with errors.").text(Text.language)
            }
            return [summary]
        }
    }
}
