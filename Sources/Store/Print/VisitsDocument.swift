import Counseling

/// 来访登记表: every visit of the period. The reasons and the brief are
/// printed only for a session that reads clinical text (counselors); a
/// head's register holds who came, when, how and who received them.
enum VisitsDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let (from, to) = c.bounds
        let students = try c.roster()
        let visits = try c.store.records(Visit.self, from: from, to: to)
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        let clinical = c.readsClinicalText
        let rows = visits.map { v -> [String] in
            let s = v.student.flatMap { students[$0] }
            var row = ["\(v.start.day)", PrintContext.minute(v.start) + "–" + (v.end.map(PrintContext.minute) ?? ""),
                       v.student == nil ? c.t("匿名", "anonymous") : s?.name ?? "", s?.className ?? "",
                       c.t(v.channel.displayName), c.name(v.loggedBy), c.name(v.escalatedTo)]
            if clinical {
                row += [v.reasons.sorted().map { c.t($0.displayName) }.joined(separator: c.t("、", ", ")), c.readable(v.brief)]
            }
            return row
        }
        var headers = [c.t("日期", "Date"), c.t("时间", "Time"), c.t("学生", "Student"), c.t("班级", "Class"),
                       c.t("方式", "Channel"), c.t("接待教师", "Received by"), c.t("转交", "Escalated to")]
        if clinical { headers += [c.t("来访原因", "Reasons"), c.t("简要记录", "Brief")] }
        let table = Markup.table(headers, rows)
        return PrintBody(parts: rows.isEmpty ? [Markup.tag("p", class: "empty", c.t("这段时间没有来访。", "No visits in this period."))] : [table],
                         count: rows.count)
    }
}
