import Counseling
import Vault
import Foundation

/// Every change a person makes to the store, from the workstation or the
/// command line: one case per domain operation. `Store.execute(_:as:)`
/// carries each out in one transaction: permission from the account's
/// keys, validation by the rules in `Counseling`, a check that nothing it
/// was based on changed meanwhile, the writes, and a typed audit entry.
///
/// An edit names the version it was based on (`basedOn`): the value the
/// screen showed. When the stored version differs, someone else saved in
/// between and the edit is refused (`StoreError.stale`), never merged
/// over their work.
public enum StoreCommand: Sendable, Equatable {
    // The room, day to day.
    /// A visit; one about thoughts of self-harm is routed by the store to
    /// a counselor (`escalatedTo` is set there, whatever the caller sent).
    case logVisit(Visit)
    case checkIn(DutyCheckIn)
    case checkOut(DutyCheckInID)
    /// A booking; one outside the room's opening hours only when the
    /// teacher confirmed it (the form asked).
    case bookAppointment(Appointment, outsideHoursConfirmed: Bool = false)
    case moveAppointment(Appointment, basedOn: Appointment)
    // Crisis.
    /// Starts a run for the student it names (required); refused while the
    /// student has an acute run open.
    case startCrisisRun(CrisisRun)
    case recordCrisisStep(CrisisRunID, step: String, outcome: CrisisRun.Outcome, note: String)
    /// Hands the run to `to` (a counselor account), or, with nil, to the
    /// counselor the store finds (checked in now, the student's own, every counselor).
    case handOverCrisis(CrisisRunID, to: StaffID?, note: String)
    case takeCrisisRun(CrisisRunID)
    case takeEscalation(VisitID)
    // The student's file.
    /// A level change and the next follow-up it sets, together.
    case changeLevel(LevelChange, followUp: FollowUp)
    case completeFollowUp(FollowUp, basedOn: FollowUp)
    case writeNote(CaseNote)
    case editNote(CaseNote, basedOn: CaseNote)
    /// A new plan (`basedOn` nil: the student had none when the form opened)
    /// or a new version of the student's current plan.
    case savePlan(SupportPlan, basedOn: SupportPlan?)
    case recordGuardianContact(GuardianContact)
    case recordReferral(Referral)
    case recordReferralFeedback(Referral, basedOn: Referral)
    case decideProposal(ScreeningProposal, levelChange: LevelChange?, basedOn: ScreeningProposal)
    /// A screening file's scored results into a campaign (`importScreening`).
    case importScreening(ScreeningImportBatch)
    case requestClosing(CaseClosing)
    /// Approved or declined; an approval closes the case with its level change.
    case decideClosing(CaseClosing)
    // An account's own draft (encoded by the screen that owns its shape).
    case keepDraft(body: Data, about: StudentID?)
    case removeDraft
    // Administration and oversight.
    case importStudents([Student])
    /// Planned shifts, replacing ones with the same id (a re-imported roster).
    case importShifts([PlannedShift])
    // The duty roster, edited in the workstation or with `xindesk roster`
    // (`editDutyRoster`; rules in `DutyRoster`).
    case addShift(PlannedShift)
    /// The same shift (same id) on another day or time, or for another
    /// person; refused once the shift has begun.
    case moveShift(PlannedShift, basedOn: PlannedShift)
    /// The shift as the screen showed it; the removed version is kept in
    /// `revisions`. Refused once the shift has begun.
    case removeShift(PlannedShift)
    /// The pattern's shifts on its weekday's school days, in one transaction.
    case applyWeeklyPattern(WeeklyDutyPattern)
    /// Data left the store (an export or a print): who, what, how much.
    case recordExport(ExportKind, detail: String)
    /// A change to an account's key slot that the vault has made (added,
    /// removed, a new passphrase): who did it, to which account. Needs
    /// `manageAccounts`, except an account recording its own new passphrase.
    case recordAccountChange(AccountChange, account: String)
    /// A backup the vault has written, and where (needs `makeBackup`).
    case recordBackup(destination: String)
    // Duty records after the fact (heads and administrators, never the
    // duty teacher for their own): see `CheckInAmendment`.
    /// Check-ins from a paper duty log; each one's `amendment?.reason` is
    /// its note, the rest of the amendment is the store's (who, when).
    case enterCheckIns([DutyCheckIn])
    /// New times for a stored check-in, for `reason`; only the times of
    /// `checkIn` are taken.
    case correctCheckIn(DutyCheckIn, reason: String, basedOn: DutyCheckIn)
    /// A head's explanation of a violation: new (`basedOn` nil) or a new
    /// version of the stored one. Only its id, day and text are taken.
    case explainViolation(ViolationNote, basedOn: ViolationNote?)
    // The school file.
    /// The school's whole setup (`xindesk school apply`), replacing the one
    /// it was based on (what `schoolSetup()` read when the file was checked).
    case applySchoolSetup(SchoolSetup, basedOn: SchoolSetup)
    // Students one by one (`Store+StudentCommands`).
    /// A new student; refused when the student number is taken.
    case addStudent(Student)
    /// New roster details (number, name, gender, class, head teacher) of the
    /// student `basedOn` shows; guardians, flags and enrolment stay as stored.
    case editStudent(Student, basedOn: Student)
    /// 转出, 毕业 or 休学: the student keeps the file and leaves the lists.
    case recordLeaving(StudentID, EnrolmentEvent, basedOn: Student)
    /// 复学: back on the lists, marked as returned, with the follow-up a
    /// counselor holds after the return.
    case recordReturn(StudentID, EnrolmentEvent, followUpDue: Day, basedOn: Student)
    /// The class's peer supporters (心理委员), replacing those the screen
    /// showed (`basedOn`).
    case namePeerSupporters(ClassRef, [StudentID], basedOn: [StudentID])
    // Group sessions (团体辅导, `Store+GroupSessionCommands`).
    /// A session with its participants (each a current student, 2–40);
    /// the session's count is the store's, taken from `participants`.
    case logGroupSession(GroupSession, participants: [StudentID])
}

