import Counseling
import Store
import Terminal

/// The counselor's view of one student: the essentials, then the whole
/// chronology, newest first.
enum FilePane {
    static func render(_ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        guard let file = s.file else {
            b.set(S.noStudent.text(L), x: area.x, y: area.y, maxWidth: area.width, style: Style(.muted))
            return
        }
        let st = file.student
        b.set("\(st.name)  \(st.className)  \(st.number)", x: area.x, y: area.y, maxWidth: area.width, style: Style(.header, bold: true))
        var info = "\(S.level.text(L))\(S.colon.text(L))\(file.level.displayName.text(L))"
        if let plan = file.currentPlan { info += "  · \(plan.responsibleLeader)" }
        if let next = file.nextFollowUp { info += "  · \(S.nextFollowUp.text(L))\(S.colon.text(L))\(next.due)" }
        b.set(info, x: area.x, y: area.y + 1, maxWidth: area.width, style: StudentPane.levelStyle(file.level))
        var top = 2
        var notices: [String] = []
        if let pending = file.screeningProposals.first(where: { $0.status == .pending }) {
            notices.append(S.proposalPending.format(L, pending.suggestedLevel.displayName.text(L)))
        }
        if file.closings.contains(where: \.isPending) { notices.append(S.closingPendingHere.text(L)) }
        if let leaving = file.student.leaving {
            // Off the lists, the file kept: when and why it left them.
            let reason = WithheldText.shown(leaving.reason, L)
            notices.append(S.leftSince.format(L, leaving.displayName.text(L), leaving.on.description)
                           + (reason.isEmpty ? "" : S.colon.text(L) + Sanitizer.oneLine(reason)))
        }
        for notice in notices where top < area.height - 1 {
            b.set(notice, x: area.x, y: area.y + top, maxWidth: area.width, style: Style(.accent, bold: true))
            top += 1
        }
        let lines = chronology(file, L, staff: s.staff, width: area.width, full: s.maximized)
        let start = min(s.fileScroll, maxScroll(lines: lines.count, rows: area.height - top))
        for (i, line) in lines.dropFirst(start).enumerated() where i + top < area.height {
            b.set(line, x: area.x, y: area.y + top + i, maxWidth: area.width)
        }
        // More above or below than the pane shows: say so in its corner.
        if start > 0 || start + area.height - top < lines.count {
            let mark = "\(start > 0 ? "↑" : " ")\(start + area.height - top < lines.count ? "↓" : " ")"
            b.set(mark, x: area.maxX - 2, y: area.y, style: Style(.muted))
        }
    }

    /// The chronology, newest first, to `width`: in full when maximised.
    static func chronology(_ file: StudentFile, _ language: Language, staff: [Staff], width: Int, full: Bool) -> [String] {
        Chronology.entries(for: file).reversed().flatMap { ChronologyText.lines($0, language, staff: staff, width: width, full: full) }
    }

    /// Maximising keeps the event at the top of the chronology at the top:
    /// the counselor who scrolled to an old note and maximises reads it.
    static func scrollKeepingTopEvent(from before: AppState, to after: AppState) -> Int {
        guard let file = before.file, let old = Render.innerArea(.file, before), let new = Render.innerArea(.file, after) else { return 0 }
        let entries = Chronology.entries(for: file).reversed()
        func counts(_ width: Int, _ full: Bool) -> [Int] { entries.map { ChronologyText.lines($0, before.language, staff: before.staff, width: width, full: full).count } }
        var line = 0, event = 0
        for n in counts(old.width, before.maximized) {
            if line + n > before.fileScroll { break }
            line += n
            event += 1
        }
        return min(scrollLimit(after), counts(new.width, after.maximized).prefix(event).reduce(0, +))
    }

    static func maxScroll(lines: Int, rows: Int) -> Int { max(0, lines - max(1, rows)) }

    /// How far the chronology can scroll in the pane as it is laid out now,
    /// so ↓ held down stops at the last line and ↑ comes back at once.
    static func scrollLimit(_ s: AppState) -> Int {
        guard let file = s.file, let area = Render.innerArea(.file, s) else { return 0 }
        let notices = (file.screeningProposals.contains { $0.status == .pending } ? 1 : 0) + (file.closings.contains(where: \.isPending) ? 1 : 0)
            + (file.student.leaving == nil ? 0 : 1)
        return maxScroll(lines: chronology(file, s.language, staff: s.staff, width: area.width, full: s.maximized).count, rows: area.height - 2 - notices)
    }
}

/// What a duty teacher sees instead of files: today's visit register,
/// without briefs (clinical text is for counselors).
enum VisitRegisterPane {
    static func render(_ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        b.set(S.notForDuty.text(L), x: area.x, y: area.y, maxWidth: area.width, style: Style(.muted))
        for (i, v) in s.todaysVisits.suffix(max(0, area.height - 1)).enumerated() {
            let name = v.student.flatMap { id in s.students.summary(id)?.name } ?? S.anonymous.text(L)
            let time = v.start.clock
            b.set("\(time)  \(name)  \(v.channel.displayName.text(L))", x: area.x, y: area.y + 1 + i, maxWidth: area.width)
        }
    }
}
