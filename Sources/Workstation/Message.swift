import Counseling
import Foundation
import Store
import Terminal

/// What happens to the app: keys, the clock, and the answers of effects.
public enum Msg: Sendable {
    case key(KeyEvent, at: Date)
    case tick(now: LocalDateTime, wall: Date)
    case unlocked(account: String, roles: Set<Role>)
    /// The unlock was refused: why, for which account, and when that
    /// account may try again (from the throttle file every process keeps).
    case unlockFailed(String, account: String, retryAt: Date?)
    case loaded(Snapshot)
    case fileOpened(StudentFile)
    /// A command was carried out: what to tell, the store as it is now, and
    /// the open file as it is now (not a new view of it).
    case saved(String, Snapshot, StudentFile?)
    /// Someone saved first: the form stays open with the message, and the
    /// screen and the file beside it show their version.
    case refused(String, Snapshot, StudentFile?)
    /// A counselor took an escalated visit or a crisis run over: the student's file opens.
    case escalationTaken(String, Snapshot, StudentFile?)
    /// What the teacher must do now (stay with a student who spoke of
    /// self-harm, join a crisis): shown until acknowledged with Esc.
    case urgent(String)
    /// The store changed (another workstation saved): what it holds now.
    case refreshed(Snapshot, StudentFile?)
    case failed(String)
    /// A booking outside the room's opening hours: the form asks the
    /// teacher to confirm that slot (F2 again) or change it.
    case bookingNeedsConfirmation(String, TimeSpan)
    /// A student's record, read for the form that changes it.
    case studentLoaded(Student, StudentFormKind)
    /// Every class with its peer supporters.
    case peersLoaded([PeerSupporterClass])
    case fileReadersLoaded(StudentID, [FileReading])
}

/// What the store holds that the screen shows, loaded in one go.
public struct Snapshot: Sendable {
    public var students = StudentRoster()
    public var queue: [KeyAttentionItem] = []
    public var todaysVisits: [Visit] = []
    public var shifts: [PlannedShift] = []
    public var checkIns: [DutyCheckIn] = []
    public var appointments: [Appointment] = []
    public var compliance: ComplianceReport?
    public var levelCounts: [WarningLevel: Int] = [:]
    public var overdueCount = 0
    public var checklist: CrisisChecklist = .standard
    /// The school's follow-up intervals and special periods (the level form's default date).
    public var followUpIntervals: FollowUpIntervals = .standard
    /// Acute crisis runs, one per student at most, and runs handed over
    /// that no counselor has taken yet.
    public var crisisRuns: [CrisisRun] = []
    /// The store's change mark when this was read (see `Store.changeMark`).
    public var dataMark: Int64 = 0
    public var staff: [Staff] = []
    /// The school calendar (the roster forms need it).
    public var calendar: SchoolCalendar?
    public var pendingClosings: [CaseClosing] = []
    /// The file summary of each pending closing's student, for the approver.
    public var closingSummaries: [StudentID: ClosingSummary] = [:]
    public var escalations: [Visit] = []
    public var proposals: [ScreeningProposal] = []
    /// What the account was typing at the last lock, if anything.
    public var draft: Draft?
    /// What the school has set up, for those who set it up (heads and
    /// administrators); nil for everyone else.
    public var setup: SetupFacts?

    public init() {}
}

/// What `update` asks the outside world to do; the runner does it and
/// answers with a `Msg`.
public enum Effect: Sendable, Equatable {
    case unlock(account: String, passphrase: [UInt8])
    case load
    case openFile(StudentID)
    /// Every change: the store checks and carries it out for the account.
    case execute(StoreCommand)
    /// Asks whether the store changed since the last load (every 10 s).
    case poll
    case keepDraft(Draft)
    case exportCompliance(path: String)
    /// Writes a printed document (`Store.printDocument`) to `path` and records it.
    case printDocument(PrintKind, studentNumber: String?, path: String)
    /// Reads a student's record for an edit, a leaving or a return.
    case loadStudent(StudentID, StudentFormKind)
    case loadPeers
    /// Who opened the student's file (the audit log's entries).
    case loadFileReaders(StudentID)
    case lock
    case quit
    /// Ctrl-Z: hand the terminal back to the shell until `fg` (never from
    /// the lock screen).
    case suspend
}

