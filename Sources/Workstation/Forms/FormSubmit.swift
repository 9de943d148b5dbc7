import Counseling
import Store

/// Turns a filled form into the effect that saves it, or marks what is
/// wrong in the form and returns nil.
enum FormSubmit {
    static func effect(_ f: inout FormModal, _ s: inout AppState) -> Effect? {
        f.clearErrors()
        switch f.purpose {
        case .visit(let student): return VisitInput.read(&f, student: student, &s)
        case .level(let student, let from): return LevelInput.read(&f, student: student, from: from, &s)
        case .appointment(let student, let confirmed): return AppointmentInput.read(&f, student: student, confirmedSlot: confirmed, &s)
        case .proposal(let proposal, let current): return ProposalInput.read(&f, proposal, currentLevel: current, &s)
        case .followUp(let followUp): return FollowUpInput.read(&f, followUp, &s)
        case .plan(let student, let editing): return PlanInput.read(&f, student: student, editing: editing, &s)
        case .planReview(let plan): return PlanInput.review(&f, plan, &s)
        case .guardianContact(let student): return GuardianContactInput.read(&f, student: student, &s)
        case .referral(let student): return ReferralInput.read(&f, student: student, &s)
        case .referralFeedback(let referral): return ReferralInput.feedback(&f, referral, &s)
        case .closingRequest(let student):
            // Checked against the file as it is now, which is open.
            guard let file = s.file, file.student.id == student else { return nil }
            return ClosingInput.request(&f, file, &s)
        case .closingDecision(let closing): return ClosingInput.decide(&f, closing, &s)
        case .handover(let run, let counselors): return HandoverInput.read(&f, run, counselors: counselors, &s)
        case .exportCompliance: return ExportInput.read(&f, &s)
        case .explainViolation(let violation, let base): return ExplainInput.read(&f, violation, basedOn: base, &s)
        case .correctCheckIn(let candidates): return CorrectCheckInInput.read(&f, candidates, &s)
        case .shift(let editing): return ShiftInput.read(&f, editing: editing, &s)
        case .weeklyPattern: return WeeklyPatternInput.read(&f, &s)
        case .addStudent: return StudentInput.roster(&f, editing: nil, &s)
        case .editStudent(let student): return StudentInput.roster(&f, editing: student, &s)
        case .leaving(let student): return StudentInput.leaving(&f, student, &s)
        case .returning(let student): return StudentInput.returning(&f, student, &s)
        case .peerSupporters(let ref, let base): return PeerSupporterInput.read(&f, ref, basedOn: base, &s)
        case .groupSession: return GroupSessionInput.read(&f, &s)
        case .printDocument(let kind, let number): return PrintInput.read(&f, kind, number, &s)
        }
    }
}
