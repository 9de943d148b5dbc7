import Counseling

/// 学期/学年工作统计: the figures of the period (counts only; 1–4 as "<5",
/// for it leaves the school), the weeks' opening compliance as a table and
/// a heatmap, and at the end the figures' canonical text with the
/// database's file id and the audit log's head, which `xindesk print
/// verify FILE.html` counts again. A figure this session's keys cannot
/// count says so; it is never a 0.
enum StatisticsDocument: PrintRenderer {
    static func body(_ c: PrintContext) throws -> PrintBody {
        let (from, to) = c.bounds
        let first = from.day, last = to.day.adding(days: -1)
        let sealed = try c.store.sealedStatistics(from: first, through: last, now: c.now, fileID: c.fileID,
                                                  suppressingSmallCounts: true)
        let statistics = sealed.statistics
        var parts: [Markup] = [Markup.tag("p", class: "note", c.t(
            "只含人数和次数，不含姓名、学号或任何记录内容；1 至 4 的学生人数或人次显示为“<5”。",
            "Counts only: no name, number or record text; counts of 1 to 4 students or events are shown as \"<5\"."))]
        let compliance = try c.store.compliance(from: first, through: last, now: c.now)
        for section in StatisticsKey.Section.allCases {
            let figures = statistics.figures(in: section)
            guard !figures.isEmpty else { continue }
            parts.append(Markup.tag("h2", c.t(section.displayName)))
            if section == .compliance {
                parts.append(weeks(compliance, c))
                parts.append(heatmap(compliance, c))
            }
            // The weeks' minutes are in the table above; the rest one figure a row.
            let rows = figures.filter { !$0.key.rawValue.hasPrefix("compliance.week.") }
                .map { [c.t($0.key.displayName), c.t($0.value.displayText)] }
            parts.append(Markup.table([c.t("项目", "Figure"), c.t("数量", "Count")], rows, cls: "figures"))
        }
        parts.append(Markup.tag("h2", c.t("核验", "Verification")))
        parts.append(Markup.tag("p", class: "note", c.t(
            "以下文字记录本数据库的标识和打印时审计日志的位置。检查人员可运行 xindesk print verify 本文件，由数据库重新计算每一项数字并核对。",
            "The text below records this database's id and the audit log's position when this was printed. An inspector runs xindesk print verify on this file to count every figure again from the database.")))
        parts.append(Markup.pre(class: "seal", sealed.canonicalText))
        return PrintBody(parts: parts, count: statistics.figures.count)
    }

    /// One row a week: school days, open time and the requirement in the
    /// rule's unit, and the result.
    static func weeks(_ report: ComplianceReport, _ c: PrintContext) -> Markup {
        let unit = c.t(report.weeks.first?.unit ?? LocalizedText(zh: "学时", en: "class hours"))
        let rows = report.weeks.map { week -> [String] in
            let hours = ClassHours.week(week)
            return ["\(week.monday)", "\(week.evaluatedDays)/\(week.schoolDays)", hours.open, hours.required ?? "–", c.t(week.result)]
        }
        return Markup.table([c.t("周一", "Week of"), c.t("上学日", "School days"), c.t("开放", "Open") + "（\(unit)）",
                             c.t("要求", "Required"), c.t("结果", "Result")], rows)
    }

    /// The days of the period, a row per week and a column per weekday,
    /// coloured by what the day was; a day that is no school day is blank.
    static func heatmap(_ report: ComplianceReport, _ c: PrintContext) -> Markup {
        let byDay = Dictionary(report.days.map { ($0.day, $0.status) }, uniquingKeysWith: { a, _ in a })
        let mondays = report.weeks.map(\.monday)
        let fills: [[StaticString?]] = mondays.map { monday in
            (0..<7).map { offset in byDay[monday.adding(days: offset)].map(colour) }
        }
        let columns = c.language == .en ? ["M", "T", "W", "T", "F", "S", "S"] : ["一", "二", "三", "四", "五", "六", "日"]
        return Markup.tag("div", class: "heat", [
            Markup.heatmap(rowLabels: mondays.map { "\($0)" }, columnLabels: columns, fills: fills,
                           legend: DayStatus.allCases.map { (colour($0), c.t($0.displayName)) },
                           title: c.t("每日开放情况", "Each school day")),
        ])
    }

    static func colour(_ status: DayStatus) -> StaticString {
        switch status {
        case .met: "#3a7d44"
        case .openOnlyDuringLessons: "#e0a800"
        case .belowDailyMinimum: "#f28c28"
        case .unstaffed: "#c0392b"
        case .closed: "#555555"
        }
    }
}