extension Snapshot {
    /// What the screen shows, for an account with `roles`: nothing a role
    /// may not see is even loaded. `profile` (from config.toml) picks the
    /// opening rules the compliance view checks.
    public static func load(from store: Store, roles: Set<Role>, now: LocalDateTime,
                            profile: OpeningPolicy.Profile? = nil, account: StaffID? = nil,
                            legacyHotlines: [Hotline]? = nil) throws -> Snapshot {
        var snap = Snapshot()
        // Read first: a change committed while the rest loads moves the mark
        // past this one, so the next poll loads again.
        snap.dataMark = try store.changeMark()
        // The counselor's queue is read on a second pool connection while
        // this one reads the student list and everything else the screen
        // shows: the queue is most of the time from unlock to the first frame.
        let queue = QueueLoad()
        let group = DispatchGroup()
        let withLevels = Permission.allows(roles, .readKeyAttentionList)
        // Both read the levels: opened once, here.
        let opened = withLevels ? try store.openedStandings() : nil
        if roles.contains(.counselor) {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                queue.result = Result { try store.keyAttentionQueue(today: now.day, opened: opened) }
            }
        }
        // Never return, not even by a throw below, while the queue still reads the store.
        defer { group.wait() }
        // Levels and flags stay in the store for whoever may not see them:
        // the duty teacher's list is names, numbers and classes only.
        // Those who record leavings and returns also find the students who
        // left (marked; the list leaves them out until searched for).
        snap.students = StudentRoster(try store.studentList(withLevelsAndFlags: withLevels,
                                                            includingLeft: Permission.allows(roles, .recordEnrolment), opened: opened))
        snap.staff = try store.staff()
        let today = LocalDateTime(now.day, .midnight), tomorrow = LocalDateTime(now.day.adding(days: 1), .midnight)
        if Permission.allows(roles, .readVisitRegister) {
            snap.todaysVisits = try store.records(Visit.self, from: today, to: tomorrow)
        }
        let week = now.day.rosterWeek
        let monday = LocalDateTime(week, .midnight), nextMonday = LocalDateTime(week.adding(days: 7), .midnight)
        snap.shifts = try store.records(PlannedShift.self, from: monday, to: nextMonday)
        // Today's check-in too when the roster already shows the week ahead
        // (a Saturday make-up day): the title bar and F5 depend on it.
        let firstCheckIn = min(week.adding(days: -1), now.day.adding(days: -1))
        snap.checkIns = try store.records(DutyCheckIn.self, from: LocalDateTime(firstCheckIn, .midnight), to: nextMonday)
        // A shift left open longer ago still shows (as a missing check-out).
        let loaded = Set(snap.checkIns.map(\.id))
        snap.checkIns = try store.openRecords(DutyCheckIn.self).filter { !loaded.contains($0.id) } + snap.checkIns
        if Permission.allows(roles, .readAppointments) {
            snap.appointments = try store.records(Appointment.self, from: monday, to: nextMonday)
        }
        if roles.contains(.head) {
            snap.compliance = try store.termCompliance(now: now, profile: profile)
            snap.levelCounts = try store.levelCounts()
            snap.overdueCount = try store.overdueFollowUps(today: now.day).count
        }
        if Permission.allows(roles, .approveCaseClosing) {
            snap.pendingClosings = try store.openRecords(CaseClosing.self)
            for closing in snap.pendingClosings { snap.closingSummaries[closing.student] = try store.closingSummary(of: closing.student) }
        }
        if Permission.allows(roles, .takeEscalatedVisit) {
            snap.escalations = try store.escalationsAwaitingCounselor()
        }
        if Permission.allows(roles, .decideScreeningProposal) {
            snap.proposals = try store.pendingProposals()
        }
        if Permission.allows(roles, .startCrisisChecklist) || Permission.allows(roles, .takeEscalatedVisit) {
            // Open runs, and today's ended ones, so the pane can still say
            // who took a hand-over over.
            let open = try store.openCrisisRuns()
            let openIDs = Set(open.map(\.id))
            snap.crisisRuns = try store.records(CrisisRun.self, from: today, to: tomorrow).filter { !openIDs.contains($0.id) } + open
        }
        if let account {
            // A draft an older version wrote that no longer reads is dropped, not a reason to refuse the unlock.
            snap.draft = (try? store.draft(Draft.self, of: account)) ?? nil
        }
        snap.checklist = try store.crisisChecklist()
        // The booking form's default date is the next school day.
        if Permission.allows(roles, .editDutyRoster) || Permission.allows(roles, .bookAppointment) { snap.calendar = try store.calendar() }
        if SetupChecklistView.isFor(roles) { snap.setup = try store.setupFacts(today: now.day) }
        snap.followUpIntervals = try store.followUpIntervals()
        // The hotlines are the school's, stored with the checklist so every
        // workstation shows the same. An old config.toml's `hotlines` still
        // shows until the school applies a school file with its own.
        if let legacyHotlines, !(try store.hasOwnCrisisChecklist()) { snap.checklist.hotlines = legacyHotlines }
        // The queue, the longest of the reads, went on meanwhile.
        group.wait()
        if let result = queue.result { snap.queue = try result.get() }
        return snap
    }
}

/// The queue's result, handed from the reading thread back to the caller
/// (written once, read after the group finished).
private final class QueueLoad: @unchecked Sendable {
    var result: Result<[KeyAttentionItem], Error>?
}
