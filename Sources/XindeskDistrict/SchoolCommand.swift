import ArgumentParser
import Counseling
import DistrictBundle
import Terminal

/// `xindesk-district school add NAME --key FINGERPRINT`, `school list`.
struct SchoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "school", abstract: "Register schools and list them.",
        subcommands: [SchoolAddCommand.self, SchoolListCommand.self])
}

struct SchoolAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a school with the fingerprint its `xindesk district fingerprint` shows.")
    @OptionGroup var common: CommonOptions
    @Option(help: "The district's PostgreSQL.") var pg: String
    @Argument(help: "The school's name, as the bureau writes it.") var name: String
    @Option(help: "The school's reporting-key fingerprint.") var key: String

    func run() async throws {
        guard let fingerprint = KeyFingerprint(parsing: key) else { throw DistrictError.badFingerprint(Sanitizer.oneLine(key)) }
        try await DistrictDatabase.with(pg) { db in
            try await db.requireCurrentSchema()
            let school = try await Schools.add(db, name: name, fingerprint: fingerprint.description)
            Output.line(LocalizedText(zh: "已登记“\(school.name)”，指纹 \(school.fingerprint)。",
                                      en: "Registered \"\(school.name)\", fingerprint \(school.fingerprint)."))
        }
    }
}

struct SchoolListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The registered schools and their fingerprints.")
    @OptionGroup var common: CommonOptions
    @Option(help: "The district's PostgreSQL.") var pg: String

    func run() async throws {
        try await DistrictDatabase.with(pg) { db in
            try await db.requireCurrentSchema()
            let schools = try await Schools.list(db)
            Output.line(LocalizedText(zh: "已登记 \(schools.count) 所学校：", en: "\(schools.count) registered school(s):"))
            let width = min(40, schools.map { TextWidth.of(Sanitizer.oneLine($0.name)) }.max() ?? 0) + 2
            for school in schools {
                Output.line("  " + TextWidth.pad(TextWidth.clip(Sanitizer.oneLine(school.name), to: width - 2), to: width) + school.fingerprint)
            }
        }
    }
}