/// What happened to an account's key slot, for the audit log. Never holds
/// a passphrase or anything derived from one.
public enum AccountChange: Sendable, Equatable {
    /// A new account with these roles.
    case added(roles: Set<Role>)
    case removed
    case passphraseChanged
    /// The acting session sealed these tier keys to the account, which was
    /// waiting for them (`UnlockedVault.grantWaiting`).
    case granted(tiers: [Tier])
    /// A new display name, signed into the keyring (`UnlockedVault.renameAccount`).
    case renamed(displayName: String)

    var auditAction: AuditAction {
        switch self {
        case .added: .accountAdd
        case .removed: .accountRemove
        case .passphraseChanged: .accountPassphrase
        case .granted: .accountGrant
        case .renamed: .accountRename
        }
    }

    /// The audit entry's detail: the roles of a new account, the tiers
    /// granted, a new display name, else nothing.
    var auditDetail: String {
        switch self {
        case .added(let roles): "roles " + roles.sorted().map(\.rawValue).joined(separator: ",")
        case .granted(let tiers): "tiers " + tiers.map(\.rawValue).joined(separator: ",")
        case .renamed(let displayName): "display name " + Store.spellingOutControls(displayName)
        case .removed, .passphraseChanged: ""
        }
    }
}

/// What left the store, for the audit log; each needs the permission to read it.
public enum ExportKind: Sendable, Equatable {
    case complianceCSV, studentsCSV, keyAttentionReport
    /// The term's counts sealed to the district (`xindesk district export`).
    case districtBundle
    /// A printed document, about one student or a period.
    case document(PrintKind, student: StudentID?)

    /// The student an export is about, named in its entry by the tier link.
    var student: StudentID? {
        if case .document(_, let student) = self { return student }
        return nil
    }

    var auditAction: AuditAction {
        switch self {
        case .complianceCSV: .complianceExport
        case .studentsCSV: .studentsExport
        case .keyAttentionReport: .keyAttentionPrint
        case .document: .documentPrint
        case .districtBundle: .districtExport
        }
    }

    var readPermission: Action {
        switch self {
        case .complianceCSV: .readComplianceReport
        case .studentsCSV: .exportStudents
        case .keyAttentionReport: .readKeyAttentionList
        case .document(let kind, _): kind.action
        case .districtBundle: .exportDistrictBundle
        }
    }
}

/// What a command did that the screen tells the user.
public struct CommandOutcome: Sendable, Equatable {
    /// Who an escalated visit or a hand-over went to.
    public var routedTo: StaffID?
    /// The visit a counselor took over, or the run.
    public var takenVisit: Visit?
    public var takenRun: CrisisRun?
    /// The student the command was about, if any.
    public var student: StudentID?
    /// Import counts: added, and updated or replaced.
    public var added = 0
    public var updated = 0
    /// The appointment a booking shares its time with (saved, with a warning).
    public var doubleBooked: Appointment?
    /// What a screening import changed.
    public var screening: ScreeningImportCounts?

    public init() {}
}
