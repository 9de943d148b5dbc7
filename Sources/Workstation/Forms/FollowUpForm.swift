import Counseling
import Store
import Terminal

/// Recording that the next follow-up was done, with what it found.
extension FormModal {
    static func followUp(_ next: FollowUp, _ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.followUp(next), title: S.followUpTitle.text(L) + " · " + file.student.name + " · " + next.due.description,
                         hint: S.followUpHint.text(L), fields: [Form.Field(label: S.note.text(L), limit: 500)])
    }
}

enum FollowUpInput {
    static func read(_ f: inout FormModal, _ followUp: FollowUp, _ s: inout AppState) -> Effect? {
        let note = f.form.fields[0].editor.text
        if let problem = TextCheck.note(note, field: .note, required: true) {
            f.fail(0, problem.message, s.language)
            return nil
        }
        return .execute(.completeFollowUp(followUp.completed(at: s.now, by: StaffID(s.account), note: note), basedOn: followUp))
    }
}
