import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal

/// `xindesk report screening`: the school year's campaigns per class, the
/// grades that must be screened, and (for a counselor) who was not
/// screened, who must re-test and which proposals wait.
struct ScreeningReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening", abstract: "Screening coverage and outcomes of a school year, per campaign and class (heads: counts; counselors: also names).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The school year by the year it starts, e.g. 2026 for 2026–2027 (default: the current one).") var year: Int?

    func run() throws {
        try StoreSession.run(global, reading: .readKeyAttentionList) { session in
            let L = session.language
            let year = self.year.map(SchoolYear.init(startYear:)) ?? SchoolYear(of: session.now.day)
            let report = try session.store.screeningReport(year: year)
            return ScreeningReportText.lines(report, L)
        }
    }
}

/// The report as text lines (names through the sanitizer).
enum ScreeningReportText {
    static func lines(_ report: ScreeningReport, _ L: Language) -> [String] {
        func t(_ zh: String, _ en: String) -> String { LocalizedText(zh: zh, en: en).text(L) }
        var lines = [t("心理测评报告 \(report.year) 学年", "Screening report, school year \(report.year)")]
        if report.sections.isEmpty { lines.append(t("本学年还没有测评批次。", "No screening campaign this school year.")) }
        let header = [t("班级", "class"), t("在册", "enrolled"), t("已测", "screened"), t("未测", "not screened"), t("无效", "invalid"),
                      t("提示", "flagged"), t("已确认", "confirmed"), t("已排除", "dismissed"), t("待处理", "pending")]
        let widths = [14, 9, 9, 13, 8, 8, 10, 10, 8]
        func row(_ cells: [String]) -> String { zip(cells, widths).map { TextWidth.pad($0, to: $1) }.joined() }
        for section in report.sections {
            let c = section.campaign
            lines.append("")
            lines.append(Sanitizer.oneLine("\(c.name) · \(c.firstDay)–\(c.lastDay) · \(c.instruments.map { $0.displayName.text(L) }.joined(separator: ", "))"))
            lines.append("  " + Sanitizer.oneLine(t("版本：", "version: ") + c.versions.joined(separator: "; ")))
            if !c.consent.isEmpty { lines.append("  " + Sanitizer.oneLine(t("知情同意：", "consent: ") + c.consent)) }
            lines.append(row(header))
            for r in section.rows {
                let x = r.tally
                lines.append(row([Sanitizer.oneLine(x.classRef.className), "\(r.enrolled)", "\(x.screened)", "\(r.notScreened)", "\(x.invalid)",
                                  "\(x.flagged)", "\(x.confirmed)", "\(x.dismissed)", "\(x.pending)"]))
            }
            let x = section.total
            lines.append(row([t("合计", "total"), "\(section.rows.reduce(0) { $0 + $1.enrolled })", "\(x.screened)",
                              "\(section.rows.reduce(0) { $0 + $1.notScreened })", "\(x.invalid)", "\(x.flagged)", "\(x.confirmed)",
                              "\(x.dismissed)", "\(x.pending)"]))
            if let pending = section.pending, !pending.isEmpty {
                lines.append(t("待处理的建议（紧急在前）：", "Proposals to decide (urgent first):"))
                for (student, proposal) in pending {
                    lines.append("  " + (proposal.urgent ? t("【紧急】", "[URGENT] ") : "") + Sanitizer.oneLine("\(student.number) \(student.name) \(student.className)"))
                }
            }
            if let retests = section.retests, !retests.isEmpty {
                lines.append(t("需重测（问卷无效）：", "To re-test (invalid questionnaire):"))
                for (student, result) in retests {
                    lines.append("  " + Sanitizer.oneLine("\(student.number) \(student.name) \(student.className)  \(result.invalid?.text(L) ?? "")"))
                }
            }
            if let missing = section.notScreened, !missing.isEmpty {
                lines.append(t("未测评的学生（缺测或新生）：", "Students not screened (absent or new):"))
                for student in missing { lines.append("  " + Sanitizer.oneLine("\(student.number) \(student.name) \(student.className)")) }
            }
        }
        lines.append("")
        lines.append(t("每学年须测评的年级（小学四年级起，000、001）：", "Grades to screen every school year (from primary grade 4 on; 000, 001):"))
        for g in report.coverage {
            let name = Grade.displayName(g.grade, stage: g.stage).text(L)
            lines.append(g.isCovered
                ? "  ✓ " + t("\(name)：已测 \(g.screened)/\(g.enrolled)", "\(name): screened \(g.screened) of \(g.enrolled)")
                : "  ✗ " + t("\(name)：本学年尚未测评", "\(name): not screened this school year"))
        }
        return lines
    }
}
