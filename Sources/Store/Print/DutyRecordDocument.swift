import Counseling

/// 值班记录: the check-ins of the period as recorded, each with its 补录 or
/// 更正 (who, when, why, the first times), then the gaps the compliance
/// rules find, with a head's explanation beside each.
enum DutyRecordDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let (from, to) = c.bounds
        let checkIns = try c.store.records(DutyCheckIn.self, from: from, to: to)
            .sorted { ($0.checkIn, c.name($0.person)) < ($1.checkIn, c.name($1.person)) }
        let rows = checkIns.map { ci -> [String] in
            let minutes = ci.checkOut.map { "\(max(0, ci.checkIn.seconds(to: $0)) / 60)" } ?? ""
            let remark = ci.amendment.map { a in
                c.t(DutyAfterwardsText.checkIn(ci, person: c.name(ci.person), by: c.name(a.by)))
            } ?? (ci.checkOut == nil ? c.t("未签退", "no check-out") : "")
            return ["\(ci.checkIn.day)", c.weekday(ci.checkIn.day), c.name(ci.person), PrintContext.minute(ci.checkIn),
                    ci.checkOut.map(PrintContext.minute) ?? "", minutes, remark]
        }
        var parts = [Markup.tag("h2", c.t("签到签退", "Check-ins")),
                     rows.isEmpty ? Markup.tag("p", class: "empty", c.t("这段时间没有签到。", "No check-ins in this period."))
                         : Markup.table([c.t("日期", "Date"), c.t("星期", "Day"), c.t("值班教师", "On duty"), c.t("签到", "In"),
                                         c.t("签退", "Out"), c.t("分钟", "Minutes"), c.t("补录/更正", "Entered or corrected")], rows)]
        guard let period = c.period else { return PrintBody(parts: parts, count: rows.count) }
        let report = try c.store.compliance(from: period.lowerBound, through: period.upperBound, now: c.now)
        let gaps = report.violations.map { v -> [String] in
            ["\(v.day)", c.weekday(v.day), c.t(v.reason), report.note(for: v).map { c.t(DutyAfterwardsText.note($0, by: c.name($0.by))) } ?? ""]
        }
        parts.append(Markup.tag("h2", c.t("未达要求与缺勤（\(gaps.count) 项）", "Gaps and violations (\(gaps.count))")))
        parts += report.caveats.map { Markup.tag("p", class: "note", c.t($0)) }
        if !gaps.isEmpty {
            parts.append(Markup.table([c.t("日期", "Date"), c.t("星期", "Day"), c.t("情况", "What"), c.t("说明", "Explanation")], gaps))
        }
        return PrintBody(parts: parts, count: rows.count + gaps.count)
    }
}
