import Counseling
import Foundation
import Store
import Terminal

/// Draws the state into a buffer: pure, so every view has text snapshots.
public enum Render {
    public static func frame(_ s: AppState) -> Buffer {
        var b = Buffer(width: s.width, height: s.height)
        guard s.width >= 20, s.height >= 6 else {
            b.set("xindesk ≥ 80×24", x: 0, y: 0)
            return b
        }
        switch s.phase {
        case .blank:
            b.set(S.blank.text(s.language), x: 1, y: s.height - 1, style: Style(.muted))
        case .unlock:
            unlock(s, &b)
        case .main:
            main(s, &b)
        }
        return b
    }

    // MARK: - unlock

    static func unlock(_ s: AppState, _ b: inout Buffer) {
        let L = s.language
        // A message that says what to do (an account waiting for its keys,
        // a store in use) wraps onto as many lines as it needs, up to four,
        // instead of stopping mid-sentence.
        let message = s.unlockMessage.isEmpty ? [] : Array(TextWidth.wrap(s.unlockMessage, width: 48).prefix(4))
        let box = b.area.centered(width: 52, height: min(s.height, s.accounts.count + 9 + max(0, message.count - 1)))
        let inner = Block(title: S.appTitle.text(L) + " · " + S.unlockTitle.text(L), style: Style(.accent)).render(into: &b, box)
        var y = inner.y
        b.set(S.account.text(L), x: inner.x + 1, y: y, style: Style(.muted))
        y += 1
        for (i, name) in (s.accounts + [S.recovery.text(L)]).enumerated() where y < inner.maxY - 3 {
            let selected = i == s.accountIndex
            b.set((selected ? "▸ " : "  ") + name, x: inner.x + 2, y: y, maxWidth: inner.width - 3,
                  style: selected ? Style(.selection, bold: true) : .plain)
            y += 1
        }
        y += 1
        let label = S.passphrase.text(L)
        b.set(label, x: inner.x + 1, y: y, style: Style(.muted))
        // Never echo the passphrase, not even its length exactly. The dots
        // start after the label ("Passphrase" is wider than "口令").
        let dotsX = inner.x + max(10, TextWidth.of(label) + 2)
        let dots = String(repeating: "•", count: min(s.passphrase.text.count, 24))
        b.set(dots, x: dotsX, y: y, maxWidth: inner.maxX - dotsX)
        b.cursor = (min(inner.maxX - 1, dotsX + dots.count), y)
        if s.unlockWait > 0 {
            b.set(S.waitBeforeRetry.format(L, s.unlockWait), x: inner.x + 1, y: inner.maxY - 1 - max(1, message.count),
                  maxWidth: inner.width - 2, style: Style(.warning2, bold: true))
        }
        for (i, line) in message.enumerated() {
            b.set(line, x: inner.x + 1, y: inner.maxY - message.count + i, maxWidth: inner.width - 2, style: Style(.violation))
        }
        // The lock screen offers no way out but a passphrase.
        let quit = s.lockedBy == nil ? [("F10", S.hintQuit.text(L))] : []
        StatusBar(hints: [("↑↓", S.hintChooseAccount.text(L)), ("Enter", S.hintUnlock.text(L))] + quit)
            .render(into: &b, b.area.row(s.height - 1))
    }

    // MARK: - main screen

    static func main(_ s: AppState, _ b: inout Buffer) {
        let rows = mainRows(s)
        titleBar(s, &b, rows[0])
        for (p, area) in paneAreas(s, rows[1]) { pane(p, s, &b, area) }
        for (i, line) in messageLines(s).enumerated() { b.set(line.text, x: 1, y: rows[2].y + i, maxWidth: s.width - 2, style: line.style) }
        // Help is always offered; the other hints show whole or not at all.
        let hints = Command.hints(s)
        let help = Command.command(.help)
        // In the search box `?` is typed, so only F1 is offered there.
        StatusBar(hints: hints.filter { $0.label != help.shortText(s.language) },
                  pinned: (s.filtering ? "F1" : help.label, help.shortText(s.language)))
            .render(into: &b, rows[3])
        if let modal = s.modal { overlay(modal, s, &b) }
    }

