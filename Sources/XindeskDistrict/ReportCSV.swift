import Counseling
import Foundation
import Terminal

/// The report as CSV for a spreadsheet: one row a registered school,
/// column names in English (stable for formulas), the figures as the
/// school's statistics write them (`<5` for 1 to 4, `needs-clinical-key`
/// for a figure the exporting account could not count).
enum ReportCSV {
    static let header = ["school", "fingerprint", "sent", "first_day", "last_day", "exported_at",
                         "weeks_met", "weeks_not_met", "weeks_incomplete", "violations", "visits",
                         "screening_eligible", "screened", "watch1_end", "watch2_end", "watch3_end",
                         "referrals", "referrals_feedback"]
        + ReportColumns.roles.map { "staff_" + $0 } + ["duty_minutes", "outliers"]

    static func text(_ report: DistrictReport) -> String {
        var lines = [header.joined(separator: ",")]
        for r in report.rows {
            var cells = [r.school.name, r.school.fingerprint]
            if let f = r.bundle {
                func show(_ key: StatisticsKey) -> String { f.figure(key).map(value) ?? "" }
                cells += ["yes", f.firstDay, f.lastDay, BundleTime.text(f.exportedAt)]
                cells += [show(.weeksMet), show(.weeksNotMet), show(.weeksIncomplete),
                          f.sum(prefix: "compliance.violations.").map(String.init) ?? "", show(.visits),
                          show(.screeningEligible), show(.screened),
                          show(.levelAtEnd(.general)), show(.levelAtEnd(.severe)), show(.levelAtEnd(.major)),
                          show(.referrals), show(.referralsWithFeedback)]
                cells += ReportColumns.roles.map { String(f.staffing.accountsByRole[$0] ?? 0) }
                cells += [String(f.staffing.dutyMinutes),
                          DistrictReport.outliers(f).map { $0.displayName.en }.joined(separator: "; ")]
            } else {
                cells += ["no"] + Array(repeating: "", count: header.count - 3)
            }
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A figure as a spreadsheet cell: the count, `<5`, or the name of the
    /// key the school's exporter lacked (`needs-clinical-key`), never a 0.
    static func value(_ figure: Figure) -> String {
        switch figure {
        case .count(let n): String(n)
        case .fewerThanFive: "<5"
        case .needs: figure.canonical
        }
    }

    /// One field: sanitized, quoted when it holds a comma, a quote or a line
    /// break, and a leading = + - @ neutralised so a spreadsheet never runs
    /// a school's name as a formula.
    static func field(_ value: String) -> String {
        var text = Sanitizer.oneLine(value)
        if let first = text.first, "=+-@".contains(first), Int(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
