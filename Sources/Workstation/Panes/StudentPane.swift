import Counseling
import Store
import Terminal

/// The student list (and, for a counselor, the key-attention queue first).
/// A duty teacher and a head of guidance see no level here: clinical detail.
enum StudentPane {
    static func levelStyle(_ level: WarningLevel) -> Style {
        switch level {
        case .none: return .plain
        case .general: return Style(.warning1)
        case .severe: return Style(.warning2)
        case .major: return Style(.warning3)
        }
    }

    /// The crisis hand-overs and escalations waiting for a counselor, the
    /// hand-overs first, two at most and a count.
    static func escalationLines(_ s: AppState) -> [String] {
        let L = s.language
        let handovers = s.handovers.map { run in
            let at = run.handover?.at ?? run.startedAt
            let when = at.day == s.now.day ? at.clock : at.monthDayClock
            return S.handoverWaiting.format(L, when, s.studentName(run.student), WithheldText.shown(run.handover?.note ?? "", L))
        }
        let visits = s.escalations.map { v in
            let when = v.start.day == s.now.day ? v.start.clock
                : v.start.monthDayClock
            // Self-harm thoughts, why it was escalated, come first.
            let sorted = v.reasons.sorted()
            let reasons = (sorted.filter { $0 == .selfHarmThoughts } + sorted.filter { $0 != .selfHarmThoughts })
                .map { $0.displayName.text(L) }.joined(separator: S.listSeparator.text(L))
            return S.escalationWaiting.format(L, when, s.studentName(v.student), reasons)
        }
        let all = handovers + visits
        return Array(all.prefix(2)) + (all.count > 2 ? [S.moreEscalations.format(L, all.count - 2)] : [])
    }

    /// Urgent proposals one line each (two at most), then a count of the rest.
    static func proposalLines(_ s: AppState) -> [String] {
        let L = s.language
        let urgent = s.proposals.filter(\.urgent)
        var lines = urgent.prefix(2).map { S.urgentProposal.format(L, s.studentName($0.student)) }
        let rest = s.proposals.count - lines.count
        if rest > 0 { lines.append(S.proposalsWaiting.format(L, rest)) }
        return lines
    }

    static func render(_ s: AppState, _ b: inout Buffer, _ area: Rect, focused: Bool) {
        let L = s.language
        var body = area
        if s.filtering || !s.filter.text.isEmpty {
            b.set("/ " + S.filter.text(L) + ": ", x: area.x, y: area.y, style: Style(.accent, bold: true))
            let x = area.x + TextWidth.of("/ " + S.filter.text(L) + ": ")
            s.filter.render(into: &b, Rect(x: x, y: area.y, width: area.maxX - x, height: 1), focused: s.filtering)
            body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        // An escalated visit is what a counselor must see first, whatever
        // the list shows: above it, one line each, the oldest first.
        let waiting = Permission.allows(s.roles, .takeEscalatedVisit) ? escalationLines(s) : []
        for line in waiting.prefix(max(0, body.height - 2)) {
            b.set(line, x: body.x, y: body.y, maxWidth: body.width, style: Style(.violation, bold: true))
            body = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        }
        // A screening result that needs a counselor at once (a PHQ-9 item 9
        // answer) is shown like an escalation; the rest are counted.
        for line in proposalLines(s) where body.height > 2 {
            let urgent = line.hasPrefix("⚠")
            b.set(line, x: body.x, y: body.y, maxWidth: body.width, style: urgent ? Style(.violation, bold: true) : Style(.accent, bold: true))
            body = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        }
        // A counselor is the second person for a colleague's closing: say
        // so above the queue (the head of guidance sees it in pane 2).
        let toDecide = s.pendingClosings.filter { $0.author != StaffID(s.account) }.count
        if s.roles.contains(.counselor), toDecide > 0, body.height > 2 {
            b.set(S.closingsWaiting.format(L, toDecide), x: body.x, y: body.y, maxWidth: body.width, style: Style(.accent, bold: true))
            body = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
        }
        // What the selected key student's file lacks, on the pane's last
        // line: a counselor moving down the queue reads each in words.
        if s.showsQueue, s.queue.indices.contains(s.list.selected), body.height > 3 {
            let item = s.queue[s.list.selected]
            if !item.missing.isEmpty {
                let lacks = item.missing.map { $0.displayName.text(L) }.joined(separator: S.listSeparator.text(L))
                // Two lines at most, so the queue keeps its rows on a small terminal.
                let lines = Array(TextWidth.wrap(S.lacksOf.format(L, item.student.name, lacks), width: body.width)
                    .prefix(body.height > 6 ? 2 : 1))
                for (i, line) in lines.enumerated() {
                    b.set(line, x: body.x, y: body.maxY - lines.count + i, maxWidth: body.width, style: Style(.violation))
                }
                body = Rect(x: body.x, y: body.y, width: body.width, height: body.height - lines.count)
            }
        }
        // Only the rows on screen are formatted: the list may hold 10,000
        // students and this runs on every keystroke.
        var scrolled = s.list
        scrolled.move(0, count: s.showsQueue ? s.queue.count : s.visible.count)
        scrolled.keepVisible(height: body.height - 1)
        let window = scrolled.offset..<min(scrolled.offset + max(0, body.height - 1), s.showsQueue ? s.queue.count : s.visible.count)
        var state = ListState(selected: scrolled.selected - scrolled.offset)
        if s.showsQueue {
            // The level and overdue columns fit their headings and values in each language.
            let (levelWidth, overdueWidth) = switch L {
            case .zhHans: (6, 5)
            case .en: (8, 8)
            }
            Table(columns: [.init(S.level.text(L), .length(levelWidth)), .init(S.name.text(L), .length(9)),
                            .init(S.className.text(L), .length(11)), .init(S.overdue.text(L), .length(overdueWidth)),
                            .init(S.lastContact.text(L), .length(6)), .init(S.nextFollowUp.text(L), .fill(1))],
                  rows: s.queue[window].map { item in
                      [item.level.shortName.text(L), item.student.name, item.student.className, "\(item.overdueFollowUps)",
                       item.daysSinceLastContact.map { "\($0)d" } ?? "-", item.nextFollowUp.map { String($0.description.dropFirst(5)) } ?? "-"]
                  }, rowStyles: s.queue[window].map { levelStyle($0.level) })
                .render(into: &b, body, state: &state, focused: focused)
        } else if s.roles.contains(.counselor) {
            Table(columns: [.init(S.number.text(L), .length(10)), .init(S.name.text(L), .length(9)),
                            .init(S.className.text(L), .length(12)), .init(S.level.text(L), .fill(1))],
                  rows: s.visible[window].map { i in
                      let st = s.students[i]
                      let marks = (st.leaving.map { [$0.displayName.text(L)] } ?? []) + (st.level == .none ? [] : [st.level.displayName.text(L)])
                          + st.flags.sorted().map { $0.displayName.text(L) }
                      return [st.number, st.name, st.className, marks.joined(separator: S.listSeparator.text(L))]
                  }, rowStyles: s.visible[window].map { levelStyle(s.students[$0].level) })
                .render(into: &b, body, state: &state, focused: focused)
        } else {
            Table(columns: [.init(S.number.text(L), .length(10)), .init(S.name.text(L), .length(9)), .init(S.className.text(L), .fill(1))],
                  rows: s.visible[window].map { i in
                      // One who left is found by a search only, and says so.
                      let st = s.students[i]
                      return [st.number, st.name, st.className + (st.leaving.map { " · " + $0.displayName.text(L) } ?? "")]
                  })
                .render(into: &b, body, state: &state, focused: focused)
        }
    }
}
