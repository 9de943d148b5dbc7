/// What the audit log says was done: one case per kind of entry. The raw
/// values are what the log has always held; never change one, old entries
/// keep their text and `check` re-hashes them as written.
public enum AuditAction: String, Sendable, CaseIterable {
    case visitAdd = "visit.add"
    case escalationTake = "visit.escalation.take"
    case checkIn = "duty.checkin"
    case checkOut = "duty.checkout"
    case levelChange = "level.change"
    case followUpAdd = "followup.add"
    case followUpDone = "followup.done"
    case crisisStart = "crisis.start"
    case crisisStep = "crisis.step"
    case crisisHandover = "crisis.handover"
    case crisisTake = "crisis.take"
    case appointmentBook = "appointment.book"
    case appointmentMove = "appointment.move"
    case noteAdd = "note.add"
    case noteEdit = "note.edit"
    case planAdd = "plan.add"
    case planEdit = "plan.edit"
    case contactAdd = "contact.add"
    case referralAdd = "referral.add"
    case referralFeedback = "referral.feedback"
    case proposalConfirmed = "proposal.confirmed"
    case proposalDismissed = "proposal.dismissed"
    /// A screening file imported into a campaign (counts only in the detail).
    case screeningImport = "screening.import"
    case closingRequest = "closing.request"
    case closingApprove = "closing.approve"
    case closingDecline = "closing.decline"
    case draftKeep = "draft.keep"
    case draftRemove = "draft.remove"
    case studentView = "student.view"
    case studentImport = "student.import"
    case rosterImport = "roster.import"
    // The duty roster edited shift by shift (the subject names the shift).
    case shiftAdd = "roster.shift.add"
    case shiftMove = "roster.shift.move"
    case shiftRemove = "roster.shift.remove"
    case rosterPattern = "roster.pattern"
    case settingsChange = "settings.change"
    case complianceExport = "compliance.export"
    case studentsExport = "students.export"
    case keyAttentionPrint = "report.key-attention"
    case demoGenerate = "demo.generate"
    // Accounts and backups (the subject names the account; never a passphrase).
    case accountAdd = "account.add"
    case accountRemove = "account.remove"
    case accountPassphrase = "account.passphrase"
    /// Tier keys sealed to an account that was waiting for them.
    case accountGrant = "account.grant"
    /// A new display name signed into the keyring.
    case accountRename = "account.rename"
    case backupWrite = "backup.write"
    // Duty records after the fact (the subject names the check-in or violation).
    case checkInEnter = "duty.checkin.enter"
    case checkInCorrect = "duty.checkin.correct"
    case violationExplain = "compliance.violation.explain"
    // Students one by one (the detail never holds a leaving's reason).
    case studentAdd = "student.add"
    case studentEdit = "student.edit"
    case studentLeave = "student.leave"
    case studentReturn = "student.return"
    case peerSupportersName = "peers.name"
    /// A group session logged (the subject names the session; the detail
    /// its count, never a participant).
    case groupSessionLog = "group.log"
    /// A document printed (`xindesk print`): the detail names its kind,
    /// period and size, never its content; one about a student names them
    /// by the oversight link.
    case documentPrint = "document.print"
    /// A district bundle written (`xindesk district export`): the detail
    /// names the period, the district key and how many figures, never a figure.
    case districtExport = "district.export"
}
