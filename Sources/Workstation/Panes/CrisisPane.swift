import Counseling
import Store
import Terminal

/// The crisis checklist: each step ticked with its time, and the hotlines.
enum CrisisPane {
    static func render(_ s: AppState, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        var y = area.y
        if s.crisisRun == nil {
            b.set(S.noRun.text(L), x: area.x, y: y, maxWidth: area.width, style: Style(.muted))
            y += 1
        }
        if let handover = s.crisisRun?.handover {
            let line = handover.takenBy.map { S.handoverTakenBy.format(L, s.staffName($0), handover.takenAt?.clock ?? "") }
                ?? S.handedTo.format(L, s.staffName(handover.to), handover.at.clock)
            b.set(line, x: area.x, y: y, maxWidth: area.width, style: Style(.accent, bold: true))
            y += 1
        }
        for (i, step) in s.checklist.steps.enumerated() where y < area.maxY - 1 {
            let record = s.crisisRun?.stepRecord(for: step.id)
            let mark = record.map { "✓ " + $0.at.clock } ?? "□     "
            let style = i == s.crisisStep && s.pane == .crisis && s.crisisRun != nil ? Style(.selection, reverse: true)
                : record != nil ? Style(.ok) : .plain
            b.set("\(mark) \(i + 1). \(step.title.text(L))", x: area.x, y: y, maxWidth: area.width, style: style)
            y += 1
        }
        let lines = s.checklist.hotlines.map { "\($0.number) \($0.name.text(L))" }.joined(separator: " · ")
        b.set(S.hotlines.text(L) + S.colon.text(L) + lines, x: area.x, y: area.maxY - 1, maxWidth: area.width, style: Style(.accent))
    }
}
