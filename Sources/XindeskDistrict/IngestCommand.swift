import ArgumentParser
import Counseling
import DistrictBundle
import Foundation

/// `xindesk-district ingest --key FILE FILE…|DIR`: each bundle opened with
/// the district key, its signature checked against the key registered for
/// the school, and stored; a refusal names its reason, and the others are
/// still handled. Exit 3 when any was refused.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Check and store schools' bundles (files, or directories of them).")
    @OptionGroup var common: CommonOptions
    @Option(help: "The district's PostgreSQL.") var pg: String
    @Option(help: "The district's secret key file.") var key: String
    @Argument(help: "Bundle files, or directories holding them.") var paths: [String]

    func run() async throws {
        let files = try Ingest.files(paths)
        guard !files.isEmpty else { throw DistrictError.nothingToIngest }
        let refused = try await DistrictDatabase.with(pg) { db in
            try await db.requireCurrentSchema()
            let ingest = Ingest(db: db, district: try await DistrictKey.load(db, path: key))
            var counts = [0, 0, 0, 0]
            for file in files {
                let outcome = try await ingest.ingest(file: file)
                Output.line(file + ": " + IngestCommand.text(outcome).text(Output.language))
                switch outcome {
                case .stored: counts[0] += 1
                case .replaced: counts[1] += 1
                case .unchanged: counts[2] += 1
                case .refused(let refusal):
                    counts[3] += 1
                    Output.line("  " + LocalizedText(zh: "详情：", en: "detail: ").text(Output.language) + BundleRefusalText.detail(refusal))
                }
            }
            Output.line(LocalizedText(zh: "新收 \(counts[0])，更新 \(counts[1])，未变 \(counts[2])，拒收 \(counts[3])。",
                                      en: "\(counts[0]) stored, \(counts[1]) replaced, \(counts[2]) unchanged, \(counts[3]) refused."))
            return counts[3]
        }
        if refused > 0 { throw DistrictError.refused(refused) }
    }

    static func text(_ outcome: IngestOutcome) -> LocalizedText {
        switch outcome {
        case .stored(let school, let period):
            LocalizedText(zh: "已收：“\(school)”\(period)", en: "stored: \"\(school)\" \(period)")
        case .replaced(let school, let period):
            LocalizedText(zh: "已更新：“\(school)”\(period)（替换较旧的一份）", en: "replaced: \"\(school)\" \(period) (an older export)")
        case .unchanged(let school, let period):
            LocalizedText(zh: "未变：“\(school)”\(period) 已收过同一份", en: "unchanged: \"\(school)\" \(period) was already stored")
        case .refused(let refusal):
            LocalizedText(zh: "拒收：", en: "refused: ") + BundleRefusalText.text(refusal)
        }
    }
}

extension LocalizedText {
    static func + (a: LocalizedText, b: LocalizedText) -> LocalizedText { LocalizedText(zh: a.zh + b.zh, en: a.en + b.en) }
}
