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
        case .supportPlan(let p): return p.goals.joined(separator: "；") + " · " + p.responsibleLeader
        case .planReview(_, let r): return r.note
        case .appointment(let a): return a.status.displayName.text(lang)
        case .guardianContact(let g):
            return "\(g.guardianName)（\(g.relation.displayName.text(lang))）\(g.method.displayName.text(lang)) · \(g.outcome.displayName.text(lang))"
        case .referral(let r): return r.institution + (r.greenChannel ? S.greenChannelMark.text(lang) : "")
        case .referralFeedback(let r): return r.feedbackSummary
        case .followUpDone(let f): return shown(f.note)
        case .crisisRun(let r): return "\(r.records.count)/\(r.checklist.steps.count)"
        case .crisisHandover(let r):
            guard let h = r.handover else { return "" }
            let to = StaffName.of(h.to, in: staff, lang)
            return S.handoverDetail.format(lang, to, shown(h.note))
                + (h.takenBy.map { S.handoverTakenDetail.format(lang, StaffName.of($0, in: staff, lang)) } ?? "")
        case .caseClosing(let c):
            if c.isApproved { return S.approvedBecause.text(lang) + shown(c.reason) }
            if c.isDeclined { return S.declinedBecause.text(lang) + shown(c.declineReason ?? "") }
            return S.closingPendingHere.text(lang) + S.colon.text(lang) + shown(c.reason)
        case .screening(let r): return "\(r.instrument) · \(r.flag.displayName.text(lang))"
        case .proposalDecided(let p): return "\(p.status.displayName.text(lang)) \(p.decisionReason)"
        case .enrolment(let e):
            let reason = shown(e.reason)
            return e.displayName.text(lang) + (reason.isEmpty ? "" : S.colon.text(lang) + reason)
        }
    }
}