    /// Title, panes, the message line(s), key hints.
    static func mainRows(_ s: AppState) -> [Rect] {
        Layout.split(Rect(x: 0, y: 0, width: s.width, height: s.height), .vertical,
                     [.length(1), .fill(1), .length(messageLines(s).count), .length(1)])
    }

    /// The message line: the answer to the last key, and under it an
    /// urgent instruction with how to acknowledge it; wrapped, never cut,
    /// the instruction on three lines at most.
    static func messageLines(_ s: AppState) -> [(text: String, style: Style)] {
        let L = s.language, width = max(10, s.width - 2)
        let message = s.message.isEmpty ? [] : TextWidth.wrap(s.message, width: width).prefix(s.urgent.isEmpty ? 3 : 1)
            .map { (text: $0, style: Style(.accent, bold: true)) }
        let urgent = s.urgent.isEmpty ? [] : TextWidth.wrap(s.urgent + "  " + S.acknowledge.text(L), width: width).prefix(3)
            .map { (text: $0, style: Style(.violation, bold: true)) }
        let lines = message + urgent
        return lines.isEmpty ? [(text: "", style: .plain)] : lines
    }

    /// Where each shown pane goes between the title and the status bar:
    /// the four quarters, or the focused pane alone when maximised.
    static func paneAreas(_ s: AppState, _ area: Rect) -> [(Pane, Rect)] {
        if s.maximized { return [(s.pane, area)] }
        let halves = Layout.split(area, .vertical, [.percentage(58), .fill(1)])
        let top = Layout.split(halves[0], .horizontal, [.percentage(46), .fill(1)])
        let bottom = Layout.split(halves[1], .horizontal, [.percentage(46), .fill(1)])
        return [(.students, top[0]), (.file, top[1]), (.roster, bottom[0]), (.crisis, bottom[1])]
    }

    /// The inside of `pane`'s frame on the main screen, if it is shown.
    static func innerArea(_ pane: Pane, _ s: AppState) -> Rect? {
        return paneAreas(s, mainRows(s)[1]).first { $0.0 == pane }.map { Rect(x: $0.1.x + 1, y: $0.1.y + 1, width: $0.1.width - 2, height: $0.1.height - 2) }
    }

    static func titleBar(_ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        b.fill(area, style: Style(.header, reverse: true))
        let names = s.roles.sorted().map { $0.displayName.text(L) }
        let roles = S.parenthesized.format(L, names.joined(separator: S.listSeparator.text(L)))
        let duty = s.currentCheckIn.map { S.onDutySince.format(L, $0.checkIn.clock) }
            ?? s.missedCheckOut.map { S.onDutySinceDay.format(L, $0.checkIn.monthDayClock) }
            ?? S.offDuty.text(L)
        let clock = "\(s.now.day) \(s.now.clock)"
        // A space is kept before the clock however long the rest is; when
        // it is too long the roles go first (the duty state matters more),
        // then words, never half of one.
        let room = area.width - TextWidth.of(clock) - 2
        var text = " 心 desk │ \(s.accountName)\(roles)│ \(duty)"
        if TextWidth.of(text) > room { text = " 心 desk │ \(s.accountName) │ \(duty)" }
        b.set(TextWidth.abbreviate(text, to: room), x: 0, y: area.y, maxWidth: room, style: Style(.header, bold: true, reverse: true))
        b.set(clock, x: area.maxX - TextWidth.of(clock) - 1, y: area.y, style: Style(.header, reverse: true))
    }

