import Counseling
import Store
import Terminal

/// Raising or lowering a warning level: the reason is required, and the
/// next follow-up is set in the same step: by default after the school's
/// interval for the new level, shorter in a special period (exams,
/// graduation); 14 days for a level without a fixed rhythm.
extension FormModal {
    static func level(_ student: StudentSummary, _ s: AppState) -> FormModal {
        let L = s.language
        let from = student.level
        let to: WarningLevel = from == .major ? .severe : WarningLevel.allCases[min(3, from.number + 1)]
        return FormModal(.level(student: student.id, from: from),
                         title: levelTitle(student.name, from, L),
                         hint: S.levelCodes.text(L),
                         fields: [Form.Field(label: S.newLevel.text(L), text: "\(to.number)"),
                                  Form.Field(label: S.reason.text(L), limit: 500),
                                  Form.Field(label: S.followUpDue.text(L), text: (s.followUpIntervals.nextDue(after: s.now.day, level: to)
                                                                                ?? s.now.day.adding(days: 14)).description)],
                         focus: 1)
    }

    /// The title names the level the change starts from.
    static func levelTitle(_ name: String, _ from: WarningLevel, _ L: Language) -> String {
        S.changeLevel.text(L) + " · " + name + " (" + from.displayName.text(L) + ")"
    }
}

enum LevelInput {
    static func read(_ f: inout FormModal, student: StudentID, from: WarningLevel, _ s: inout AppState) -> Effect? {
        let L = s.language
        let to = level(&f, 0, L)
        let due = f.day(2, .dueDate, L)
        guard f.isValid, let to, let due else { return nil }
        do {
            let change = try LevelChange.make(id: s.nextID("level"), student: student, from: from, to: to,
                                              by: StaffID(s.account), at: s.now, reason: f.form.fields[1].editor.text)
            return .execute(.changeLevel(change, followUp: FollowUp(id: s.nextID("followup"), student: student, due: due)))
        } catch {
            f.fail(1, error.message, L)
            return nil
        }
    }

    /// A level typed as 0–3 or as its word (一般, severe …).
    static func level(_ f: inout FormModal, _ i: Int, _ L: Language) -> WarningLevel? {
        if let n = Int(f.text(i)), (0...3).contains(n) { return WarningLevel.allCases[n] }
        do { return try WarningLevel.parse(f.text(i)) } catch {
            f.fail(i, error.message, L)
            return nil
        }
    }
}
