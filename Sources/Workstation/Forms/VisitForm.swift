import Counseling
import Store
import Terminal

/// The visit form: the duty teacher's fast path (channel, reasons, brief).
extension FormModal {
    static func visit(_ student: StudentSummary?, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.visit(student: student?.id),
                         title: S.newVisit.text(L) + " · " + (student?.name ?? S.anonymous.text(L)),
                         hint: S.channel.text(L) + " " + codes(Visit.Channel.allCases, L) + S.partSeparator.text(L) + S.reasons.text(L) + " "
                             + codes(Visit.Reason.allCases, L),
                         fields: [Form.Field(label: S.channel.text(L), text: "1"),
                                  Form.Field(label: S.reasons.text(L)),
                                  Form.Field(label: S.brief.text(L), limit: 500)])
    }
}

enum VisitInput {
    static func read(_ f: inout FormModal, student: StudentID?, _ s: inout AppState) -> Effect? {
        let L = s.language
        let channel = f.choice(0, Visit.Channel.self, L)
        var reasons = Set<Visit.Reason>()
        // Several reasons, each as a choice field takes one: its number,
        // its name or the start of it, in either language.
        let all = Visit.Reason.allCases
        for word in f.text(1).split(whereSeparator: { " ,，、;；".contains($0) }) {
            if let n = Int(word), all.indices.contains(n - 1) { reasons.insert(all[n - 1]); continue }
            let found = Visit.Reason.matching(prefix: String(word))
            if found.count == 1 { reasons.insert(found[0]); continue }
            f.fail(1, f.choiceProblem(1, typed: String(word), found: found.map(\.displayName), codes: FormModal.codes(all, L),
                                      names: all.map(\.displayName), L), L)
        }
        if reasons.isEmpty { f.fail(1, S.reasonNeeded, L) }
        guard f.isValid, let channel else { return nil }
        // Self-harm thoughts always go to a counselor at once; which one is
        // the store's decision (checked in now, the student's own, or all).
        let visit = Visit(id: s.nextID("visit"), student: student, loggedBy: StaffID(s.account),
                          channel: channel, start: s.now, reasons: reasons, brief: f.form.fields[2].editor.text,
                          followUpNeeded: reasons.contains(.selfHarmThoughts),
                          escalatedTo: reasons.contains(.selfHarmThoughts) ? .everyCounselor : nil)
        if let problem = visit.validate().first {
            f.fail(2, problem.message, L)
            return nil
        }
        return .execute(.logVisit(visit))
    }
}
