import Counseling
import Foundation
import Terminal

/// The events of a student's file as the counselor's chronology shows
/// them. Beside the other panes an event takes one line, cut with "…", so
/// the file is seen at a glance; maximised, an event that does not fit
/// gives its date and kind, then its whole text wrapped below, indented,
/// paragraph by paragraph, so a long note is read in full.
enum ChronologyText {
    static let indent = "    "

    static func lines(_ entry: ChronologyEntry, _ lang: Language, staff: [Staff], width: Int, full: Bool) -> [String] {
        let when = entry.timeKnown ? "\(entry.at.day) \(entry.at.clock)" : "\(entry.at.day)      "
        let head = when + "  " + entry.kind.displayName.text(lang)
        // Sanitized before measuring: a control character must neither
        // reach the screen nor throw the wrapping off.
        let paragraphs = detail(entry.event, lang, staff: staff).split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.oneLine(String($0)).trimmingCharacters(in: .whitespaces) }
        let single = head + "  " + paragraphs.filter { !$0.isEmpty }.joined(separator: " ")
        if !full { return [TextWidth.clip(single, to: width)] }
        if paragraphs.count <= 1, TextWidth.of(single) <= width { return [single] }
        let textWidth = max(1, width - indent.count)
        return [head] + paragraphs.flatMap { p in p.isEmpty ? [""] : TextWidth.wrap(p, width: textWidth).map { indent + $0 } }
    }

    /// `staff` names who a hand-over went to and who took it.
    static func detail(_ event: ChronologyEntry.Event, _ lang: Language, staff: [Staff]) -> String {
        func shown(_ text: String) -> String { WithheldText.shown(text, lang) }
        switch event {
        case .levelChange(let c):
            return "\(c.from.displayName.text(lang)) → \(c.to.displayName.text(lang))\(S.colon.text(lang))\(shown(c.reason))"
        case .caseNote(let n): return n.text
        case .visit(let v):
            return v.channel.displayName.text(lang) + " · " + v.reasons.sorted { $0.rawValue < $1.rawValue }
                .map { $0.displayName.text(lang) }.joined(separator: S.listSeparator.text(lang)) + (v.brief.isEmpty ? "" : S.colon.text(lang) + shown(v.brief))
        case .supportPlan(let p): return planDetail(p, lang, staff: staff)
        case .planReview(_, let r): return StaffName.of(r.by, in: staff, lang) + S.colon.text(lang) + shown(r.note)
        case .appointment(let a): return a.status.displayName.text(lang)
        case .guardianContact(let g):
            // Who was reached, why, how, what came of it, and who made the contact.
            let note = shown(g.note)
            return [(g.guardianName + S.parenthesized.format(lang, g.relation.displayName.text(lang))).trimmingCharacters(in: .whitespaces),
                    g.purpose.displayName.text(lang), g.method.displayName.text(lang), g.outcome.displayName.text(lang)]
                .joined(separator: " · ") + (note.isEmpty ? "" : S.colon.text(lang) + note)
                + S.partSeparator.text(lang) + S.recordedBy.format(lang, StaffName.of(g.by, in: staff, lang))
        case .referral(let r):
            return r.institution + (r.greenChannel ? S.greenChannelMark.text(lang) : "") + " · " + r.status.displayName.text(lang)
                + S.partSeparator.text(lang) + S.recordedBy.format(lang, StaffName.of(r.by, in: staff, lang))
        case .referralFeedback(let r): return r.institution + S.colon.text(lang) + shown(r.feedbackSummary)
        case .followUpDone(let f): return shown(f.note)
        case .crisisRun(let r): return "\(r.records.count)/\(r.checklist.steps.count)"
        case .crisisHandover(let r):
            guard let h = r.handover else { return "" }
            let to = StaffName.of(h.to, in: staff, lang)
            return S.handoverDetail.format(lang, to, shown(h.note))
                + (h.takenBy.map { S.handoverTakenDetail.format(lang, StaffName.of($0, in: staff, lang)) } ?? "")
        case .caseClosing(let c): return closingDetail(c, lang, staff: staff)
        case .screening(let r): return ScreeningText.summary(r, lang)
        case .proposalDecided(let p): return "\(p.status.displayName.text(lang)) \(p.decisionReason)"
        case .enrolment(let e):
            let reason = shown(e.reason)
            return e.displayName.text(lang) + (reason.isEmpty ? "" : S.colon.text(lang) + reason)
        case .groupSession(let g):
            return S.groupChronology.format(lang, g.theme, g.start.clock, g.end.clock, StaffName.of(g.facilitator, in: staff, lang),
                                            g.participantCount)
        }
    }

    /// Every field of a plan: goals, measures, the counselor who owns it,
    /// the responsible leader and the review date (its reviews follow as
    /// entries of their own).
    static func planDetail(_ p: SupportPlan, _ lang: Language, staff: [Staff]) -> String {
        func listed(_ items: [String]) -> String {
            items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { WithheldText.shown($0, lang) }
                .joined(separator: S.partSeparator.text(lang))
        }
        let colon = S.colon.text(lang)
        return [S.goals.text(lang) + colon + listed(p.goals),
                S.measures.text(lang) + colon + listed(p.measures),
                S.planOwner.text(lang) + colon + StaffName.of(p.owner, in: staff, lang),
                S.responsibleLeader.text(lang) + colon + p.responsibleLeader,
                S.reviewDate.text(lang) + colon + p.reviewDate.description].joined(separator: " · ")
    }

    /// A closing: who asked and when, why, and who approved or declined it
    /// and when (with the reason for a decline). Reasons stay withheld from
    /// a session that cannot read them.
    static func closingDetail(_ c: CaseClosing, _ lang: Language, staff: [Staff]) -> String {
        func name(_ id: StaffID) -> String { StaffName.of(id, in: staff, lang) }
        let colon = S.colon.text(lang), part = S.partSeparator.text(lang)
        let asked = S.closingAskedBy.format(lang, name(c.author), shortTime(c.requestedAt)) + colon + WithheldText.shown(c.reason, lang)
            + part + S.levelAfterClosing.text(lang) + colon + c.newLevel.displayName.text(lang)
        if let approver = c.approver, let at = c.approvedAt {
            return S.closingApprovedBy.format(lang, name(approver), shortTime(at)) + part + asked
        }
        if let decliner = c.declinedBy {
            return S.closingDeclinedBy.format(lang, name(decliner), c.declinedAt.map(shortTime) ?? "")
                + colon + WithheldText.shown(c.declineReason ?? "", lang) + part + asked
        }
        return S.closingPendingHere.text(lang) + part + asked
    }

    static func shortTime(_ at: LocalDateTime) -> String { "\(at.day) \(at.clock)" }
}