    static func title(_ pane: Pane, _ s: AppState) -> String {
        let L = s.language
        let number = "\(pane.rawValue + 1) "
        switch pane {
        case .students:
            guard s.showsQueue else { return number + "\(S.students.text(L)) (\(s.visible.count))" }
            let lacking = s.queue.filter { !$0.missing.isEmpty }.count
            return number + S.keyAttention.text(L) + " (" + (lacking == 0 ? "\(s.queue.count)" : S.queueLacking.format(L, s.queue.count, lacking)) + ")"
        case .file:
            if s.isDutyOnly { return number + S.visitsToday.text(L) }
            if s.isHead { return number + S.compliance.text(L) }
            // The file names its student, as the crisis pane does: the one F4 and e act on here.
            return number + (s.file.map { S.fileOf.format(L, $0.student.name) } ?? S.file.text(L))
        case .roster: return number + S.roster.text(L)
        // The pane always names the student its steps are about.
        case .crisis: return number + (s.crisisStudent.map { S.crisisFor.format(L, s.studentName($0)) } ?? S.crisis.text(L))
        }
    }

    static func pane(_ pane: Pane, _ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let focused = s.pane == pane
        let inner = Block(title: title(pane, s), style: Style(focused ? .accent : .border),
                          titleStyle: Style(focused ? .accent : .header, bold: true)).render(into: &b, area)
        guard !inner.isEmpty else { return }
        switch pane {
        case .students: StudentPane.render(s, &b, inner, focused: focused)
        case .file:
            if s.isDutyOnly { VisitRegisterPane.render(s, &b, inner) }
            else if s.isHead { CompliancePane.render(s, &b, inner) }
            else { FilePane.render(s, &b, inner) }
        case .roster: RosterPane.render(s, &b, inner)
        case .crisis: CrisisPane.render(s, &b, inner)
        }
    }

