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
        let box = b.area.centered(width: 52, height: min(s.height, s.accounts.count + 9))
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
        b.set(S.passphrase.text(L), x: inner.x + 1, y: y, style: Style(.muted))
        // Never echo the passphrase, not even its length exactly.
        let dots = String(repeating: "•", count: min(s.passphrase.text.count, 24))
        b.set(dots, x: inner.x + 10, y: y, maxWidth: inner.width - 11)
        b.cursor = (min(inner.maxX - 1, inner.x + 10 + dots.count), y)
        if !s.unlockMessage.isEmpty {
            b.set(s.unlockMessage, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 2, style: Style(.violation))
        }
        StatusBar(hints: [("↑↓", L == .zhHans ? "选择账户" : "account"), ("Enter", L == .zhHans ? "解锁" : "unlock"),
                          ("F10", L == .zhHans ? "退出" : "quit")]).render(into: &b, b.area.row(s.height - 1))
    }

    // MARK: - main screen

    static func main(_ s: AppState, _ b: inout Buffer) {
        let L = s.language
        let rows = Layout.split(b.area, .vertical, [.length(1), .fill(1), .length(1)])
        titleBar(s, &b, rows[0])
        if s.maximized {
            pane(s.pane, s, &b, rows[1])
        } else {
            let halves = Layout.split(rows[1], .vertical, [.percentage(58), .fill(1)])
            let top = Layout.split(halves[0], .horizontal, [.percentage(46), .fill(1)])
            let bottom = Layout.split(halves[1], .horizontal, [.percentage(46), .fill(1)])
            pane(.students, s, &b, top[0])
            pane(.file, s, &b, top[1])
            pane(.roster, s, &b, bottom[0])
            pane(.crisis, s, &b, bottom[1])
        }
        StatusBar(hints: Command.hints(roles: s.roles, language: L), message: s.message).render(into: &b, rows[2])
        if let modal = s.modal { overlay(modal, s, &b) }
    }

    static func titleBar(_ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        b.fill(area, style: Style(.header, reverse: true))
        let roles = s.roles.sorted().map { $0.displayName.text(L) }.joined(separator: "、")
        let duty = s.currentCheckIn.map { S.onDutySince.format(L, String($0.checkIn.description.dropFirst(11).prefix(5))) }
            ?? S.offDuty.text(L)
        let clock = "\(s.now.day) \(String(s.now.description.dropFirst(11).prefix(5)))"
        b.set(" 心 desk │ \(s.account)（\(roles)）│ \(duty)", x: 0, y: area.y, maxWidth: area.width - TextWidth.of(clock) - 1,
              style: Style(.header, bold: true, reverse: true))
        b.set(clock, x: area.maxX - TextWidth.of(clock) - 1, y: area.y, style: Style(.header, reverse: true))
    }

    static func title(_ pane: Pane, _ s: AppState) -> String {
        let L = s.language
        let number = "\(pane.rawValue + 1) "
        switch pane {
        case .students: return number + (s.showsQueue ? "\(S.keyAttention.text(L)) (\(s.queue.count))" : "\(S.students.text(L)) (\(s.visible.count))")
        case .file: return number + (s.isDutyOnly ? S.visitsToday.text(L) : s.isHead ? S.compliance.text(L) : S.file.text(L))
        case .roster: return number + S.roster.text(L)
        case .crisis: return number + S.crisis.text(L)
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
            let lines = Command.table.filter { !$0.label.isEmpty && $0.allowed(s.roles) }
                .map { TextWidth.pad($0.label, to: 8) + $0.text.text(L) }
            Dialog(title: S.help.text(L), lines: lines, buttons: [L == .zhHans ? "任意键关闭" : "any key closes"]).render(into: &b, b.area)
        case .confirmQuit:
            Dialog.confirm(title: S.quitTitle.text(L), question: S.quitQuestion.text(L), yes: S.yesNo.text(L), no: "")
                .render(into: &b, b.area)
        case .visit(let v):
            formBox(title: S.newVisit.text(L) + " · " + v.studentName, hint: L == .zhHans
                    ? "渠道 1来访 2预约 3电话 4网络 5团体；原因 1学业 2人际 3家庭 4情绪 5自伤念头 6其他"
                    : "channel 1 walk-in 2 appointment 3 phone 4 online 5 group; reasons 1 study 2 relationships 3 family 4 emotions 5 self-harm 6 other",
                    form: v.form, s, &b)
        case .followUp(let f):
            formBox(title: (L == .zhHans ? "追踪 · " : "Follow-up · ") + f.studentName + " · " + f.followUp.due.description,
                    hint: L == .zhHans ? "写下追踪所见，Enter 保存" : "what the follow-up found; Enter saves", form: f.form, s, &b)
        case .proposal(let p):
            formBox(title: (L == .zhHans ? "测评建议 · " : "Screening proposal · ") + p.studentName,
                    hint: L == .zhHans ? "决定 1确认 2驳回；确认时设等级（2严重 3重大）；理由必填"
                                       : "decision 1 confirm 2 dismiss; on confirm the level (2 severe 3 major); a reason is required",
                    form: p.form, s, &b)
        case .note(let n):
            let box = b.area.centered(width: min(s.width - 4, 76), height: min(s.height - 2, 18))
            b.fill(box, style: .plain)
            let inner = Block(title: S.noteTitle.text(L) + " · " + n.studentName, style: Style(.accent)).render(into: &b, box)
            var text = n.text
            text.render(into: &b, Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), focused: true)
            b.set(S.noteHint.text(L), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: Style(.accent, bold: true))
        case .appointment(let a):
            formBox(title: S.bookTitle.text(L) + " · " + a.studentName,
                    hint: L == .zhHans ? "渠道 1当面 2电话 3网络；30 分钟" : "channel 1 in person 2 phone 3 online; 30 minutes",
                    form: a.form, s, &b)
        case .level(let l):
            formBox(title: S.changeLevel.text(L) + " · " + l.studentName + " (" + l.from.displayName.text(L) + ")",
                    hint: L == .zhHans ? "等级 0无 1一般 2严重 3重大；理由必填" : "level 0 none 1 general 2 severe 3 major; a reason is required",
                    form: l.form, s, &b)
        }
    }

    static func formBox(title: String, hint: String, form: Form, _ s: AppState, _ b: inout Buffer) {
        let box = b.area.centered(width: min(s.width - 4, 76), height: form.fields.count * 2 + 5)
        b.fill(box, style: .plain)
        let inner = Block(title: title, style: Style(.accent)).render(into: &b, box)
        b.set(hint, x: inner.x, y: inner.y, maxWidth: inner.width, style: Style(.muted))
        form.render(into: &b, Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 3))
        b.set(S.save.text(s.language), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: Style(.accent, bold: true))
    }
}
