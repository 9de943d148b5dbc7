import Counseling
import Store
import Terminal

/// This week's duty roster as a grid (planned shifts, checked-in ones
/// marked), and the week's appointments. Those who edit the roster select
/// a shift with ←/→; the last line says which.
enum RosterPane {
    static func render(_ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        let monday = s.now.day.rosterWeek
        let dayNames = Array(S.weekdays.text(L)).prefix(5).enumerated().map { i, d in
            "\(d) \(String(monday.adding(days: i).description.dropFirst(8)))"
        }
        let selected = s.pane == .roster ? s.selectedShift : nil
        let entries = s.shifts.compactMap { shift -> WeekGrid.Entry? in
            let day = monday.days(to: shift.day)
            guard (0..<5).contains(day) else { return nil }
            let covered = s.checkIns.contains { $0.person == shift.person && $0.checkIn.day == shift.day }
            let start = shift.span.start, end = shift.span.end
            return .init(day: day, startMinute: start.time.secondsSinceMidnight / 60, endMinute: end.time.secondsSinceMidnight / 60,
                         label: (covered ? "✓" : "") + s.staffName(shift.person),
                         style: shift.id == selected?.id ? Style(.selection, bold: true, reverse: true)
                             : Style(covered ? .ok : shift.span.end < s.now ? .violation : .accent))
        }
        // The grid on top, the week's appointment register below: every
        // appointment of the week, a row each, scrolling with the selection.
        // The grid keeps eight rows (the afternoon hour by hour) and the list
        // takes the rest, so the maximized pane lists a busy week whole.
        // The last line says where the list is; for those who edit the
        // roster, the line above it names the selected shift.
        let footer = selected == nil ? 1 : 2
        let listHeight = max(0, min(s.appointments.count, max(2, area.height - footer - 8)))
        let gridHeight = max(0, area.height - listHeight - footer)
        WeekGrid(dayTitles: dayNames, firstHour: 12, lastHour: 18, entries: entries)
            .render(into: &b, Rect(x: area.x, y: area.y, width: area.width, height: gridHeight))
        let list = s.weekAppointments
        let today = list.map { $0.slot.start.day == s.now.day }
        var listState = s.appointmentList
        ListView(items: list.map { row($0, s) },
                 styles: today.map { $0 ? Style(.accent, bold: true) : .plain })
            .render(into: &b, Rect(x: area.x, y: area.y + gridHeight, width: area.width, height: listHeight),
                    state: &listState, focused: s.pane == .roster)
        if let selected {
            b.set("▸ " + S.selectedShift.text(L) + S.colon.text(L) + text(selected, s),
                  x: area.x, y: area.maxY - 2, maxWidth: area.width, style: Style(.selection, bold: true))
        }
        b.set(summary(s, width: area.width), x: area.x, y: area.maxY - 1, maxWidth: area.width, style: Style(.muted))
    }

    /// `五 11-20 12:20  刘可桐  李心怡  电话  学业压力  已确认`: one line of the
    /// register — the day and week day, the student, the counselor, the
    /// channel, the purpose (for those who may read it) and the status.
    static func row(_ a: Appointment, _ s: AppState) -> String {
        let L = s.language
        let weekday = Array(S.weekdays.text(L))[a.slot.start.day.weekday.isoNumber - 1]
        var parts = ["\(weekday) \(a.slot.start.monthDayClock)", s.studentName(a.student)]
        if let counselor = a.counselor { parts.append(s.staffName(counselor)) }
        parts.append(a.channel.displayName.text(L))
        if case .text(let purpose) = SealedText.visibility(a.purpose), !purpose.isEmpty { parts.append(purpose) }
        parts.append(a.status.displayName.text(L))
        return parts.joined(separator: "  ")
    }

    /// The week and the day at a glance, and where the selection is; in a
    /// narrow pane, the week's count alone rather than a line cut short.
    static func summary(_ s: AppState, width: Int) -> String {
        let L = s.language
        let all = s.weekAppointments
        guard !all.isEmpty else { return S.noAppointmentsThisWeek.text(L) }
        let open = all.filter { !$0.status.isFinal }.count
        let today = all.filter { $0.slot.start.day == s.now.day }.count
        var line = S.appointmentWeekLine.format(L, all.count, open, today)
        if s.pane == .roster { line += S.appointmentPosition.format(L, min(s.appointmentList.selected, all.count - 1) + 1, all.count) }
        return TextWidth.of(line) <= width ? line : S.appointmentWeekShort.format(L, all.count, open)
    }

    /// `三 09-09 12:00–13:30 周明`: a shift as the roster names it.
    static func text(_ shift: PlannedShift, _ s: AppState) -> String {
        let weekday = Array(S.weekdays.text(s.language))[shift.day.weekday.isoNumber - 1]
        return "\(weekday) \(String(shift.day.description.dropFirst(5))) \(RosterError.clock(shift.span)) \(s.staffName(shift.person))"
    }
}
