import ArgumentParser
import Counseling
import Foundation

/// `xindesk bench …`: benchmarks that print figures. Speed targets are
/// measured here, never by timed unit tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Run a benchmark and print its figures.",
        subcommands: [Store.self, Render.self, App.self, FirstFrame.self])

    /// The root's options reach every command; a benchmark opens no database.
    @OptionGroup(visibility: .private) var global: GlobalOptions

    func validate() throws {
        try global.refuse([.db, .user, .passphraseFile], in: "bench", because: LocalizedText(
            zh: "基准测试自己生成数据，不打开数据库。", en: "a benchmark generates its own data and opens no database."))
    }

    struct App: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue 19's figures on a generated school: first frame, keystrokes, import, report, check, peak memory.")
        @Option(help: "Students in the generated school (the targets are those for 10,000 up to 10,000, else for 100,000).")
        var students = 10_000
        @Option(help: "Keystrokes to time.") var keystrokes = 800

        func run() throws {
            print(try AppBenchmark(students: students, keystrokes: keystrokes).run())
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render and diff the app's own frame, loaded from a generated school (target: 1 ms a frame).")
        @Option(help: "Students in the generated school.") var students = 10_000
        @Option(help: "Frame width.") var width = 200
        @Option(help: "Frame height.") var height = 60
        @Option(help: "Frames to render.") var frames = 1000

        func run() throws {
            print(try RenderBenchmark(students: students, width: width, height: height, frames: frames).run())
        }
    }

    /// `bench app`'s child for the peak memory: unlock the benchmark's
    /// school, load it and draw the first frame, then close cleanly; the
    /// parent reads the child's VmHWM from wait4. The key derivation alone
    /// takes Argon2id's memory (64 MiB at the `interactive` cost), so the
    /// child also prints, in KiB, its peak from after the unlock to the
    /// frame (Linux: the peak is reset through /proc/self/clear_refs).
    struct FirstFrame: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "first-frame", abstract: "Unlock a benchmark's school and draw the first frame (run by bench app).",
            shouldDisplay: false)
        @Argument(help: "The benchmark's database.") var database: String

        func run() throws {
            let vault = try BenchSchool.unlock(database)
            defer { vault.lock() }
            let reset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
            let first = try BenchSchool.firstFrame(vault, now: LocalDateTime(Date(), in: BenchSchool.zone))
            if reset, let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
                print(line.split(separator: " ").dropFirst().first ?? "")
            }
            try first.store.close(vault: vault)
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
