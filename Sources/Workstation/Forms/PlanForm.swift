import Counseling
import Store
import Terminal

/// The support plan of a key-attention student (一生一案): goals, measures,
/// the responsible school leader and the review date. Editing keeps the
/// earlier version (the store keeps every revision); a review adds a dated
/// note, which closing the case later requires.
extension FormModal {
    static func plan(_ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        let plan = file.currentPlan
        let joiner = S.partSeparator.text(L)
        return FormModal(.plan(student: file.student.id, editing: plan),
                         title: (plan == nil ? S.newPlan : S.editPlan).text(L) + " · " + file.student.name,
                         hint: S.planHint.text(L),
                         fields: [Form.Field(label: S.goals.text(L), text: plan?.goals.joined(separator: joiner) ?? "", limit: 500),
                                  Form.Field(label: S.measures.text(L), text: plan?.measures.joined(separator: joiner) ?? "", limit: 500),
                                  Form.Field(label: S.responsibleLeader.text(L), text: plan?.responsibleLeader ?? "", limit: 50),
                                  Form.Field(label: S.reviewDate.text(L),
                                             text: (plan?.reviewDate ?? s.now.day.adding(days: 30)).description)])
    }

    static func planReview(_ plan: SupportPlan, _ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.planReview(plan), title: S.planReviewTitle.text(L) + " · " + file.student.name,
                         hint: S.planReviewHint.text(L),
                         fields: [Form.Field(label: S.note.text(L), limit: 500),
                                  Form.Field(label: S.reviewDate.text(L), text: s.now.day.adding(days: 30).description)])
    }
}

enum PlanInput {
    static func read(_ f: inout FormModal, student: StudentID, editing: SupportPlan?, _ s: inout AppState) -> Effect? {
        let L = s.language
        let review = f.day(3, .reviewDate, L, today: s.now.day)
        guard let review else { return nil }
        var plan = editing ?? SupportPlan(id: s.nextID("plan"), student: student, goals: [], measures: [], owner: StaffID(s.account),
                                          responsibleLeader: "", reviewDate: review, createdAt: s.now)
        plan.goals = items(f.form.fields[0].editor.text)
        plan.measures = items(f.form.fields[1].editor.text)
        plan.responsibleLeader = f.text(2)
        plan.reviewDate = review
        // A plan edited later is checked against today, not its creation day.
        var check = plan
        check.createdAt = min(plan.createdAt, s.now)
        // Said plainly first; the plan's own check would call it an end before its start.
        if review < s.now.day { f.fail(3, S.reviewInPast, L) }
        for problem in check.validate() {
            switch problem.field {
            case .goals: f.fail(0, problem.message, L)
            case .measures: f.fail(1, problem.message, L)
            case .responsibleLeader: f.fail(2, problem.message, L)
            default: f.fail(3, problem.message, L)
            }
        }
        guard f.isValid else { return nil }
        return .execute(.savePlan(plan, basedOn: editing))
    }

    static func review(_ f: inout FormModal, _ plan: SupportPlan, _ s: inout AppState) -> Effect? {
        let L = s.language
        let note = f.form.fields[0].editor.text
        if let problem = TextCheck.note(note, field: .note, required: true) { f.fail(0, problem.message, L) }
        let next = f.day(1, .reviewDate, L, today: s.now.day)
        if let next, next < s.now.day { f.fail(1, S.reviewInPast, L) }
        guard f.isValid, let next else { return nil }
        var reviewed = plan
        reviewed.reviews.append(SupportPlan.Review(at: s.now, by: StaffID(s.account), note: note))
        reviewed.reviewDate = next
        return .execute(.savePlan(reviewed, basedOn: plan))
    }

    /// Goals and measures are written one line each, separated by ；or ;.
    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { "；;\n".contains($0) }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}
