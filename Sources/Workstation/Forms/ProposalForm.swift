import Counseling
import Store
import Terminal

/// Confirming or dismissing a screening proposal: never automatic, always
/// with the counselor's reason.
extension FormModal {
    static func proposal(_ pending: ScreeningProposal, _ file: StudentFile, _ s: AppState) -> FormModal {
        let L = s.language
        // What the result found comes first: the counselor decides on it.
        let finding = file.screeningResults.first { $0.id == pending.result }.map { ScreeningText.summary($0, L) + "\n" } ?? ""
        // The decision starts empty, as a closing's does: nothing is
        // confirmed or dismissed by a quick save.
        return FormModal(.proposal(pending, currentLevel: file.level), title: S.proposalTitle.text(L) + " · " + file.student.name,
                         hint: finding + S.proposalCodes.text(L),
                         fields: [Form.Field(label: S.decision.text(L)),
                                  Form.Field(label: S.newLevel.text(L), text: "\(pending.suggestedLevel.number)"),
                                  Form.Field(label: S.reason.text(L), limit: 500)])
    }
}

enum ProposalInput {
    static func read(_ f: inout FormModal, _ proposal: ScreeningProposal, currentLevel: WarningLevel, _ s: inout AppState) -> Effect? {
        let L = s.language
        // Only 1 or 2: a typo must not confirm a proposal by default.
        let confirm: Bool? = switch f.text(0) {
        case "1": true
        case "2": false
        default: nil
        }
        if confirm == nil { f.fail(0, S.oneOrTwo, L) }
        let level = confirm == true ? LevelInput.level(&f, 1, L) : proposal.suggestedLevel
        guard f.isValid, let confirm, let level else { return nil }
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
