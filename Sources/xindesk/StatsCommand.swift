import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal

/// `xindesk stats`: the term's or year's figures (学期/学年工作统计) as text,
/// then their canonical text with the database's file id and the audit
/// log's head, which `xindesk print verify` holds against the database
/// (`xindesk print statistics` makes the A4 document).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "The figures of a period as text and their canonical text (small counts as <5 unless --exact).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "First day (YYYY-MM-DD; default: the start of the current term).") var from: String?
    @Option(help: "Last day (YYYY-MM-DD; default: today).") var to: String?
    @Flag(help: "Counts of 1 to 4 as they are, for use inside the school (default: shown as <5).") var exact = false

    func run() throws {
        try StoreSession.run(global, reading: .readComplianceReport) { session in
            let now = session.now
            let first = try from.map { try Day.parse($0, field: .date) } ?? session.store.calendar().term(containing: now.day)?.first ?? now.day.adding(days: -27)
            let last = try to.map { try Day.parse($0, field: .date) } ?? now.day
            let sealed = try session.store.sealedStatistics(from: first, through: last, now: now, fileID: session.vault.fileID,
                                                            suppressingSmallCounts: !exact)
            return StatsText.lines(sealed.statistics, session.language) + [""] + sealed.canonicalText.split(separator: "\n").map(String.init)
        }
    }
}

/// The figures and a verification as text lines.
enum StatsText {
    static func lines(_ statistics: TermStatistics, _ L: Language) -> [String] {
        func t(_ zh: String, _ en: String) -> String { LocalizedText(zh: zh, en: en).text(L) }
        var lines = [t("工作统计 \(statistics.first) 至 \(statistics.last)", "Work statistics \(statistics.first) to \(statistics.last)")]
        if statistics.smallCountsSuppressed {
            lines.append(t("（1 至 4 的学生人数或人次显示为 <5）", "(counts of 1 to 4 students or events are shown as <5)"))
        }
        for section in StatisticsKey.Section.allCases {
            let figures = statistics.figures(in: section)
            guard !figures.isEmpty else { continue }
            lines.append("")
            lines.append(section.displayName.text(L))
            for f in figures { lines.append("  " + TextWidth.pad(f.key.displayName.text(L), to: 52) + f.value.displayText.text(L)) }
        }
        return lines
    }

    static func verification(_ v: StatisticsVerification, _ L: Language) -> [String] {
        func t(_ zh: String, _ en: String) -> String { LocalizedText(zh: zh, en: en).text(L) }
        let seal = v.seal
        var lines = [t("核验工作统计 \(seal.first) 至 \(seal.last)（打印于 \(seal.asOf)，审计日志第 \(seal.auditEntries) 条）",
                       "Verifying the statistics \(seal.first) to \(seal.last) (printed \(seal.asOf), audit log at entry \(seal.auditEntries))")]
        if !v.sameDatabase {
            lines.append("✗ " + t("这份统计不是从这个数据库打印的（数据库标识 \(Sanitizer.oneLine(seal.fileID))）。",
                                  "This document was not printed from this database (file id \(Sanitizer.oneLine(seal.fileID)))."))
        }
        switch v.audit {
        case .sameHead: lines.append("✓ " + t("审计日志仍保留打印时的那一条记录。", "The audit log still holds the entry the document was printed at."))
        case .rolledBack(let now):
            lines.append("✗ " + t("数据库已被回退到更早的副本：审计日志现在只有 \(now) 条，打印时已有 \(seal.auditEntries) 条。",
                                  "The database was rolled back to an earlier copy: the audit log has \(now) entries now, \(seal.auditEntries) when this was printed."))
        case .otherHistory:
            lines.append("✗ " + t("数据库已被回退或改写：审计日志第 \(seal.auditEntries) 条与打印时不同。",
                                  "The database was rolled back or rewritten: audit entry \(seal.auditEntries) is not the one this was printed at."))
        }
        if !v.chainIntact {
            lines.append("✗ " + t("审计日志校验未通过：请运行 xindesk check。", "The audit log does not verify: run xindesk check."))
        }
        for f in v.differing {
            let label = f.label?.text(L) ?? f.key
            let printed = (f.printed ?? .count(0)).displayText.text(L), now = (f.now ?? .count(0)).displayText.text(L)
            lines.append("✗ " + t("\(label)：打印为 \(printed)，现在为 \(now)", "\(label): printed \(printed), now \(now)") + "  [\(f.key)]")
        }
        for f in v.unchecked {
            lines.append("? " + t("\(f.label?.text(L) ?? f.key)：无法核验，需心理教师核验", "\(f.label?.text(L) ?? f.key): cannot be checked here; a counselor must verify it"))
        }
        let matched = v.figures.filter { $0.outcome == .matches }.count
        lines.append(t("\(matched) 项数字与数据库一致。", "\(matched) figures match the database."))
        if !v.laterEntries.isEmpty {
            lines.append(t("打印之后的操作：", "Done since it was printed:"))
            for e in v.laterEntries {
                lines.append("  #\(e.id) \(e.at) \(Sanitizer.oneLine(e.actor)) \(Sanitizer.oneLine(e.action))")
            }
        }
        lines.append(v.passes ? t("核验通过。", "VERIFIED.") : t("核验未通过。", "NOT VERIFIED."))
        return lines
    }
}
