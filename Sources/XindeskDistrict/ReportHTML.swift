import Counseling
import Foundation

/// The report as an A4 document like the school's own statistics: a
/// header, every school side by side, how many schools met how much of
/// their weeks as an inline SVG chart, the schools that sent nothing and
/// the outliers. No script, no link, no external resource (the content
/// security policy says so too); every text is escaped.
enum ReportHTML {
    static func document(_ report: DistrictReport, _ L: Language, now: Date = Date()) -> String {
        func t(_ zh: String, _ en: String) -> String { LocalizedText(zh: zh, en: en).text(L) }
        let title = t("区心理辅导室工作汇总", "District counseling-room summary") + " " + report.period.description
        var body: [String] = []
        body.append(HTML.element("h1", title))
        body.append(HTML.element("p", class: "meta", children: [
            HTML.element("span", t("登记学校 \(report.rows.count) 所，已报送 \(report.sent.count) 所，未报送 \(report.silent.count) 所",
                                   "\(report.rows.count) schools registered, \(report.sent.count) sent, \(report.silent.count) sent nothing")),
            HTML.element("span", t("生成于 ", "Made ") + BundleTime.text(now)),
        ]))
        body.append(HTML.element("p", class: "note", t(
            "只含各校报送的人数和次数，不含任何学生的姓名、学号或记录内容；1 至 4 的学生人数或人次显示为“<5”。",
            "Only the counts each school sent: no student's name, number or record text; counts of 1 to 4 students or events are shown as \"<5\".")))

        body.append(HTML.element("h2", t("各校情况", "Schools side by side")))
        let rows = report.sent.map { [$0.school.name] + ReportColumns.cells($0.bundle!, L) }
        body.append(rows.isEmpty ? HTML.element("p", class: "empty", t("还没有学校报送。", "No school has sent its figures yet."))
                                 : HTML.table(ReportColumns.headers.map { $0.text(L) }, rows))

        body.append(HTML.element("h2", t("达标周占比", "Share of weeks met")))
        body.append(HTML.element("div", class: "chart", children: [chart(report, L)]))

        body.append(HTML.element("h2", t("未报送的学校", "Schools that sent nothing")))
        let silent = report.silent
        body.append(silent.isEmpty ? HTML.element("p", class: "empty", t("无。", "None."))
                                   : HTML.table([t("学校", "School"), t("指纹", "Fingerprint")], silent.map { [$0.name, $0.fingerprint] }))

        body.append(HTML.element("h2", t("需要关注", "Worth a look")))
        let outliers = report.sent.flatMap { r in DistrictReport.outliers(r.bundle!).map { [r.school.name, $0.displayName.text(L)] } }
        body.append(outliers.isEmpty ? HTML.element("p", class: "empty", t("无。", "None."))
                                     : HTML.table([t("学校", "School"), t("情况", "What stands out")], outliers))

        return """
        <!DOCTYPE html>
        <html lang="\(L == .en ? "en" : "zh-Hans")"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(HTML.escape(title))</title><style>\(style(L))</style></head>
        <body>\(body.joined(separator: "\n"))</body></html>

        """
    }

    /// Schools by the share of their finished weeks that met the opening
    /// rule, in tenths (the last bar: 100%), as bars with their counts.
    static func chart(_ report: DistrictReport, _ L: Language) -> String {
        var buckets = Array(repeating: 0, count: 11)
        for r in report.sent {
            guard let f = r.bundle, case .count(let met)? = f.figure(.weeksMet), case .count(let notMet)? = f.figure(.weeksNotMet),
                  met + notMet > 0 else { continue }
            buckets[met * 10 / (met + notMet)] += 1
        }
        let labels = (0..<10).map { "\($0 * 10)–\($0 * 10 + 9)%" } + ["100%"]
        let barWidth = 44, height = 120, top = 14, left = 4
        let most = max(1, buckets.max() ?? 1)
        // Drawn 1.5 times its coordinates, like the school's heatmap: labels stay legible on paper.
        var svg = "<svg width=\"\((left + labels.count * barWidth + 4) * 3 / 2)\" height=\"\((top + height + 30) * 3 / 2)\" "
            + "viewBox=\"0 0 \(left + labels.count * barWidth + 4) \(top + height + 30)\" role=\"img\" aria-label=\""
            + HTML.escape(LocalizedText(zh: "达标周占比分布", en: "Schools by share of weeks met").text(L)) + "\">"
        for (i, count) in buckets.enumerated() {
            let h = count * height / most
            let x = left + i * barWidth
            svg += "<rect x=\"\(x + 4)\" y=\"\(top + height - h)\" width=\"\(barWidth - 8)\" height=\"\(h)\" fill=\"#3a7d44\"/>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + height - h - 3)\" font-size=\"9\" text-anchor=\"middle\">\(count)</text>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + height + 12)\" font-size=\"8\" text-anchor=\"middle\">\(HTML.escape(labels[i]))</text>"
        }
        svg += "<text x=\"\(left)\" y=\"\(top + height + 26)\" font-size=\"8\">"
            + HTML.escape(LocalizedText(zh: "纵轴：学校数；横轴：已结束的周中达标的比例",
                                        en: "Up: number of schools; across: share of finished weeks that met the rule").text(L)) + "</text>"
        return svg + "</svg>"
    }

    /// The school's print stylesheet, in landscape: the table is wide.
    static func style(_ L: Language) -> String {
        let pageNumber = L == .en ? "\"page \" counter(page) \" of \" counter(pages)"
                                  : "\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""
        return """
        @page { size: A4 landscape; margin: 14mm 12mm 16mm 12mm;
          @bottom-center { content: \(pageNumber); font-size: 9pt; } }
        html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt; color: #000; }
        body { margin: 0; }
        h1 { font-size: 16pt; text-align: center; margin: 2mm 0; }
        h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
        p.meta { font-size: 9pt; margin: 0; display: flex; justify-content: space-between; }
        p.note { font-size: 9pt; }
        table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
        th, td { border: 0.6pt solid #000; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
        th { background: #eee; font-weight: bold; }
        table.register { font-size: 9pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .chart { break-inside: avoid; }
        .empty { font-style: italic; }
        """
    }
}
