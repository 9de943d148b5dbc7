import Counseling
import Store
import Terminal

/// Closing a key-attention case (销号): a counselor asks, with a reason and
/// the level the student returns to; a second person (another counselor or
/// the head of guidance) approves or declines it.
extension FormModal {
    static func closingRequest(_ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.closingRequest(student: file.student.id), title: S.closingTitle.text(L) + " · " + file.student.name,
                         hint: S.closingHint.text(L),
                         fields: [Form.Field(label: S.reason.text(L), limit: 500),
                                  Form.Field(label: S.newLevel.text(L), text: "1")])
    }

    static func closingDecision(_ closing: CaseClosing, studentName: String, _ s: AppState) -> FormModal {
        let L = s.language
        let requester = s.staffName(closing.author)
        return FormModal(.closingDecision(closing), title: S.closingDecisionTitle.text(L) + " · " + studentName,
                         hint: S.closingRequested.format(L, requester, closing.requestedAt.day.description,
                                                         closing.newLevel.displayName.text(L)) + "\n"
                             + S.reason.text(L) + S.colon.text(L) + WithheldText.shown(closing.reason, L) + "\n"
                             + (s.closingSummaries[closing.student].map { ClosingSummaryText.lines($0, s).joined(separator: "\n") + "\n" } ?? "")
                             + S.closingDecisionCodes.text(L),
                         // No decision is typed in for the approver: a quick F2 must not approve.
                         fields: [Form.Field(label: S.decision.text(L)),
                                  Form.Field(label: S.note.text(L), limit: 500)])
    }
}

enum ClosingInput {
    static func request(_ f: inout FormModal, _ file: StudentFile, _ s: inout AppState) -> Effect? {
        let L = s.language
        let level = LevelInput.level(&f, 1, L)
        guard let level else { return nil }
        let closing = CaseClosing(id: s.nextID("closing"), student: file.student.id, author: StaffID(s.account),
                                  requestedAt: s.now, reason: f.form.fields[0].editor.text, newLevel: level)
        // Everything but the approval must hold already, so the approver
        // is never asked to sign off a case that cannot close.
        let problems = closing.problems(currentLevel: file.level, plan: file.currentPlan, followUps: file.followUps)
            .filter { ![.noApprover, .notApproved].contains($0) }
        for problem in problems {
            switch problem {
            case .reasonMissing, .invalidReason: f.fail(0, problem.message, L)
            case .newLevelStillKeyAttention: f.fail(1, problem.message, L)
            default: f.problem = (f.problem.map { $0 + S.partSeparator.text(L) } ?? "") + problem.message.text(L)
            }
        }
        guard f.isValid, f.problem == nil else { return nil }
        return .execute(.requestClosing(closing))
    }

    static func decide(_ f: inout FormModal, _ closing: CaseClosing, _ s: inout AppState) -> Effect? {
        let L = s.language
        let me = StaffID(s.account)
        do {
            switch f.text(0) {
            case "1": return .execute(.decideClosing(try closing.approved(by: me, at: s.now)))
            case "2": return .execute(.decideClosing(try closing.declined(by: me, at: s.now, reason: f.form.fields[1].editor.text)))
            default: f.fail(0, S.oneOrTwo, L)
            }
        } catch {
            f.fail(error == .declineReasonMissing ? 1 : 0, error.message, L)
        }
        return nil
    }
}
