import Counseling

/// One line per event of a student's file, for the counselor's chronology.
enum ChronologyText {
    static func line(_ entry: ChronologyEntry, _ lang: Language) -> String {
        let when = entry.timeKnown ? "\(entry.at.day) \(String(entry.at.description.dropFirst(11).prefix(5)))" : "\(entry.at.day)      "
        return when + "  " + entry.kind.displayName.text(lang) + "  " + detail(entry.event, lang)
    }

    static func colon(_ lang: Language) -> String { lang == .zhHans ? "：" : ": " }

    static func detail(_ event: ChronologyEntry.Event, _ lang: Language) -> String {
        switch event {
        case .levelChange(let c):
            return "\(c.from.displayName.text(lang)) → \(c.to.displayName.text(lang))\(colon(lang))\(c.reason)"
        case .caseNote(let n): return n.text
        case .visit(let v):
            return v.channel.displayName.text(lang) + " · " + v.reasons.sorted { $0.rawValue < $1.rawValue }
                .map { $0.displayName.text(lang) }.joined(separator: lang == .zhHans ? "、" : ", ") + (v.brief.isEmpty ? "" : colon(lang) + v.brief)
        case .supportPlan(let p): return p.goals.joined(separator: "；") + " · " + p.responsibleLeader
        case .planReview(_, let r): return r.note
        case .appointment(let a): return a.status.displayName.text(lang)
        case .guardianContact(let g):
            return "\(g.guardianName)（\(g.relation.displayName.text(lang))）\(g.method.displayName.text(lang)) · \(g.outcome.displayName.text(lang))"
        case .referral(let r): return r.institution + (r.greenChannel ? (lang == .zhHans ? "（绿色通道）" : " (green channel)") : "")
        case .referralFeedback(let r): return r.feedbackSummary
        case .followUpDone(let f): return f.note
        case .crisisRun(let r): return "\(r.records.count)/\(r.checklist.steps.count)"
        case .caseClosing(let c):
            if c.isApproved { return (lang == .zhHans ? "已同意：" : "approved: ") + c.reason }
            if c.isDeclined { return (lang == .zhHans ? "未同意：" : "declined: ") + (c.declineReason ?? "") }
            return S.closingPendingHere.text(lang) + colon(lang) + c.reason
        case .screening(let r): return "\(r.instrument) · \(r.flag.displayName.text(lang))"
        case .proposalDecided(let p): return "\(p.status.displayName.text(lang)) \(p.decisionReason)"
        }
    }
}
