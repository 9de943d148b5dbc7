import Counseling
import Terminal

/// What was being typed when the workstation locked (idle, the lock key)
/// or the terminal went away. Locking wipes everything the app holds, but
/// must not cost a teacher what they wrote: the draft is kept in the
/// encrypted store, one per account, and reopened after the next unlock.
public enum Draft: Codable, Hashable, Sendable {
    case note(NoteDraft)
    case form(FormDraft)

    /// The student whose file must be open before the draft can reopen
    /// (forms read the file when they are saved); nil: reopen at once.
    var fileStudent: StudentID? {
        switch self {
        case .note(let n): return n.student
        case .form(let f):
            switch f.purpose {
            case .proposal(let p, _): return p.student
            case .followUp(let next): return next.student
            case .plan(let student, _), .guardianContact(let student), .referral(let student), .closingRequest(let student): return student
            case .planReview(let plan): return plan.student
            case .referralFeedback(let referral): return referral.student
            case .visit, .level, .appointment, .closingDecision, .handover, .exportCompliance: return nil
            case .explainViolation, .correctCheckIn: return nil
            case .shift, .weeklyPattern: return nil
            case .addStudent, .editStudent, .leaving, .returning, .peerSupporters: return nil
            // About several students: the draft names none of them.
            case .groupSession: return nil
            case .printDocument: return nil
            }
        }
    }

    var student: StudentID? {
        switch self {
        case .note(let n): return n.student
        case .form(let f):
            switch f.purpose {
            case .visit(let student): return student
            case .level(let student, _), .appointment(let student, _): return student
            case .closingDecision(let closing): return closing.student
            case .handover(let run, _): return run.student
            default: return fileStudent
            }
        }
    }
}

/// A case note in the editor.
public struct NoteDraft: Codable, Hashable, Sendable {
    public var student: StudentID
    /// The note being edited, nil for a new one.
    public var editing: CaseNoteID?
    public var text: String
    public var savedAt: LocalDateTime
}

/// A form as it was, its fields' texts as typed and as the form opened
/// with, so it reopens exactly and still knows what was typed.
public struct FormDraft: Codable, Hashable, Sendable {
    public struct Field: Codable, Hashable, Sendable {
        var label: String
        var initial: String
        var text: String
        var limit: Int
    }

    public var purpose: FormPurpose
    var title: String
    var hint: String
    var fields: [Field]
    var focus: Int
    public var savedAt: LocalDateTime
}

extension FormModal {
    func draft(at now: LocalDateTime) -> FormDraft {
        FormDraft(purpose: purpose, title: title, hint: hint,
                  fields: form.fields.indices.map { i in
                      FormDraft.Field(label: form.fields[i].label, initial: initial[i], text: form.fields[i].editor.text,
                                      limit: form.fields[i].editor.limit)
                  },
                  focus: form.focus, savedAt: now)
    }

    init(_ draft: FormDraft) {
        self.init(draft.purpose, title: draft.title, hint: draft.hint,
                  fields: draft.fields.map { Form.Field(label: $0.label, text: $0.initial, limit: $0.limit) },
                  focus: min(draft.focus, max(0, draft.fields.count - 1)))
        for (i, field) in draft.fields.enumerated() { form.fields[i].editor = LineEditor(field.text, limit: field.limit) }
    }
}
