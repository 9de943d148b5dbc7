import Counseling
import Store
import Terminal

/// Adding a duty shift to the roster, or moving the selected one (another
/// day, time or person). The store checks the school calendar and the
/// person's other shifts; the form explains what it can at once.
extension FormModal {
    static func shift(_ editing: PlannedShift?, _ s: AppState) -> FormModal {
        let L = s.language
        let day = editing?.day ?? ShiftPerson.nextSchoolDay(s)
        let person = editing.map { s.staffName($0.person) } ?? ""
        return FormModal(.shift(editing: editing), title: (editing == nil ? S.shiftAddTitle : S.shiftMoveTitle).text(L),
                         hint: S.shiftHint.text(L) + ShiftPerson.codes(s),
                         fields: [Form.Field(label: S.date.text(L), text: day.description),
                                  Form.Field(label: S.start.text(L), text: editing.map { "\($0.span.start.time)" } ?? "12:00"),
                                  Form.Field(label: S.end.text(L), text: editing.map { "\($0.span.end.time)" } ?? "13:30"),
                                  Form.Field(label: S.dutyPerson.text(L), text: person, limit: 60)],
                         focus: editing == nil ? 3 : 0)
    }
}

enum ShiftInput {
    static func read(_ f: inout FormModal, editing: PlannedShift?, _ s: inout AppState) -> Effect? {
        let L = s.language
        let day = f.day(0, .date, L, today: s.now.day)
        let start = ShiftPerson.time(&f, 1, .start, L), end = ShiftPerson.time(&f, 2, .end, L)
        let person = ShiftPerson.resolve(&f, 3, s)
        guard f.isValid, let day, let start, let end, let person else { return nil }
        let shift = PlannedShift(id: editing?.id ?? s.nextID("shift"), person: person, span: TimeSpan(on: day, from: start, to: end))
        // Explained here at once, in full below the fields; the store
        // checks again against the whole roster.
        if let calendar = s.calendar,
           let problem = DutyRoster.problem(adding: shift, to: s.shifts, calendar: calendar, now: s.now) {
            f.problem = problem.message.text(L)
            return nil
        }
        if let editing { return .execute(.moveShift(shift, basedOn: editing)) }
        return .execute(.addShift(shift))
    }
}

/// What the roster forms share: who can be on duty, a person as typed, the
/// day a new shift most likely goes on.
enum ShiftPerson {
    /// The people a shift is usually for: duty teachers, counselors and
    /// those the roster names without an account, numbered in the hint.
    static func listed(_ s: AppState) -> [Staff] {
        s.staff.filter { !$0.roles.isDisjoint(with: [.duty, .counselor]) }
    }

    static func codes(_ s: AppState) -> String {
        listed(s).enumerated().map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: " ")
    }

    /// A listed number, or anyone's name or account.
    static func resolve(_ f: inout FormModal, _ i: Int, _ s: AppState) -> StaffID? {
        let text = f.text(i), people = listed(s)
        if let n = Int(text), people.indices.contains(n - 1) { return people[n - 1].id }
        if let match = s.staff.first(where: { $0.name == text || $0.id.rawValue == text }) { return match.id }
        f.fail(i, text.isEmpty ? ValidationError.empty(.person).message : S.pickPerson, s.language)
        return nil
    }

    static func time(_ f: inout FormModal, _ i: Int, _ field: Field, _ L: Language) -> TimeOfDay? {
        do { return try TimeOfDay.parse(f.text(i), field: field) } catch {
            f.fail(i, error.message, L)
            return nil
        }
    }

    /// Today while its lunch break is ahead, else the next school day.
    static func nextSchoolDay(_ s: AppState) -> Day {
        let first = s.now.time < TimeOfDay(hour: 12, minute: 0)! ? s.now.day : s.now.day.adding(days: 1)
        guard let calendar = s.calendar else { return first }
        return (0..<60).lazy.map { first.adding(days: $0) }.first(where: calendar.isSchoolDay) ?? first
    }
}
