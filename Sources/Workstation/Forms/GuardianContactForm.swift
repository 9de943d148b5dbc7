import Counseling
import Store
import Terminal

/// A contact with a student's guardian: who was reached, when, how, and
/// what came of it. For level 2 and 3 the guardian must be told (监护人知情),
/// so the form opens on a notification while none is on record.
extension FormModal {
    static func guardianContact(_ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        let guardian = file.student.guardians.first
        let notified = file.guardianContacts.contains { $0.isCompletedNotification }
        let purpose = file.isKeyAttention && !notified ? 1 : 2
        let known = file.student.guardians.map {
            $0.name + S.parenthesized.format(L, $0.relation.displayName.text(L)) + $0.phone
        }
        return FormModal(.guardianContact(student: file.student.id),
                         title: S.contactTitle.text(L) + " · " + file.student.name,
                         hint: (known.isEmpty ? S.noGuardianOnFile.text(L) : known.joined(separator: "  ")) + "\n"
                             + S.relation.text(L) + " " + codes(GuardianRelation.allCases, L) + "\n"
                             + S.purpose.text(L) + " " + codes(GuardianContact.Purpose.allCases, L) + S.partSeparator.text(L)
                             + S.method.text(L) + " " + codes(GuardianContact.Method.allCases, L) + "\n"
                             + S.outcome.text(L) + " " + codes(GuardianContact.Outcome.allCases, L),
                         fields: [Form.Field(label: S.guardianName.text(L), text: guardian?.name ?? "", limit: 50),
                                  Form.Field(label: S.relation.text(L),
                                             text: guardian.map { "\(GuardianRelation.allCases.firstIndex(of: $0.relation)! + 1)" } ?? ""),
                                  Form.Field(label: S.purpose.text(L), text: "\(purpose)"),
                                  Form.Field(label: S.method.text(L), text: "1"),
                                  Form.Field(label: S.outcome.text(L), text: "1"),
                                  Form.Field(label: S.note.text(L), limit: 500)],
                         focus: 5)
    }
}

enum GuardianContactInput {
    static func read(_ f: inout FormModal, student: StudentID, _ s: inout AppState) -> Effect? {
        let L = s.language
        let relation = f.choice(1, GuardianRelation.self, L)
        let purpose = f.choice(2, GuardianContact.Purpose.self, L)
        let method = f.choice(3, GuardianContact.Method.self, L)
        let outcome = f.choice(4, GuardianContact.Outcome.self, L)
        guard let relation, let purpose, let method, let outcome else { return nil }
        let contact = GuardianContact(id: s.nextID("contact"), student: student, guardianName: f.text(0), relation: relation,
                                      by: StaffID(s.account), at: s.now, purpose: purpose, method: method, outcome: outcome,
                                      note: f.form.fields[5].editor.text)
        for problem in contact.validate() { f.fail(problem.field == .guardianName ? 0 : 5, problem.message, L) }
        guard f.isValid else { return nil }
        return .execute(.recordGuardianContact(contact))
    }
}
