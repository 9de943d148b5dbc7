import Counseling
import Store
import Terminal

/// The head's two forms on the compliance view: an explanation beside a
/// violation, and new times for a check-in. The store checks the rules
/// (who may, the times, no overlap, nobody saved in between); the forms
/// only read what was typed.
extension FormModal {
    static func explainViolation(_ violation: ComplianceViolation, _ s: AppState) -> FormModal {
        let L = s.language
        let note = s.compliance?.note(for: violation)
        return FormModal(.explainViolation(violation, basedOn: note),
                         title: S.explainTitle.text(L) + " · " + violation.day.description,
                         hint: violation.reason.text(L) + "\n" + S.explainHint.text(L),
                         fields: [Form.Field(label: S.explanation.text(L), text: note?.text ?? "", limit: 200)])
    }

    /// The check-ins a violation is about: a missing check-out's own, else
    /// every check-in of its day (a week's: of its whole week).
    static func checkIns(for violation: ComplianceViolation, _ s: AppState) -> [DutyCheckIn] {
        let all = s.compliance?.checkIns ?? []
        switch violation.kind {
        case .missingCheckOut(let id, _): return all.filter { $0.id == id }
        case .weekBelowMinimum: return all.filter { $0.checkIn.day.startOfWeek == violation.day }
        default: return all.filter { $0.checkIn.day == violation.day }
        }
    }

    static func correctCheckIn(_ candidates: [DutyCheckIn], _ s: AppState) -> FormModal {
        let L = s.language
        let names = Dictionary(s.staff.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let listed = candidates.enumerated().map { i, c in
            "\(i + 1) \(String(c.checkIn.day.description.dropFirst(5))) \(names[c.person] ?? c.person.rawValue) "
                + "\(c.checkIn.clock)–\(c.checkOut?.clock ?? "?")"
        }
        // With one check-in its times are there to change; with several,
        // an empty time keeps the chosen one's.
        let only = candidates.count == 1 ? candidates.first : nil
        return FormModal(.correctCheckIn(candidates), title: S.correctTitle.text(L),
                         hint: listed.joined(separator: "  ") + "\n" + S.correctHint.text(L),
                         fields: [Form.Field(label: S.whichCheckIn.text(L), text: "1", limit: 3),
                                  Form.Field(label: S.checkInTime.text(L), text: only?.checkIn.clock ?? "", limit: 8),
                                  Form.Field(label: S.checkOutTime.text(L), text: only?.checkOut?.clock ?? "", limit: 8),
                                  Form.Field(label: S.correctionReason.text(L), limit: 200)],
                         focus: only == nil ? 0 : 2)
    }
}

enum ExplainInput {
    static func read(_ f: inout FormModal, _ violation: ComplianceViolation, basedOn base: ViolationNote?,
                     _ s: inout AppState) -> Effect? {
        let text = f.text(0)
        if text.isEmpty { f.fail(0, S.explanationNeeded, s.language); return nil }
        let note = ViolationNote(about: violation, text: text, by: StaffID(s.account), at: s.now)
        if let problem = note.validate().first { f.fail(0, problem.message, s.language); return nil }
        return .execute(.explainViolation(note, basedOn: base))
    }
}

enum CorrectCheckInInput {
    static func read(_ f: inout FormModal, _ candidates: [DutyCheckIn], _ s: inout AppState) -> Effect? {
        let L = s.language
        guard let n = Int(f.text(0)), candidates.indices.contains(n - 1) else {
            f.fail(0, LocalizedText(zh: "请填 1 到 \(candidates.count) 之间的序号", en: "enter a number from 1 to \(candidates.count)"), L)
            return nil
        }
        let base = candidates[n - 1]
        // Empty, or as the form showed it (to the minute), keeps the stored
        // time to the second: an untouched field is no correction.
        func time(_ i: Int, _ field: Field) -> TimeOfDay?? {
            guard !f.text(i).isEmpty, f.text(i) != f.initial[i].trimmed else { return .some(nil) }
            do { return .some(try TimeOfDay.parse(f.text(i), field: field)) } catch {
                f.fail(i, error.message, L)
                return nil
            }
        }
        let newIn = time(1, .start), newOut = time(2, .end)
        if f.text(3).isEmpty { f.fail(3, DutyProblem.reasonRequired.message, L) }
        guard f.isValid, let newIn, let newOut else { return nil }
        var corrected = base
        if let newIn { corrected.checkIn = LocalDateTime(base.checkIn.day, newIn) }
        if let newOut { corrected.checkOut = LocalDateTime(base.checkIn.day, newOut) }
        return .execute(.correctCheckIn(corrected, reason: f.text(3), basedOn: base))
    }
}

extension FormPurpose {
    /// After a refusal because a colleague saved first: based on what the
    /// compliance view now shows.
    func rebased(on report: ComplianceReport?) -> FormPurpose {
        guard let report else { return self }
        switch self {
        case .explainViolation(let violation, _):
            return .explainViolation(violation, basedOn: report.note(for: violation))
        case .correctCheckIn(let candidates):
            return .correctCheckIn(candidates.map { c in report.checkIns.first { $0.id == c.id } ?? c })
        default:
            return self
        }
    }
}
