import Counseling
import Store
import Terminal

/// Raising or lowering a warning level. The form opens on the new level,
/// empty, with the current one in the title: a quick save never changes a
/// level nobody chose (a level-3 student once dropped to 2 that way). The
/// reason is required, and the next follow-up is set in the same step:
/// left empty, after the school's interval for the new level, shorter in a
/// special period (exams, graduation); 14 days for a level without one.
extension FormModal {
    static func level(_ student: StudentSummary, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.level(student: student.id, from: student.level),
                         title: levelTitle(student.name, student.level, L),
                         hint: S.levelFormHint.text(L),
                         fields: [Form.Field(label: S.newLevel.text(L)),
                                  Form.Field(label: S.reason.text(L), limit: 500),
                                  Form.Field(label: S.followUpDue.text(L))],
                         focus: 0)
    }

    /// The title names the level the change starts from.
    static func levelTitle(_ name: String, _ from: WarningLevel, _ L: Language) -> String {
        S.changeLevel.text(L) + " · " + name + " (" + from.displayName.text(L) + ")"
    }
}

enum LevelInput {
    static func read(_ f: inout FormModal, student: StudentID, from: WarningLevel, _ s: inout AppState) -> Effect? {
        let L = s.language
        if f.text(0).isEmpty { f.fail(0, S.levelNotChosen(from.displayName.text(L)), L) }
        let to = f.text(0).isEmpty ? nil : level(&f, 0, L)
        // Every problem at once: the reason is checked before the level is known.
        if let problem = TextCheck.reason(f.form.fields[1].editor.text) { f.fail(1, problem.message, L) }
        let due = f.text(2).isEmpty ? nil : f.day(2, .dueDate, L, today: s.now.day)
        guard f.isValid, let to else { return nil }
        do {
            let change = try LevelChange.make(id: s.nextID("level"), student: student, from: from, to: to,
                                              by: StaffID(s.account), at: s.now, reason: f.form.fields[1].editor.text)
            let next = due ?? s.followUpIntervals.nextDue(after: s.now.day, level: to) ?? s.now.day.adding(days: 14)
            return .execute(.changeLevel(change, followUp: FollowUp(id: s.nextID("followup"), student: student, due: next)))
        } catch {
            f.fail(error == .unchanged ? 0 : 1, error.message, L)
            return nil
        }
    }

    /// A level typed as 0–3, as its name (二级关注, watch 2), as the
    /// crisis-category word it corresponds to, or as the start of one.
    static func level(_ f: inout FormModal, _ i: Int, _ L: Language) -> WarningLevel? {
        if let n = Int(f.text(i)), (0...3).contains(n) { return WarningLevel.allCases[n] }
        let found = WarningLevel.matching(prefix: f.text(i))
        if found.count == 1 { return found[0] }
        let codes = WarningLevel.allCases.map { "\($0.number) \($0.displayName.text(L))" }.joined(separator: " ")
        f.fail(i, f.choiceProblem(i, typed: f.text(i), found: found.map(\.displayName), codes: codes,
                                  names: WarningLevel.allCases.map(\.displayName), L), L)
        return nil
    }
}
