import ArgumentParser

@main
struct XindeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xindesk",
        abstract: "The counseling-room workstation (心理辅导室工作台).",
        discussion: """
        Every student record lives in one encrypted database. Exit codes: 0 ok, 1 other error, \
        \(ExitCode.validationFailure.rawValue) bad arguments, 10 database missing, \
        12 wrong passphrase or unknown account, 13 database tampered or damaged.
        """,
        subcommands: [OpenCommand.self, DemoCommand.self, InitCommand.self, SchoolCommand.self, ImportCommand.self, ExportCommand.self,
                      ReportCommand.self, StatsCommand.self, RosterCommand.self, StudentsCommand.self, UserCommand.self, CheckCommand.self, BackupCommand.self, BenchCommand.self,
                      PrintCommand.self,
                      // District reports (issue 20).
                      DistrictCommand.self],
        defaultSubcommand: OpenCommand.self)

    /// `--db`, `--user`, `--passphrase-file` and `--lang`, before or after
    /// the subcommand (see `GlobalOptions`).
    @OptionGroup var global: GlobalOptions

    /// Decoded before any subcommand: what is printed from here on follows --lang.
    func validate() throws {
        Text.choose(global.language)
    }

    static func main() {
        ProcessHardening.apply()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: CLIError.translate(error))
        }
    }
}
