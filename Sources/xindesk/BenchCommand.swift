import ArgumentParser
import Counseling
import Foundation
import Terminal

/// `xindesk bench …`: benchmarks that print figures. Speed targets are
/// measured here, never by timed unit tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark and print its figures.",
        subcommands: [Store.self, Render.self, App.self])

    /// The root's options reach every command; a benchmark opens no database.
    @OptionGroup(visibility: .private) var global: GlobalOptions

    func validate() throws {
        try global.refuse([.db, .user, .passphraseFile], in: "bench", because: LocalizedText(
            zh: "基准测试自己生成数据，不打开数据库。", en: "a benchmark generates its own data and opens no database."))
    }

    struct App: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlock-to-first-frame and keystroke-to-frame times on a 10,000-student database.")
        @Option(help: "Students in the generated school.") var students = 10_000
        @Option(help: "Keystrokes to time.") var keystrokes = 400

        func run() throws {
            print(try AppBenchmark(students: students, keystrokes: keystrokes).run())
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render and diff full frames of mixed Chinese and Latin text (target: under 1 ms a frame).")
        @Option(help: "Frame width.") var width = 200
        @Option(help: "Frame height.") var height = 60
        @Option(help: "Frames to render.") var frames = 1000

        func run() throws {
            print(RenderBenchmark.run(width: width, height: height, frames: frames))
        }
    }

    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plain SQLite against the encrypted store, same workload, same run.")
        @Option(help: "Rows in the bulk insert.") var rows = 100_000
        @Option(help: "Point reads.") var reads = 10_000
        @Option(help: "Repetitions of each measurement (the median is shown).") var repeats = 5

        func run() throws {
            let report = try StoreBenchmark(rows: rows, reads: reads, repeats: repeats).run()
            print(report)
        }
    }
}
