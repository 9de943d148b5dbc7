import Counseling
import Store
import Terminal

/// The head of guidance's view: the term's school days as a heatmap, weekly
/// class hours against the requirement, the violations with dates, and
/// key-attention counts without any note text.
enum CompliancePane {
    static func glyph(_ status: DayStatus) -> (String, Style) {
        switch status {
        case .met: return ("■", Style(.ok))
        case .openOnlyDuringLessons: return ("◧", Style(.warning1))
        case .belowDailyMinimum: return ("▣", Style(.warning1))
        case .unstaffed: return ("□", Style(.violation))
        case .closed: return ("✗", Style(.violation))
        }
    }

    static func render(_ s: AppState, _ b: inout Buffer, _ whole: Rect) {
        let L = s.language
        guard let report = s.compliance else {
            b.set("…", x: whole.x, y: whole.y)
            return
        }
        // First what the figures leave out: a report that starts at the
        // school's first record, days the calendar does not cover (with
        // the commands that fix it). Never silent, even with no school day.
        var top = whole.y
        for line in report.caveats.flatMap({ TextWidth.wrap(Sanitizer.oneLine($0.text(L)), width: whole.width) }) where top < whole.maxY {
            b.set(line, x: whole.x, y: top, maxWidth: whole.width, style: Style(.warning1))
            top += 1
        }
        let area = Rect(x: whole.x, y: top, width: whole.width, height: whole.maxY - top)
        guard let firstDay = report.days.first?.day, area.height > 0 else {
            if top == whole.y { b.set("…", x: whole.x, y: whole.y) }
            return
        }
        let mondays = report.weeks.map(\.monday)
        // All seven weekdays: a make-up working day falls on a Saturday or a
        // Sunday (2026-09-20 is one), and a school day must never be hidden.
        let weekdays = Array(S.weekdays.text(L)).map(String.init)
        let days = report.days.compactMap { d -> CalendarHeatmap.Day? in
            guard let w = mondays.firstIndex(of: d.day.startOfWeek) else { return nil }
            let (g, style) = glyph(d.status)
            return .init(week: w, weekday: d.day.weekday.isoNumber - 1, glyph: g, style: style)
        }
        _ = firstDay
        let heatHeight = min(area.height, weekdays.count + 2)
        CalendarHeatmap(weekdayLabels: weekdays, weekLabels: mondays.map { String($0.description.dropFirst(5)) }, days: days,
                        legend: [("■", Style(.ok), S.legendMet.text(L)), ("◧", Style(.warning1), S.legendLessons.text(L)),
                                 ("□", Style(.violation), S.legendUnstaffed.text(L)), ("✗", Style(.violation), S.legendClosed.text(L))])
            .render(into: &b, Rect(x: area.x, y: area.y, width: area.width, height: heatHeight))
        var y = area.y + heatHeight
        guard y < area.maxY else { return }
        b.set(S.weeklyHours.text(L), x: area.x, y: y, style: Style(.header, bold: true))
        y += 1
        let recent = report.weeks.filter { $0.isComplete }.suffix(max(0, min(6, (area.maxY - y) / 2)))
        let bars = recent.map { w in
            BarChart.Bar(label: String(w.monday.description.dropFirst(5)),
                         value: Double(w.openSeconds) / Double(w.classHourMinutes * 60),
                         target: w.requiredSeconds.map { Double($0) / Double(w.classHourMinutes * 60) },
                         style: Style(w.met == false ? .violation : .ok))
        }
        BarChart(bars: Array(bars), valueText: { ClassHours.text(hours: $0) })
            .render(into: &b, Rect(x: area.x, y: y, width: area.width, height: bars.count))
        y += bars.count
        guard y < area.maxY else { return }
        let counts = [WarningLevel.general, .severe, .major].map { "\($0.displayName.text(L)) \(s.levelCounts[$0] ?? 0)" }
        b.set("\(S.levels.text(L))\(S.colon.text(L))\(counts.joined(separator: "  "))  · \(S.overdueFollowUps.text(L)) \(s.overdueCount)",
              x: area.x, y: y, maxWidth: area.width, style: Style(.muted))
        y += 1
        guard y < area.maxY else { return }
        if !s.pendingClosings.isEmpty {
            b.set(S.closingsWaiting.format(L, s.pendingClosings.count), x: area.x, y: y, maxWidth: area.width, style: Style(.accent, bold: true))
            y += 1
            guard y < area.maxY else { return }
        }
        y = DutyAfterwardsView.render(s, report, &b, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y))
        guard y < area.maxY else { return }
        b.set("\(S.violations.text(L)) \(report.violations.count)", x: area.x, y: y, style: Style(.violation, bold: true))
        y += 1
        DutyAfterwardsView.violations(s, report, &b, Rect(x: area.x, y: y, width: area.width, height: area.maxY - y))
    }
}
