import Counseling
import Store
import Terminal

/// Confirming or dismissing a screening proposal: never automatic, always
/// with the counselor's reason.
extension FormModal {
    static func proposal(_ pending: ScreeningProposal, _ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.proposal(pending, currentLevel: file.level), title: S.proposalTitle.text(L) + " · " + file.student.name,
                         hint: S.proposalCodes.text(L),
                         fields: [Form.Field(label: S.decision.text(L), text: "1"),
                                  Form.Field(label: S.newLevel.text(L), text: "\(pending.suggestedLevel.number)"),
                                  Form.Field(label: S.reason.text(L), limit: 500)],
                         focus: 2)
    }
}

enum ProposalInput {
    static func read(_ f: inout FormModal, _ proposal: ScreeningProposal, currentLevel: WarningLevel, _ s: inout AppState) -> Effect? {
        let L = s.language
        let confirm = f.text(0) != "2"
        let level = confirm ? LevelInput.level(&f, 1, L) : proposal.suggestedLevel
        guard f.isValid, let level else { return nil }
        let reason = f.form.fields[2].editor.text
        do {
            if confirm {
                let (decided, change) = try proposal.confirm(level: level, currentLevel: currentLevel, by: StaffID(s.account),
                                                             at: s.now, reason: reason, levelChangeID: s.nextID("level"))
                return .execute(.decideProposal(decided, levelChange: change, basedOn: proposal))
            }
            return .execute(.decideProposal(try proposal.dismiss(by: StaffID(s.account), at: s.now, reason: reason),
                                            levelChange: nil, basedOn: proposal))
        } catch {
            f.fail(2, error.message, L)
            return nil
        }
    }
}
