import Counseling

/// 值班表: the planned shifts of the period, day by day.
enum DutyRosterDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let (from, to) = c.bounds
        let shifts = try c.store.records(PlannedShift.self, from: from, to: to)
            .sorted { ($0.span.start, c.name($0.person)) < ($1.span.start, c.name($1.person)) }
        let rows = shifts.map { s in
            ["\(s.day)", c.weekday(s.day), PrintContext.minute(s.span.start) + "–" + PrintContext.minute(s.span.end), c.name(s.person), ""]
        }
        let table = Markup.table([c.t("日期", "Date"), c.t("星期", "Day"), c.t("时段", "Time"), c.t("值班教师", "On duty"),
                                  c.t("备注", "Remarks")], rows)
        return PrintBody(parts: rows.isEmpty ? [Markup.tag("p", class: "empty", c.t("这段时间没有排班。", "No shifts in this period."))] : [table],
                         count: rows.count)
    }
}
