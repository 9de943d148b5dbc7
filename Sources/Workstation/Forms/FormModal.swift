import Counseling
import Store
import Terminal

/// What a form is for, with what its reader needs to turn the fields into
/// a record. One case per form of the workstation.
public enum FormPurpose: Hashable, Sendable, Codable {
    case visit(student: StudentID?)
    case level(student: StudentID, from: WarningLevel)
    /// `confirmedSlot`: the time the teacher confirmed outside the room's
    /// opening hours after the store asked (nil until then).
    case appointment(student: StudentID, confirmedSlot: TimeSpan? = nil)
    case proposal(ScreeningProposal, currentLevel: WarningLevel)
    case followUp(FollowUp)
    case plan(student: StudentID, editing: SupportPlan?)
    case planReview(SupportPlan)
    case guardianContact(student: StudentID)
    case referral(student: StudentID)
    case referralFeedback(Referral)
    case closingRequest(student: StudentID)
    case closingDecision(CaseClosing)
    case handover(CrisisRun, counselors: [StaffID])
    case exportCompliance
    case explainViolation(ComplianceViolation, basedOn: ViolationNote?)
    /// The check-ins of the selected violation's day, numbered in the form.
    case correctCheckIn([DutyCheckIn])
    /// A new shift (nil) or a move of the shift as the roster showed it.
    case shift(editing: PlannedShift?)
    case weeklyPattern
    // Students one by one (`StudentForm`).
    case addStudent
    case editStudent(Student)
    case leaving(Student)
    case returning(Student)
    case peerSupporters(ClassRef, basedOn: [StudentID])
    /// A group session (`GroupSessionForm`).
    case groupSession
    /// A document to print (`PrintForm`), about the student of this number, if any.
    case printDocument(PrintKind, studentNumber: String?)
}

/// A form in a box over the main screen: labelled one-line fields, a hint
/// with the codes the fields take, F2 (or Enter on the last field) saves,
/// Esc cancels — asking first when something was typed.
public struct FormModal: Hashable, Sendable {
    public var purpose: FormPurpose
    public var title: String
    public var hint: String
    public var form: Form
    /// What the store answered when saving failed: shown in the box, which
    /// stays open so nothing typed is lost.
    public var problem: String?
    /// The texts the form opened with, to tell whether anything was typed.
    let initial: [String]

    public init(_ purpose: FormPurpose, title: String, hint: String, fields: [Form.Field], focus: Int = 0) {
        self.purpose = purpose
        self.title = title
        self.hint = hint
        form = Form(fields: fields)
        form.focus = focus
        initial = fields.map(\.editor.text)
    }

    public var isChanged: Bool { form.fields.map(\.editor.text) != initial }

    /// The footer's keys: F2 writes a file for the export, saves otherwise.
    var keys: LocalizedText {
        if case .exportCompliance = purpose { return S.exportKeys }
        if case .printDocument = purpose { return S.printKeys }
        return S.save
    }

    /// The text of field `i`, without surrounding spaces.
    func text(_ i: Int) -> String { form.fields[i].editor.text.trimmed }

    mutating func clearErrors() {
        problem = nil
        for i in form.fields.indices { form.fields[i].error = nil }
    }

    mutating func fail(_ i: Int, _ message: LocalizedText, _ language: Language) {
        if form.fields[i].error == nil { form.fields[i].error = message.text(language) }
    }

    var isValid: Bool { form.fields.allSatisfy { $0.error == nil } }

    /// A choice typed as its number in `cases` (1-based), as a word the
    /// type knows in either language, or as the start of one (`直接`);
    /// marks field `i`, naming it by its own label, when it is none of these.
    mutating func choice<T: WordParsable>(_ i: Int, _ type: T.Type, _ language: Language, among cases: [T]? = nil) -> T? {
        let all = cases ?? Array(T.allCases)
        let text = self.text(i)
        if let n = Int(text), all.indices.contains(n - 1) { return all[n - 1] }
        let found = T.matching(prefix: text).filter { value in all.contains { $0.rawValue == value.rawValue } }
        if found.count == 1 { return found[0] }
        fail(i, choiceProblem(i, typed: text, found: found.map(\.displayName), codes: Self.codes(all, language),
                              names: all.map(\.displayName), language), language)
        return nil
    }

    /// Why field `i` holds no choice: empty, too short to tell, or unknown.
    func choiceProblem(_ i: Int, typed: String, found: [LocalizedText], codes: String,
                       names: [LocalizedText], _ language: Language) -> LocalizedText {
        let label = form.fields[i].label
        if typed.isEmpty { return S.fieldEmpty(label) }
        if found.count > 1 {
            return S.choiceAmbiguous(label, names: found.map { $0.text(language) }.joined(separator: S.listSeparator.text(language)))
        }
        let first = names.first?.text(language) ?? ""
        return S.choiceUnknown(label, codes: codes, example: String(first.prefix(language == .en ? 4 : 2)))
    }

    /// A day typed in any way `Day.parse(typed:)` reads, relative to today.
    mutating func day(_ i: Int, _ field: Field, _ language: Language, today: Day) -> Day? {
        do { return try Day.parse(typed: text(i), today: today, field: field) } catch {
            fail(i, text(i).isEmpty ? S.fieldEmpty(form.fields[i].label) : S.dateUnknown(form.fields[i].label), language)
            return nil
        }
    }

    /// "1 walk-in 2 phone …": the numbered codes a choice field takes.
    static func codes<T: WordParsable>(_ cases: [T], _ language: Language) -> String {
        cases.enumerated().map { "\($0.offset + 1) \($0.element.displayName.text(language))" }.joined(separator: " ")
    }
}

extension FormPurpose {
    /// The same form based on the versions now stored: after a save was
    /// refused because a colleague saved first, the teacher has the newer
    /// version beside the form, and saving again is a decision about it.
    func rebased(on file: StudentFile?, students: StudentRoster) -> FormPurpose {
        switch self {
        case .level(let student, let from):
            let now = file.flatMap { $0.student.id == student ? $0.level : nil }
                ?? students.summary(student)?.level ?? from
            return .level(student: student, from: now)
        case .proposal(let p, _):
            guard let file, file.student.id == p.student else { return self }
            return .proposal(file.screeningProposals.first { $0.id == p.id } ?? p, currentLevel: file.level)
        case .followUp(let f):
            return .followUp(file?.followUps.first { $0.id == f.id } ?? f)
        case .plan(let student, let editing):
            guard let file, file.student.id == student else { return self }
            return .plan(student: student, editing: file.currentPlan ?? editing)
        case .planReview(let plan):
            guard let file, file.student.id == plan.student else { return self }
            return .planReview(file.currentPlan ?? plan)
        case .referralFeedback(let r):
            return .referralFeedback(file?.referrals.first { $0.id == r.id } ?? r)
        default:
            return self
        }
    }
}
