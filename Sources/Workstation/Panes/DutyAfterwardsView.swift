import Counseling
import Store
import Terminal

/// The compliance view's part about duty records after the fact: how many
/// check-ins were entered afterwards or corrected, and the violations as a
/// list the head picks from, each with its explanation beside it (the
/// selected one's in full, with who wrote it and when).
enum DutyAfterwardsView {
    /// The counts line, if any check-in was recorded afterwards; the next free row.
    static func render(_ s: AppState, _ report: ComplianceReport, _ b: inout Buffer, _ area: Rect) -> Int {
        let amended = report.amendedCheckIns
        guard !amended.isEmpty, area.height > 0 else { return area.y }
        let entered = amended.filter { $0.amendment?.kind == .entered }.count
        b.set(S.amendedCounts.format(s.language, entered, amended.count - entered), x: area.x, y: area.y,
              maxWidth: area.width, style: Style(.warning1))
        return area.y + 1
    }

    static func violations(_ s: AppState, _ report: ComplianceReport, _ b: inout Buffer, _ area: Rect) {
        let L = s.language
        guard area.height > 0 else { return }
        let names = Dictionary(s.staff.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let listed = s.listedViolations
        let rows = listed.map { v -> String in
            let line = "\(v.day)  \(v.reason.text(L))"
            guard let note = report.note(for: v) else { return line }
            return line + "  ✎ " + Sanitizer.oneLine(note.text)
        }
        // The selected violation's explanation in full on the last row, when there is room.
        let selectedNote = s.selectedViolation.flatMap(report.note(for:))
        let detail = selectedNote != nil && area.height > 2 ? 1 : 0
        var list = s.violationList
        ListView(items: rows, styles: listed.map { report.note(for: $0) == nil ? Style() : Style(.accent) })
            .render(into: &b, Rect(x: area.x, y: area.y, width: area.width, height: area.height - detail),
                    state: &list, focused: s.pane == .file)
        if detail == 1, let selectedNote {
            let text = DutyAfterwardsText.note(selectedNote, by: names[selectedNote.by] ?? selectedNote.by.rawValue).text(L)
            b.set(Sanitizer.oneLine(text), x: area.x, y: area.maxY - 1, maxWidth: area.width, style: Style(.accent))
        }
    }
}
