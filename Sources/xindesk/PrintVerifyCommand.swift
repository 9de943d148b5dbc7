import ArgumentParser
import Counseling
import Foundation
import Store

/// `xindesk print verify FILE`: a printed statistics document (or the
/// output of `xindesk stats`) counted again from the database.
struct PrintVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Count a printed statistics file's figures again from the database and say whether they match.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The printed statistics (FILE.html from `xindesk print statistics`, or the output of `xindesk stats`).") var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.unreadableFile(file) }
        let embedded = try EmbeddedStatistics(canonicalText: String(decoding: data, as: UTF8.self))
        var passes = false
        try StoreSession.run(global, reading: .readComplianceReport) { session in
            let result = try session.store.verifyStatistics(embedded, fileID: session.vault.fileID)
            passes = result.passes
            return StatsText.verification(result, session.language)
        }
        if !passes { throw ExitCode(1) }
    }
}
