import Counseling

/// A record of one of the kinds whole-school lists read, decoded from its
/// row without knowing its type in advance.
enum ListRecord: Sendable {
    case level(LevelChange), plan(SupportPlan), visit(Visit), appointment(Appointment), contact(GuardianContact)
    case followUp(FollowUp), crisis(CrisisRun), closing(CaseClosing), referral(Referral)

    /// Adds the record to its student's file, if that file is among `files`.
    func add(to files: inout [StudentID: StudentFile]) {
        switch self {
        case .level(let r): files[r.student]?.levelChanges.append(r)
        case .plan(let r): files[r.student]?.plans.append(r)
        case .visit(let r): if let s = r.student { files[s]?.visits.append(r) }
        case .appointment(let r): files[r.student]?.appointments.append(r)
        case .contact(let r): files[r.student]?.guardianContacts.append(r)
        case .followUp(let r): files[r.student]?.followUps.append(r)
        case .crisis(let r): if let s = r.student { files[s]?.crisisRuns.append(r) }
        case .closing(let r): files[r.student]?.closings.append(r)
        case .referral(let r): files[r.student]?.referrals.append(r)
        }
    }
}
