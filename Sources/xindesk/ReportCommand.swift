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
        subcommands: [ComplianceReportCommand.self, KeyAttentionReportCommand.self])
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
            let zh = language == .zhHans
            var lines = [zh ? "心理辅导室开放合规报告 \(first) 至 \(last)（\(policy.profile.displayName.zh)）"
                            : "Counseling-room opening compliance \(first) to \(last) (\(policy.profile.displayName.en))"]
            let header = zh ? ["周一", "上学日", "开放学时", "要求学时", "结果"] : ["week of", "school days", "class hours", "required", "result"]
            let widths = [12, 12, 12, 10, 14]
            lines.append(zip(header, widths).map { TextWidth.pad($0, to: $1) }.joined())
            for week in report.weeks {
                let hours = Double(week.openSeconds) / Double(week.classHourMinutes * 60)
                let required = week.requiredSeconds.map { String(format: "%.1f", Double($0) / Double(week.classHourMinutes * 60)) } ?? "-"
                let result: String
                switch week.met {
                case .some(true): result = zh ? "达标" : "met"
                case .some(false): result = zh ? "未达标" : "NOT MET"
                case .none: result = zh ? "进行中" : "in progress"
                }
                lines.append(zip(["\(week.monday)", "\(week.evaluatedDays)/\(week.schoolDays)", String(format: "%.1f", hours),
                                  required, result], widths).map { TextWidth.pad($0, to: $1) }.joined())
            }
            lines.append("")
            lines.append(zh ? "违规 \(report.violations.count) 项：" : "\(report.violations.count) violations:")
            for v in report.violations {
                lines.append("  \(v.day)  " + Sanitizer.oneLine(v.reason.text(language)))
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
            try session.execute(.recordExport(.keyAttentionPrint, detail: "\(items.count) students"))
            let zh = language == .zhHans
            let header = zh ? ["等级", "姓名", "班级", "逾期追踪", "距上次联系", "下次追踪"]
                            : ["level", "name", "class", "overdue", "days since contact", "next follow-up"]
            let widths = [8, 12, 14, 10, 20, 16]
            var lines = [zh ? "重点关注学生 \(items.count) 名（按紧急程度）" : "\(items.count) key-attention students, most urgent first",
                         zip(header, widths).map { TextWidth.pad($0, to: $1) }.joined()]
            for item in items {
                lines.append(zip([item.level.displayName.text(language), Sanitizer.oneLine(item.student.name),
                                  Sanitizer.oneLine(item.student.className), "\(item.overdueFollowUps)",
                                  item.daysSinceLastContact.map(String.init) ?? "-", item.nextFollowUp.map { "\($0)" } ?? "-"],
                                 widths).map { TextWidth.pad($0, to: $1) }.joined())
            }
            return lines
        }
    }
}
