import ArgumentParser
import Counseling
import Foundation

/// `xindesk-district report --period P [--out FILE.html|.csv]`: every
/// school side by side, the schools that sent nothing and the outliers;
/// A4 HTML (inline SVG, no script) or CSV into a new file, else a table
/// on stdout.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Every school's figures of a term side by side (stdout, .html or .csv).")
    @OptionGroup var common: CommonOptions
    @Option(help: "The district's PostgreSQL.") var pg: String
    @Option(help: "The term: 2026-autumn or 2027-spring.") var period: String
    @Option(help: "Write an A4 HTML document (.html) or a spreadsheet (.csv) to this new file.") var out: String?

    func run() async throws {
        let period = try TermPeriod(period)
        if let out {
            let lower = out.lowercased()
            guard lower.hasSuffix(".html") || lower.hasSuffix(".csv") else { throw DistrictError.outputKind(out) }
            // Before any query: a report never replaces a file.
            if FileManager.default.fileExists(atPath: out) { throw DistrictError.outputExists(out) }
        }
        let report = try await DistrictDatabase.with(pg) { db in
            try await db.requireCurrentSchema()
            return try await DistrictReport.load(db, period: period)
        }
        let L = Output.language
        guard let out else {
            for line in ReportText.lines(report, L) { Output.line(line) }
            return
        }
        let text = out.lowercased().hasSuffix(".csv") ? ReportCSV.text(report) : ReportHTML.document(report, L)
        try OutputFile.write(text, to: out)
        Output.line(LocalizedText(zh: "已写入 \(out)（\(report.sent.count) 所学校已报送，\(report.silent.count) 所未报送）。",
                                  en: "Wrote \(out) (\(report.sent.count) schools sent, \(report.silent.count) sent nothing)."))
    }
}
