import Counseling
import Terminal

/// The file's summary as the closing decision form shows it, one line a
/// fact: levels over time, the plan and its last review, the last
/// follow-ups, the referrals still open. What the approver's keys do not
/// open is said to be withheld, never guessed.
enum ClosingSummaryText {
    static func lines(_ summary: ClosingSummary, _ s: AppState) -> [String] {
        let L = s.language, colon = S.colon.text(L), part = S.partSeparator.text(L)
        func shown(_ text: String) -> String { Sanitizer.oneLine(WithheldText.shown(text, L)) }
        func md(_ day: Day) -> String { String(day.description.dropFirst(5)) }

        let levels = summary.levelChanges.isEmpty ? S.none.text(L)
            : summary.levelChanges.map { "\(md($0.at.day)) \($0.from.displayName.text(L))→\($0.to.displayName.text(L))" }
                .joined(separator: " · ")

        let plan: String
        if !summary.clinicalReadable {
            plan = S.planCheckedAtRequest.text(L)
        } else if let p = summary.plan {
            let review = p.lastReview.map {
                S.lastReview.format(L, md($0.at.day), s.staffName($0.by)) + (shown($0.note).isEmpty ? "" : colon + shown($0.note))
            } ?? S.notReviewed.text(L)
            plan = S.goals.text(L) + colon + p.goals.map(shown).joined(separator: part) + part
                + S.measures.text(L) + colon + p.measures.map(shown).joined(separator: part) + part
                + S.reviewDate.text(L) + colon + p.reviewDate.description + part + review
        } else {
            plan = S.none.text(L)
        }

        let followUps = summary.lastFollowUps.isEmpty ? S.none.text(L)
            : summary.lastFollowUps.map { f in
                f.done.map { S.followUpDoneOn.format(L, md(f.due), md($0.day)) } ?? S.followUpOpenOn.format(L, md(f.due))
            }.joined(separator: " · ")

        let referrals = !summary.clinicalReadable ? S.withheld.text(L)
            : summary.openReferrals.isEmpty ? S.none.text(L)
            : summary.openReferrals.map {
                (Sanitizer.oneLine($0.institution) + S.parenthesized.format(L, "\($0.referredOn) \($0.status.displayName.text(L))"))
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: part)

        return [S.summaryLevels.text(L) + colon + levels,
                S.summaryPlan.text(L) + colon + plan,
                S.summaryFollowUps.text(L) + colon + followUps,
                S.summaryReferrals.text(L) + colon + referrals]
    }
}
