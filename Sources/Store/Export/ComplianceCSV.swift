import Counseling
import Foundation

/// The opening-compliance report as a spreadsheet for the annual
/// inspection: one row per school day, then one per week, then every
/// violation with its date. Dates, hours and staff ids; no student.
public enum ComplianceCSV {
    static let title = LocalizedText(zh: "心理辅导室开放合规报告", en: "Counseling-room opening compliance")
    static let dayHeader = [LocalizedText(zh: "日期", en: "date"), LocalizedText(zh: "状态", en: "status"),
                            LocalizedText(zh: "开放分钟", en: "minutes open"),
                            LocalizedText(zh: "课余开放分钟", en: "minutes outside lessons"), LocalizedText(zh: "值班人员", en: "on duty"),
                            LocalizedText(zh: "签到记录", en: "check-ins recorded")]
    /// The week columns, in the unit the rule counts in (class hours, or
    /// the university's hours).
    static func weekHeader(_ unit: LocalizedText) -> [LocalizedText] {
        [LocalizedText(zh: "周一", en: "week of"), LocalizedText(zh: "上学日", en: "school days"),
         LocalizedText(zh: "开放" + unit.zh, en: unit.en + " open"), LocalizedText(zh: "要求" + unit.zh, en: "required"),
         LocalizedText(zh: "结果", en: "result")]
    }
    static let violationHeader = [LocalizedText(zh: "违规日期", en: "violation date"), LocalizedText(zh: "原因", en: "reason"),
                                  LocalizedText(zh: "说明", en: "explanation")]
    static let staffSeparator = LocalizedText(zh: "、", en: "; ")

    public static func rows(_ report: ComplianceReport, staff: [Staff], _ L: Language) -> [[String]] {
        func header(_ columns: [LocalizedText]) -> [String] { columns.map { $0.text(L) } }
        let names = Dictionary(staff.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var rows: [[String]] = [[title.text(L), "\(report.first) – \(report.last)", report.policy.profile.displayName.text(L)]]
        // Where the report starts and the days the calendar does not cover,
        // one row each under the title, before any figure.
        rows += report.caveats.map { [$0.text(L)] }
        rows.append(header(dayHeader))
        for d in report.days {
            rows.append([d.day.description, d.status.displayName.text(L), "\(d.openSeconds / 60)", "\(d.outsideLessonSeconds / 60)",
                         d.staff.map { names[$0] ?? $0.rawValue }.joined(separator: staffSeparator.text(L)),
                         DutyAfterwardsText.marks(report.amendments(on: d.day)).text(L)])
        }
        rows.append([])
        rows.append(header(weekHeader(report.weeks.first?.unit ?? LocalizedText(zh: "学时", en: "class hours"))))
        for w in report.weeks {
            let hours = ClassHours.week(w)
            rows.append([w.monday.description, "\(w.evaluatedDays)/\(w.schoolDays)", hours.open, hours.required ?? "-", w.result.text(L)])
        }
        rows.append([])
        rows.append(header(violationHeader))
        func name(_ id: StaffID) -> String { names[id] ?? id.rawValue }
        // An explanation stands beside its violation, which stays counted.
        for v in report.violations {
            rows.append([v.day.description, v.reason.text(L),
                         report.note(for: v).map { DutyAfterwardsText.note($0, by: name($0.by)).text(L) } ?? ""])
        }
        let amended = report.amendedCheckIns
        if !amended.isEmpty {
            rows.append([])
            rows.append([DutyAfterwardsText.heading(amended.count).text(L)])
            for c in amended {
                rows.append([DutyAfterwardsText.checkIn(c, person: name(c.person), by: c.amendment.map { name($0.by) } ?? "").text(L)])
            }
        }
        return rows
    }
}
