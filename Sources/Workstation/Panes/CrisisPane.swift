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
        // The hotlines at the bottom, each number whole, on the lines the
        // steps leave (two at least): with their names when all fit, else
        // the numbers alone.
        let lead = S.hotlines.text(L) + S.colon.text(L)
        let hotlineRows = max(2, area.maxY - y - s.checklist.steps.count)
        var hotlines = TextWidth.pack(s.checklist.hotlines.map { "\($0.number) \($0.name.text(L))" }, lead: lead, separator: " · ",
                                      width: area.width, lines: hotlineRows)
        if !s.checklist.hotlines.allSatisfy({ number in hotlines.contains { $0.contains(number.number) } }) {
            hotlines = TextWidth.pack(s.checklist.hotlines.map(\.number), lead: lead, separator: " · ", width: area.width, lines: 2)
        }
        for (i, line) in hotlines.enumerated() {
            b.set(line, x: area.x, y: area.maxY - hotlines.count + i, maxWidth: area.width, style: Style(.accent))
        }
        // A step is read whole or shortened at a clause, never mid-word or
        // mid-number; the one being done is written out in full.
        for (i, step) in s.checklist.steps.enumerated() where y < area.maxY - hotlines.count {
            let record = s.crisisRun?.stepRecord(for: step.id)
            let mark = record.map { "✓ " + $0.at.clock } ?? "□     "
            let current = i == s.crisisStep && s.pane == .crisis && s.crisisRun != nil
            let style = current ? Style(.selection, reverse: true) : record != nil ? Style(.ok) : .plain
            let head = "\(mark) \(i + 1). "
            let room = max(1, area.width - TextWidth.of(head))
            let text = current ? TextWidth.wrap(step.title.text(L), width: room) : [TextWidth.abbreviate(step.title.text(L), to: room)]
            for (n, line) in text.enumerated() where y < area.maxY - hotlines.count {
                b.set((n == 0 ? head : String(repeating: " ", count: TextWidth.of(head))) + line, x: area.x, y: y, maxWidth: area.width, style: style)
                y += 1
            }
        }
    }
}
