import ArgumentParser
import Counseling
import DistrictBundle
import Foundation
import PostgresNIO
import Terminal

/// `xindesk-district`: the education bureau's side of district reports.
/// Schools send signed, sealed term bundles of counts; this program checks
/// and stores them in the bureau's PostgreSQL and sets every school side by
/// side. It never links the school's store, vault or screen.
@main
struct DistrictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xindesk-district",
        abstract: "The education bureau's district reports on PostgreSQL (区教育局汇总).",
        discussion: """
        Exit codes: 0 ok, 1 other error, 3 a bundle was refused, 4 the database schema is missing, \
        older or newer than this program, 5 cannot reach PostgreSQL.
        """,
        subcommands: [InitCommand.self, SchoolCommand.self, IngestCommand.self, ReportCommand.self, BenchCommand.self])

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: translate(error))
        }
    }

    /// Prints a district error in the chosen language with its detail, and
    /// returns the exit code; anything else goes to ArgumentParser.
    static func translate(_ error: Error) -> Error {
        func say(_ s: String) { FileHandle.standardError.write(Data((Sanitizer.multiLine(s) + "\n").utf8)) }
        let L = Output.language
        switch error {
        case let e as DistrictError:
            say(e.message.text(L))
            say(LocalizedText(zh: "详情：", en: "detail: ").text(L) + e.detail)
            return ExitCode(e.exitCode)
        case let e as DistrictBundleError:
            say(BundleRefusalText.text(e).text(L))
            say(LocalizedText(zh: "详情：", en: "detail: ").text(L) + "\(e)")
            return ExitCode(1)
        case let e as PSQLError:
            // PSQLError's description hides the server's message on purpose;
            // this is the operator's own terminal, so show what it said.
            say(LocalizedText(zh: "PostgreSQL 拒绝了这个操作。", en: "PostgreSQL refused the operation.").text(L))
            say(LocalizedText(zh: "详情：", en: "detail: ").text(L) + String(reflecting: e))
            return ExitCode(1)
        default:
            return error
        }
    }
}

/// `--lang` and `--pg`, which every command takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "zh or en: the language of messages (default: LANG).")
    var lang: String?

    func validate() throws {
        if let lang {
            guard let language = Output.parse(lang) else {
                throw ValidationError(LocalizedText(zh: "--lang 只能是 zh（中文）或 en（英文），不是“\(Sanitizer.oneLine(lang))”。",
                                                    en: "--lang is zh (Chinese) or en (English), not \"\(Sanitizer.oneLine(lang))\".").text(Output.language))
            }
            Output.choose(language)
        }
    }
}

/// The language of everything printed, and printing itself. Strings that
/// came from a bundle or the database pass the sanitizer on their way out.
enum Output {
    static var language: Language { chosen ?? environment }

    /// Set once by `--lang` while the command line is parsed, before any
    /// task runs (hence no lock).
    nonisolated(unsafe) private static var chosen: Language?

    static func choose(_ language: Language) { chosen = language }

    static func parse(_ text: String) -> Language? {
        switch text.lowercased() {
        case "zh", "zh-hans", "zh_cn", "zh-cn": .zhHans
        case "en": .en
        default: nil
        }
    }

    private static let environment: Language = {
        let env = ProcessInfo.processInfo.environment
        let lang = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return lang.hasPrefix("zh") ? .zhHans : .en
    }()

    static func line(_ text: String) { print(Sanitizer.oneLine(text)) }
    static func line(_ text: LocalizedText) { line(text.text(language)) }
}
