import Vault

extension RecordKind {
    /// The tier whose key a record of this kind is sealed under as a whole,
    /// or nil for the room's records, which every account keeps (visits,
    /// appointments, shifts, check-ins, crisis runs) and whose clinical text
    /// alone is sealed (`ClinicalText`).
    ///
    /// A closing is oversight, not clinical: the head of guidance decides on
    /// it (`approveCaseClosing`), so a head's session must read the request
    /// and write the decision. Its reasons, like a level change's reason and
    /// a follow-up's note, are clinical text sealed inside the record.
    var tier: Tier? {
        switch self {
        case .note, .plan, .contact, .referral, .screening, .proposal: .clinical
        // Who took part in a group is clinical; the session itself (time,
        // theme, facilitator, how many) is what a head reports.
        case .groupAttendance: .clinical
        case .groupSession: .oversight
        // A campaign holds counts only: heads report them.
        case .level, .followup, .closing, .campaign: .oversight
        case .visit, .appointment, .shift, .checkin, .crisis, .student: nil
        case .violationNote: nil
        }
    }
}
