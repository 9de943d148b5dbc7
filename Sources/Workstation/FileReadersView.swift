import Counseling
import Store
import Terminal

/// Who opened a student's file or printed a form about them, and when, in
/// a box over the main screen (heads and counselors; the audit log's
/// entries, nothing of the file): ↑↓ scroll, Esc closes. `xindesk print
/// file-readers` prints the same.
public struct FileReadersList: Hashable, Sendable {
    public var student: StudentID
    public var readings: [FileReading]
    public var list = ListState()

    public init(student: StudentID, readings: [FileReading]) {
        self.student = student
        self.readings = readings
        // The newest first in view: the list opens at its end.
        list.selected = max(0, readings.count - 1)
    }

    func lines(_ s: AppState) -> [String] {
        let L = s.language
        return readings.map { r in
            "\(r.at.day) \(r.at.clock)  " + TextWidth.pad(StaffName.of(r.actor, in: s.staff, L), to: 10)
                + (r.printed ? S.readerPrinted : S.readerOpened).text(L)
        }
    }

    func render(_ s: AppState, _ b: inout Buffer) {
        let L = s.language
        let rows = readings.isEmpty ? [S.readersNone.text(L)] : lines(s)
        let box = b.area.centered(width: min(s.width - 4, 60), height: min(s.height - 2, rows.count + 5))
        b.fill(box, style: .plain)
        let inner = Block(title: S.readersTitle.format(L, s.studentName(student)), style: Style(.accent)).render(into: &b, box)
        var state = list
        ListView(items: rows).render(into: &b, Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 2)),
                                     state: &state)
        b.set(S.readersNote.text(L), x: inner.x, y: inner.maxY - 2, maxWidth: inner.width, style: Style(.muted))
        b.set(S.readersKeys.text(L), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: Style(.accent, bold: true))
    }
}
