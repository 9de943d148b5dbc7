import Counseling
import Store
import Terminal

/// A weekly duty pattern ("every Monday 12:00–13:30 周明") that fills the
/// rest of the term with shifts on that weekday's school days.
extension FormModal {
    static func weeklyPattern(_ s: AppState) -> FormModal {
        let L = s.language
        let today = s.now.day
        // To the end of this term, or of the next one between terms.
        let term = s.calendar?.terms.sorted { $0.first < $1.first }.first { today <= $0.last }
        return FormModal(.weeklyPattern, title: S.patternTitle.text(L),
                         hint: S.patternHint.text(L) + ShiftPerson.codes(s),
                         fields: [Form.Field(label: S.weekday.text(L), text: "1", limit: 10),
                                  Form.Field(label: S.start.text(L), text: "12:00"),
                                  Form.Field(label: S.end.text(L), text: "13:30"),
                                  Form.Field(label: S.dutyPerson.text(L), limit: 60),
                                  Form.Field(label: S.fromDay.text(L), text: max(today, term?.first ?? today).description),
                                  Form.Field(label: S.toDay.text(L), text: (term?.last ?? today).description)])
    }
}

enum WeeklyPatternInput {
    static func read(_ f: inout FormModal, _ s: inout AppState) -> Effect? {
        let L = s.language
        var weekday: Weekday?
        do { weekday = try WeeklyDutyPattern.weekday(f.text(0)) } catch { f.fail(0, error.message, L) }
        let start = ShiftPerson.time(&f, 1, .start, L), end = ShiftPerson.time(&f, 2, .end, L)
        let person = ShiftPerson.resolve(&f, 3, s)
        let first = f.day(4, .date, L, today: s.now.day), last = f.day(5, .date, L, today: s.now.day)
        guard f.isValid, let weekday, let start, let end, let person, let first, let last else { return nil }
        let pattern = WeeklyDutyPattern(weekday: weekday, start: start, end: end, person: person, first: first, last: last)
        if let problem = pattern.validate(today: s.now.day).first {
            f.fail(problem.field == .time ? 2 : problem == .inPast(.date) ? 4 : 5, problem.message, L)
            return nil
        }
        return .execute(.applyWeeklyPattern(pattern))
    }
}
