import ArgumentParser
import Counseling
import DistrictBundle
import Foundation

/// `xindesk-district bench --pg URL`: the scale a district reaches, timed.
/// Generates SCHOOLS schools × two terms of bundles (signed and sealed like
/// real ones, written as files), registers the schools in an empty
/// database, ingests every file through the same code as `ingest`, then
/// makes the report of one term (read from PostgreSQL and rendered as
/// HTML). Prints the times; the README quotes them.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time ingest and report at district scale (needs an empty database).")
    @OptionGroup var common: CommonOptions
    @Option(help: "An empty PostgreSQL database for the benchmark.") var pg: String
    @Option(help: "How many schools (Anshan's bureau reports on 339).") var schools = 339
    @Option(help: "A seed for the generated figures.") var seed: UInt64 = 20

    func validate() throws {
        guard (1...100_000).contains(schools) else { throw ValidationError("--schools is 1 to 100000") }
    }

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-district-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let periods = [BundlePeriod(year: 2026, season: .spring), BundlePeriod(year: 2026, season: .autumn)]

        try await DistrictDatabase.with(pg) { db in
            _ = try await Migrations.migrate(db)
            guard try await Schools.list(db).isEmpty, try await DistrictKey.recorded(db) == nil else {
                throw DistrictError.benchNeedsEmptyDatabase
            }
            let (district, _) = try await DistrictKey.setUp(db, path: dir + "/district.key")

            let clock = ContinuousClock()
            var generator = BenchBundles(seed: seed)
            let generated = try await clock.measure {
                for i in 0..<schools {
                    let key = SchoolSigningKey()
                    _ = try await Schools.add(db, name: String(format: "Bench school %05d", i + 1), fingerprint: key.fingerprint.description)
                    for (p, period) in periods.enumerated() {
                        let content = generator.content(school: key, district: district.publicKey, period: period, sequence: Int64(10 + p))
                        let file = dir + String(format: "/%05d-%@.xdb", i + 1, period.description)
                        try OutputFile.write(data: try SealedBundle.seal(content, signer: key, to: district.publicKey), to: file)
                    }
                }
            }
            let files = try Ingest.files([dir]).filter { $0.hasSuffix(".xdb") }
            let ingest = Ingest(db: db, district: district)
            var stored = 0
            let ingested = try await clock.measure {
                for file in files {
                    if case .stored = try await ingest.ingest(file: file) { stored += 1 }
                }
            }
            guard stored == files.count else { throw DistrictError.benchIngestIncomplete(stored: stored, files: files.count) }
            var html = ""
            let reported = try await clock.measure {
                let report = try await DistrictReport.load(db, period: try TermPeriod(periods[1].description))
                html = ReportHTML.document(report, Output.language)
            }
            func seconds(_ d: Duration) -> String { String(format: "%.2f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
            func ms(_ d: Duration) -> String { String(format: "%.0f ms", (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000) }
            Output.line(LocalizedText(zh: "生成并登记 \(schools) 所学校 × 2 个学期的报送文件：\(seconds(generated))",
                                      en: "generated and registered \(schools) schools × 2 terms of bundles: \(seconds(generated))"))
            Output.line(LocalizedText(zh: "导入 \(files.count) 份报送文件：\(seconds(ingested))（目标 ≤ 30 s）",
                                      en: "ingest of \(files.count) bundles: \(seconds(ingested)) (target ≤ 30 s)"))
            Output.line(LocalizedText(zh: "\(periods[1]) 的汇总报表（\(schools) 所学校，HTML \(html.utf8.count / 1024) KB）：\(ms(reported))（目标 ≤ 1 s）",
                                      en: "report of \(periods[1]) (\(schools) schools, HTML \(html.utf8.count / 1024) KB): \(ms(reported)) (target ≤ 1 s)"))
        }
    }
}
