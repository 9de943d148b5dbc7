import Counseling
import Store
import Terminal

/// The peer supporters (心理委员) of every class, in a box over the main
/// screen: ↑↓ choose a class, Enter names its supporters, Esc closes.
public struct PeerSupporterList: Hashable, Sendable {
    public var classes: [PeerSupporterClass]
    public var list = ListState()

    public init(classes: [PeerSupporterClass]) { self.classes = classes }

    var selected: PeerSupporterClass? { classes.indices.contains(list.selected) ? classes[list.selected] : nil }

    /// One line per class: its supporters (name, gender) and what it lacks.
    func lines(_ L: Language) -> [String] {
        classes.map { entry in
            let names = entry.supporters.map { S.peerName.format(L, $0.name, $0.gender.displayName.text(L)) }
            let named = names.isEmpty ? S.peersNone.text(L) : names.joined(separator: S.listSeparator.text(L))
            return TextWidth.pad(entry.ref.className, to: 12) + named + (entry.shortfall.map { "  [" + $0.message.text(L) + "]" } ?? "")
        }
    }

    func render(_ s: AppState, _ b: inout Buffer) {
        let L = s.language
        let box = b.area.centered(width: min(s.width - 4, 76), height: min(s.height - 2, classes.count + 4))
        b.fill(box, style: .plain)
        let inner = Block(title: S.peersTitle.text(L), style: Style(.accent)).render(into: &b, box)
        var state = list
        ListView(items: lines(L)).render(into: &b, Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1)),
                                         state: &state)
        b.set(S.peersKeys.text(L), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: Style(.accent, bold: true))
    }
}

/// Naming a class's peer supporters by their student numbers.
extension FormModal {
    static func peerSupporters(_ entry: PeerSupporterClass, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.peerSupporters(entry.ref, basedOn: entry.supporters.map(\.id)),
                         title: S.peersFormTitle.text(L) + " · " + entry.ref.className, hint: S.peersFormHint.text(L),
                         fields: [Form.Field(label: S.studentNumber.text(L), text: entry.supporters.map(\.number).joined(separator: " "),
                                             limit: 80)])
    }
}

enum PeerSupporterInput {
    static func read(_ f: inout FormModal, _ ref: ClassRef, basedOn base: [StudentID], _ s: inout AppState) -> Effect? {
        let numbers = f.text(0).split(whereSeparator: { $0.isWhitespace || ",，、;；".contains($0) }).map { Student.normalizedNumber(String($0)) }
        var chosen: [StudentID] = []
        for number in numbers {
            guard let student = s.students.first(where: { $0.number == number && $0.leaving == nil }) else {
                f.fail(0, S.peerNumberUnknown.formatted(number), s.language)
                return nil
            }
            chosen.append(student.id)
        }
        return .execute(.namePeerSupporters(ref, chosen, basedOn: base))
    }
}
