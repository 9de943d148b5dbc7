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
        var info = "\(S.level.text(L))\(L == .zhHans ? "：" : ": ")\(file.level.displayName.text(L))"
        if let plan = file.currentPlan { info += "  · \(plan.responsibleLeader)" }
        if let next = file.nextFollowUp { info += "  · \(S.nextFollowUp.text(L))\(L == .zhHans ? "：" : ": ")\(next.due)" }
        b.set(info, x: area.x, y: area.y + 1, maxWidth: area.width, style: StudentPane.levelStyle(file.level))
        var top = 2
        var notices: [String] = []
        if let pending = file.screeningProposals.first(where: { $0.status == .pending }) {
            notices.append(S.proposalPending.format(L, pending.suggestedLevel.displayName.text(L)))
        }
        if file.closings.contains(where: \.isPending) { notices.append(S.closingPendingHere.text(L)) }
        for notice in notices where top < area.height - 1 {
            b.set(notice, x: area.x, y: area.y + top, maxWidth: area.width, style: Style(.accent, bold: true))
            top += 1
        }
        let entries = Chronology.entries(for: file).reversed().map { ChronologyText.line($0, L) }
        let start = min(s.fileScroll, max(0, entries.count - 1))
        for (i, line) in entries.dropFirst(start).enumerated() where i + top < area.height {
            b.set(line, x: area.x, y: area.y + top + i, maxWidth: area.width)
        }
    }
}

/// What a duty teacher sees instead of files: today's visit register,
/// without briefs (clinical text is for counselors).
enum VisitRegisterPane {
    static func render(_ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        b.set(S.notForDuty.text(L), x: area.x, y: area.y, maxWidth: area.width, style: Style(.muted))
        for (i, v) in s.todaysVisits.suffix(max(0, area.height - 1)).enumerated() {
            let name = v.student.flatMap { id in s.students.first { $0.id == id }?.name } ?? S.anonymous.text(L)
            let time = String(v.start.description.dropFirst(11).prefix(5))
            b.set("\(time)  \(name)  \(v.channel.displayName.text(L))", x: area.x, y: area.y + 1 + i, maxWidth: area.width)
        }
    }
}
