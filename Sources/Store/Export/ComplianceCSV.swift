import Counseling
import Foundation

/// The opening-compliance report as a spreadsheet for the annual
/// inspection: one row per school day, then one per week, then every
/// violation with its date. Dates, hours and staff ids; no student.
public enum ComplianceCSV {
    public static func rows(_ report: ComplianceReport, staff: [Staff], _ L: Language) -> [[String]] {
        let zh = L == .zhHans
        let names = Dictionary(staff.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func hours(_ seconds: Int, _ classHour: Int) -> String { String(format: "%.1f", Double(seconds) / Double(classHour * 60)) }
        var rows: [[String]] = [[zh ? "心理辅导室开放合规报告" : "Counseling-room opening compliance",
                                 "\(report.first) – \(report.last)", report.policy.profile.displayName.text(L)]]
        rows.append(zh ? ["日期", "状态", "开放分钟", "课余开放分钟", "值班人员"] : ["date", "status", "minutes open", "minutes outside lessons", "on duty"])
        for d in report.days {
            rows.append([d.day.description, d.status.displayName.text(L), "\(d.openSeconds / 60)", "\(d.outsideLessonSeconds / 60)",
                         d.staff.map { names[$0] ?? $0.rawValue }.joined(separator: zh ? "、" : "; ")])
        }
        rows.append([])
        rows.append(zh ? ["周一", "上学日", "开放学时", "要求学时", "结果"] : ["week of", "school days", "class hours open", "required", "result"])
        for w in report.weeks {
            let result = w.met.map { $0 ? (zh ? "达标" : "met") : (zh ? "未达标" : "not met") } ?? (zh ? "进行中" : "in progress")
            rows.append([w.monday.description, "\(w.evaluatedDays)/\(w.schoolDays)", hours(w.openSeconds, w.classHourMinutes),
                         w.requiredSeconds.map { hours($0, w.classHourMinutes) } ?? "-", result])
        }
        rows.append([])
        rows.append(zh ? ["违规日期", "原因"] : ["violation date", "reason"])
        for v in report.violations { rows.append([v.day.description, v.reason.text(L)]) }
        return rows
    }
}
