import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal
import Workstation

/// `xindesk report …`: what the head of guidance and the counselor check,
/// printed as text tables. Names pass through the Terminal sanitizer.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print the compliance or key-attention report.",
        subcommands: [ComplianceReportCommand.self, KeyAttentionReportCommand.self, ScreeningReportCommand.self])
}

struct ComplianceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance", abstract: "Opening-hour compliance per week, with every violation and its date.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "First day (YYYY-MM-DD; default: the start of the current term).") var from: String?
    @Option(help: "Last day (YYYY-MM-DD; default: today).") var to: String?

    func run() throws {
        try StoreSession.run(global, reading: .readComplianceReport) { session in
            let store = session.store, now = session.now, language = session.language
            let calendar = try store.calendar()
            let first = try from.map { try Day.parse($0, field: .date) } ?? calendar.term(containing: now.day)?.first ?? now.day.adding(days: -27)
            let last = try to.map { try Day.parse($0, field: .date) } ?? now.day
            let policy = try store.openingPolicy(profile: try Config.loadForCommand().openingProfile)
            let report = try store.compliance(from: first, through: last, now: now, policy: policy)
            var lines = [LocalizedText(zh: "心理辅导室开放合规报告 \(report.first) 至 \(last)（\(policy.profile.displayName.zh)）",
                                       en: "Counseling-room opening compliance \(report.first) to \(last) (\(policy.profile.displayName.en))").text(language)]
            // Where it starts and what the calendar does not cover, before any figure.
            lines += report.caveats.map { "! " + Sanitizer.oneLine($0.text(language)) }
            let header = [LocalizedText(zh: "周一", en: "week of"), LocalizedText(zh: "上学日", en: "school days"),
                          report.weeks.first?.unit ?? LocalizedText(zh: "学时", en: "class hours"), LocalizedText(zh: "要求", en: "required"),
                          LocalizedText(zh: "结果", en: "result")].map { $0.text(language) }
            let widths = [12, 12, 12, 10, 14]
            lines.append(zip(header, widths).map { TextWidth.pad($0, to: $1) }.joined())
            for week in report.weeks {
                let hours = ClassHours.week(week)
                lines.append(zip(["\(week.monday)", "\(week.evaluatedDays)/\(week.schoolDays)", hours.open,
                                  hours.required ?? "-", week.result.text(language)], widths).map { TextWidth.pad($0, to: $1) }.joined())
            }
            lines.append("")
            lines.append(LocalizedText(zh: "违规 \(report.violations.count) 项：", en: "\(report.violations.count) violations:").text(language))
            let names = Dictionary(try store.staff().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            func name(_ id: StaffID) -> String { names[id] ?? id.rawValue }
            for v in report.violations {
                lines.append("  \(v.day)  " + Sanitizer.oneLine(v.reason.text(language)))
                // Beside the violation, never instead of it.
                if let note = report.note(for: v) {
                    lines.append("              " + Sanitizer.oneLine(DutyAfterwardsText.note(note, by: name(note.by)).text(language)))
                }
            }
            let amended = report.amendedCheckIns
            if !amended.isEmpty {
                lines.append("")
                lines.append(DutyAfterwardsText.heading(amended.count).text(language))
                for c in amended {
                    let text = DutyAfterwardsText.checkIn(c, person: name(c.person), by: c.amendment.map { name($0.by) } ?? "")
                    lines.append("  " + Sanitizer.oneLine(text.text(language)))
                }
            }
            return lines
        }
    }
}

struct KeyAttentionReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key-attention", abstract: "Key-attention students, most urgent first (no note text).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try StoreSession.run(global, reading: .readKeyAttentionList) { session in
            let now = session.now, language = session.language
            let items = try session.store.keyAttentionQueue(today: now.day)
            // Names with their levels leave the app here: the audit log says who printed them.
            try session.execute(.recordExport(.keyAttentionReport, detail: "\(items.count) students"))
            let header = [LocalizedText(zh: "等级", en: "level"), LocalizedText(zh: "姓名", en: "name"),
                          LocalizedText(zh: "班级", en: "class"), LocalizedText(zh: "逾期追踪", en: "overdue"),
                          LocalizedText(zh: "距上次联系", en: "days since contact"),
                          LocalizedText(zh: "下次追踪", en: "next follow-up")].map { $0.text(language) }
            let widths = [10, 12, 14, 10, 20, 16]
            var lines = [LocalizedText(zh: "重点关注学生 \(items.count) 名（按紧急程度）",
                                       en: "\(items.count) key-attention students, most urgent first").text(language),
                         zip(header, widths).map { TextWidth.pad($0, to: $1) }.joined()]
            // The store reports only the lacks this session's keys can see;
            // a head's report says which it cannot judge.
            if !session.store.keys.holds(.clinical) {
                lines.insert(LocalizedText(zh: "（一生一案、包保领导、监护人知情和转介反馈只有心理教师的密钥能查看，这里只列追踪）",
                                           en: "(support plans, responsible leaders, guardian notifications and referral feedback open only with a counselor's keys: only follow-ups are judged here)")
                                .text(language), at: 1)
            }
            for item in items {
                lines.append(zip([item.level.displayName.text(language), Sanitizer.oneLine(item.student.name),
                                  Sanitizer.oneLine(item.student.className), "\(item.overdueFollowUps)",
                                  item.daysSinceLastContact.map(String.init) ?? "-", item.nextFollowUp.map { "\($0)" } ?? "-"],
                                 widths).map { TextWidth.pad($0, to: $1) }.joined())
                if !item.missing.isEmpty {
                    let lacks = item.missing.map { $0.displayName.text(language) }
                    lines.append("        " + LocalizedText(zh: "缺项：" + lacks.joined(separator: "；"),
                                                          en: "lacks: " + lacks.joined(separator: "; ")).text(language))
                }
            }
            return lines
        }
    }
}