    static func overlay(_ modal: Modal, _ s: AppState, _ b: inout Buffer) {
        let L = s.language
        switch modal {
        case .help:
            let commands = Command.table.filter { !$0.label.isEmpty && $0.allowed(s.roles) }
            var lines = commands.map { TextWidth.pad($0.label, to: 8) + $0.text.text(L) }
            // Too many for the screen's height (a counselor who administers,
            // at 80×24): as many columns as it takes for every command to
            // show, each entry clipped to its column; from three columns on,
            // the short text (before any parenthesis).
            // Below the commands, what the level and crisis words mean.
            let glossary = S.levelGlossary.map { $0.text(L) }
            let rows = max(1, b.area.height - 6 - glossary.count)
            if lines.count > rows {
                let columns = (lines.count + rows - 1) / rows, perColumn = (lines.count + columns - 1) / columns
                let width = max(10, (b.area.width - 8) / columns)
                if columns > 2 { lines = commands.map { TextWidth.pad($0.label, to: 8) + $0.shortText(L) } }
                lines = (0..<perColumn).map { row in
                    (0..<columns).compactMap { column -> String? in
                        let index = column * perColumn + row
                        guard index < lines.count else { return nil }
                        let cell = TextWidth.clip(lines[index], to: width - 1)
                        return column == columns - 1 ? cell : TextWidth.pad(cell, to: width)
                    }.joined()
                }
            }
            Dialog(title: S.help.text(L), lines: lines + glossary, buttons: [S.anyKeyCloses.text(L)]).render(into: &b, b.area)
        case .setup:
            if let facts = s.setup { SetupChecklistView.render(facts, L, &b) }
        case .confirmQuit:
            Dialog.confirm(title: S.quitTitle.text(L), question: S.quitQuestion.text(L), yes: S.yesNo.text(L), no: "")
                .render(into: &b, b.area)
        case .confirmDiscard:
            Dialog.confirm(title: S.discardTitle.text(L), question: S.discardQuestion.text(L), yes: S.discardYesNo.text(L), no: "")
                .render(into: &b, b.area)
        case .confirmCheckIn:
            Dialog.confirm(title: S.nobodyOnDutyTitle.text(L), question: S.nobodyOnDutyQuestion.text(L), yes: S.checkInYesNo.text(L), no: "")
                .render(into: &b, b.area)
        case .confirmCheckOut(let open):
            Dialog.confirm(title: S.checkOutTitle.text(L), question: S.checkOutQuestion.format(L, open.checkIn.clock), yes: S.checkOutYesNo.text(L), no: "")
                .render(into: &b, b.area)
        case .confirmQuitOnDuty(let open, _):
            Dialog.confirm(title: S.quitTitle.text(L), question: S.quitOnDutyQuestion.format(L, open.checkIn.clock), yes: S.quitOnDutyYesNo.text(L), no: "")
                .render(into: &b, b.area)
        case .confirmRemoveShift(let shift):
            Dialog(title: S.removeShiftTitle.text(L), lines: [RosterPane.text(shift, s), S.removeShiftQuestion.text(L)],
                   buttons: [S.removeYesNo.text(L)]).render(into: &b, b.area)
        case .palette(let p):
            let matches = p.matches(s)
            // Nothing matching says so (and how to search), never an empty box.
            let none = matches.isEmpty ? TextWidth.wrap(S.paletteNoMatch.format(L, p.query.text), width: min(s.width - 4, 60) - 2) : []
            let box = b.area.centered(width: min(s.width - 4, 60), height: min(s.height - 2, matches.count + none.count + 4))
            b.fill(box, style: .plain)
            let inner = Block(title: S.paletteTitle.text(L), style: Style(.accent)).render(into: &b, box)
            b.set(":", x: inner.x, y: inner.y, style: Style(.accent, bold: true))
            p.query.render(into: &b, Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1), focused: true)
            for (i, line) in none.enumerated() where inner.y + 1 + i < inner.maxY {
                b.set(line, x: inner.x, y: inner.y + 1 + i, maxWidth: inner.width, style: Style(.warning1))
            }
            for (i, c) in matches.enumerated() where inner.y + 1 + i < inner.maxY {
                b.set(TextWidth.pad(c.label, to: 8) + c.shortText(L), x: inner.x, y: inner.y + 1 + i, maxWidth: inner.width,
                      style: i == p.selected ? Style(.selection, reverse: true) : .plain)
            }
        case .form(let f):
            formBox(f, s, &b)
        case .peers(let peers):
            peers.render(s, &b)
        case .fileReaders(let readers):
            readers.render(s, &b)
        case .note(let n):
            let box = b.area.centered(width: min(s.width - 4, 76), height: min(s.height - 2, 18))
            b.fill(box, style: .plain)
            let inner = Block(title: S.noteTitle.text(L) + " · " + n.studentName, style: Style(.accent)).render(into: &b, box)
            var text = n.text
            text.render(into: &b, Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), focused: true)
            b.set(S.noteHint.text(L), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: Style(.accent, bold: true))
        }
    }

    static func formBox(_ f: FormModal, _ s: AppState, _ b: inout Buffer) {
        let width = min(s.width - 4, 76)
        // Long hints wrap inside the box rather than being cut off.
        let hint = f.hint.split(separator: "\n").flatMap { TextWidth.wrap(String($0), width: width - 2) }
        let problem = f.problem.map { TextWidth.wrap("⚠ " + $0, width: width - 2) } ?? []
        let box = b.area.centered(width: width, height: min(s.height - 1, hint.count + problem.count + f.form.height(width: width - 2) + 5))
        b.fill(box, style: .plain)
        let inner = Block(title: f.title, style: Style(.accent)).render(into: &b, box)
        var y = inner.y
        for line in hint where y < inner.maxY - 2 {
            b.set(line, x: inner.x, y: y, maxWidth: inner.width, style: Style(.muted))
            y += 1
        }
        y += 1
        f.form.render(into: &b, Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - 1 - problem.count - y)))
        for (i, line) in problem.enumerated() {
            b.set(line, x: inner.x, y: inner.maxY - 1 - problem.count + i, maxWidth: inner.width, style: Style(.violation, bold: true))
        }
        b.set(f.keys.text(s.language), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: Style(.accent, bold: true))
    }
}
