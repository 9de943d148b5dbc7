import ArgumentParser
import Counseling
import Foundation
import Store

/// `xindesk export students FILE.csv`: the roster back out, in the columns
/// the student import reads (Chinese headers, UTF-8 with BOM so Excel and
/// WPS open it as Unicode). The file is written 0600 and never over an
/// existing one: it holds personal data.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export data to CSV.", subcommands: [Students.self])

    struct Students: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the student roster (no clinical data).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file to write.") var file: String

        func run() throws {
            try StoreSession.run(global, reading: .exportStudents) { session in
                let students = try session.store.allStudents()
                try StudentCSV.write(students, to: file)
                try session.execute(.recordExport(.studentsCSV, detail: "\(students.count) students"))
                return [LocalizedText(zh: "已导出 \(students.count) 名学生到 \(file)。", en: "Exported \(students.count) students to \(file).").text(Text.language)]
            }
        }
    }
}
