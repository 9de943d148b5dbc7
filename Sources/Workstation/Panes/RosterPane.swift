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
        // The grid on top, this week's appointments (selectable) below.
        let listHeight = min(s.appointments.count + 1, max(2, area.height / 3))
        let gridHeight = max(0, area.height - listHeight - 1)
        WeekGrid(dayTitles: dayNames, firstHour: 12, lastHour: 18, entries: entries)
            .render(into: &b, Rect(x: area.x, y: area.y, width: area.width, height: gridHeight))
        let studentNames = Dictionary(s.students.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = s.weekAppointments.map { a -> String in
            let when = a.slot.start.monthDayClock
            return "\(when)  \(studentNames[a.student] ?? "")  \(a.status.displayName.text(L))"
        }
        var list = s.appointmentList
        ListView(items: rows).render(into: &b, Rect(x: area.x, y: area.y + gridHeight, width: area.width, height: listHeight - 1),
                                     state: &list, focused: s.pane == .roster)
        if let selected {
            b.set("▸ " + S.selectedShift.text(L) + S.colon.text(L) + text(selected, s),
                  x: area.x, y: area.maxY - 1, maxWidth: area.width, style: Style(.selection, bold: true))
            return
        }
        let upcoming = s.appointments.filter { $0.status == .requested || $0.status == .confirmed }.count
        b.set(S.appointmentsThisWeek.text(L) + S.colon.text(L) + S.appointmentCounts.format(L, s.appointments.count, upcoming),
              x: area.x, y: area.maxY - 1, maxWidth: area.width, style: Style(.muted))
    }

    /// `三 09-09 12:00–13:30 周明`: a shift as the roster names it.
    static func text(_ shift: PlannedShift, _ s: AppState) -> String {
        let weekday = Array(S.weekdays.text(s.language))[shift.day.weekday.isoNumber - 1]
        return "\(weekday) \(String(shift.day.description.dropFirst(5))) \(RosterError.clock(shift.span)) \(s.staffName(shift.person))"
    }
}
