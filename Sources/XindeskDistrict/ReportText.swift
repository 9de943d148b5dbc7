import Counseling
import Terminal

/// The report as lines for a terminal: names pass the sanitizer and are
/// clipped to their column, so a hostile or long name cannot break the table.
enum ReportText {
    static func lines(_ report: DistrictReport, _ L: Language) -> [String] {
        func t(_ zh: String, _ en: String) -> String { LocalizedText(zh: zh, en: en).text(L) }
        var lines = [t("区心理辅导室工作汇总 \(report.period)：登记 \(report.rows.count) 所，已报送 \(report.sent.count) 所",
                       "District counseling-room summary \(report.period): \(report.rows.count) registered, \(report.sent.count) sent")]
        lines.append(t("（只有人数和次数；1 至 4 显示为 <5）", "(counts only; 1 to 4 shown as <5)"))
        let widths = [24, 10, 11, 7, 20, 15, 18, 17, 11]
        func row(_ cells: [String]) -> String {
            zip(cells, widths).map { TextWidth.pad(TextWidth.clip(Sanitizer.oneLine($0), to: $1 - 1), to: $1) }.joined()
        }
        lines.append(row(ReportColumns.headers.map { $0.text(L) }))
        for r in report.sent {
            lines.append(row([r.school.name] + ReportColumns.cells(r.bundle!, L)))
        }
        lines.append("")
        let silent = report.silent
        lines.append(t("未报送（\(silent.count)）：", "Sent nothing (\(silent.count)):"))
        for school in silent { lines.append("  " + Sanitizer.oneLine(school.name)) }
        lines.append("")
        let outliers = report.sent.flatMap { r in DistrictReport.outliers(r.bundle!).map { (r.school.name, $0) } }
        lines.append(t("需要关注（\(outliers.count)）：", "Worth a look (\(outliers.count)):"))
        for (name, outlier) in outliers { lines.append("  " + Sanitizer.oneLine(name) + t("：", ": ") + outlier.displayName.text(L)) }
        return lines
    }
}
