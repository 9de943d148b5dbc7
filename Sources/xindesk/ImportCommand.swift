import ArgumentParser
import Counseling
import Foundation
import Store
import Vault

/// `xindesk import students|roster FILE.csv`: spreadsheet exports into the
/// store. Nothing is written when any row has an error, unless asked to
/// skip those rows.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import students or the duty roster from a CSV export (UTF-8 or GB18030).",
        subcommands: [Students.self, Roster.self])

    struct Options: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file (Chinese or English headers; UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK).")
        var file: String
        @Flag(name: .long, help: "Import the valid rows even when some rows have errors.")
        var skipInvalid = false
    }

    struct Students: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import or update students (matched by student number).")
        @OptionGroup var options: Options

        func run() throws {
            let text = try ImportFile.text(options.file)
            try ImportFile.run(options, action: .importStudents, read: { _ in StudentImport.read(text) }) { store, report, actor, now in
                let r = try store.saveStudents(report.values, by: actor, at: now)
                return Text.pick("Imported \(r.added) new and \(r.updated) changed students.", "导入学生：新增 \(r.added) 名，更新 \(r.updated) 名。")
            }
        }
    }

    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import planned duty shifts (the 值班表).")
        @OptionGroup var options: Options

        func run() throws {
            let text = try ImportFile.text(options.file)
            try ImportFile.run(options, action: .editDutyRoster, read: { store in
                RosterImport.read(text, staff: try store.staff())
            }) { store, report, actor, now in
                // People the roster names who are not yet staff join the list.
                let staff = try store.staff()
                let newcomers = Set(report.values.map(\.person)).subtracting(staff.map(\.id)).sorted()
                if !newcomers.isEmpty {
                    try store.set(.staff, staff + newcomers.map { Staff(id: $0, name: String($0.rawValue.dropFirst(5)), roles: [.duty]) },
                                  by: actor, at: now)
                }
                let r = try store.saveShifts(report.values, by: actor, at: now)
                return Text.pick("Imported \(r.added) shifts (\(r.replaced) replaced).", "导入值班：\(r.added) 个班次（替换 \(r.replaced) 个）。")
            }
        }
    }
}

/// The parts both imports share: reading and decoding the file, printing
/// the problems, the all-or-nothing rule, and the permission check.
enum ImportFile {
    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.unreadableFile(path) }
        do {
            return try TextDecoding.decode([UInt8](data)).text
        } catch where error.kind == .workbook {
            throw CLIError.workbookNotCSV(path)
        } catch {
            throw CLIError.undecodableFile(path: path, line: error.line, offset: error.offset)
        }
    }

    /// Unlocks, checks the account may do `action`, reads the file, prints
    /// every problem, and saves only when there is no error (or the caller
    /// asked to skip rows with errors).
    static func run<V>(_ options: ImportCommand.Options, action: Action,
                       read: (Store) throws -> ImportReport<V>,
                       save: (Store, ImportReport<V>, StaffID, LocalDateTime) throws -> String) throws {
        let language: Language = Text.chinese ? .zhHans : .en
        let vault = try options.global.unlock()
        defer { vault.lock() }
        guard Permission.allows(Set(vault.roles), action) else {
            throw CLIError.notAllowed(Permission.refusal(action).text(language))
        }
        let pool = try vault.makePool()
        defer { try? pool.close() }
        let store = try Store(writer: pool)
        let report = try read(store)
        for problem in report.problems { FileHandle.standardError.write(Data((problem.text(language) + "\n").utf8)) }
        if !report.errors.isEmpty && (!options.skipInvalid || report.values.isEmpty) {
            throw CLIError.importRejected(errors: report.errors.count, rows: report.rejectedRows)
        }
        var summary = try save(store, report, StaffID(vault.account), LocalDateTime(Date(), in: store.timeZone))
        if report.rejectedRows > 0 {
            summary += Text.pick(" Skipped \(report.rejectedRows) rows with errors.", "跳过有错误的 \(report.rejectedRows) 行。")
        }
        print(summary)
    }
}
