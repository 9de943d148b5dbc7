import Counseling
import Foundation
import Store
import Terminal

public enum Pane: Int, CaseIterable, Sendable {
    case students, file, roster, crisis
}

/// Writing or editing a case note, inside the app (never an external
/// editor or a temp file).
public struct NoteForm: Hashable, Sendable {
    public var student: StudentID
    public var studentName: String
    /// The note being edited (its earlier text is kept by the store).
    public var editing: CaseNote?
    public var text: TextArea

    var isChanged: Bool { text.text != (editing?.text ?? "") }
}

public indirect enum Modal: Hashable, Sendable {
    case form(FormModal)
    case note(NoteForm)
    case palette(CommandPalette)
    case help
    /// The first-run checklist (`SetupChecklistView`).
    case setup
    /// Quitting (F10 or Ctrl-C in a form) with something unsaved: `n`
    /// goes back to the modal it came from.
    case confirmQuit(returnTo: Modal?)
    /// Esc in a form with typed text: `n` goes back to it.
    case confirmDiscard(Modal)
    /// Removing the selected duty shift: `y` removes it, `n` goes back.
    case confirmRemoveShift(PlannedShift)
    /// The peer supporters of every class.
    case peers(PeerSupporterList)
    /// Who opened a student's file, and when.
    case fileReaders(FileReadersList)
    /// A visit about to be logged while nobody is checked in: `y` checks
    /// in and opens this visit form, `n` opens it without, Esc cancels.
    case confirmCheckIn(visit: FormModal)
    /// F5 while on duty: `y` checks out, `n` goes back.
    case confirmCheckOut(DutyCheckIn)
    /// Quitting while checked in: `y` checks out and quits, `n` quits on
    /// duty, Esc goes back to `returnTo`.
    case confirmQuitOnDuty(DutyCheckIn, returnTo: Modal?)

    var hasUnsavedInput: Bool {
        switch self {
        case .form(let f): f.isChanged
        case .note(let n): n.isChanged
        default: false
        }
    }
}

/// What to do once the store has saved what was just asked (the check-in
/// or check-out a question led to); nothing if the store refused it.
public enum AfterSave: Hashable, Sendable {
    case open(Modal)
    case quit
}

/// The list as it was before `/`: Esc in the search goes back to it.
public struct SearchReturn: Hashable, Sendable {
    public var filter: LineEditor
    public var student: StudentID?
}

public enum Phase: Hashable, Sendable {
    /// Choosing an account and typing the passphrase (also after a lock).
    case unlock
    case main
    /// Everything hidden until a key is pressed.
    case blank
}

/// Everything the workstation shows. Pure data: `update` changes it,
/// `render` draws it, and only the effect runner touches the store.
public struct AppState: Sendable {
    public var language: Language
    public var width = 80, height = 24
    public var phase: Phase = .unlock
    public var accounts: [String]
    public var accountIndex = 0
    public var passphrase = LineEditor("", limit: 200)
    public var unlockMessage = ""
    /// When each account may try a passphrase again after wrong ones: read
    /// from the vault's throttle file at start and after every refused
    /// unlock, so a restart does not forget it. The unlock screen counts
    /// the selected account's wait down.
    public var retryAt: [String: Date] = [:]
    /// The wall clock at the last key or tick, for that countdown.
    public var wallClock: Date
    public var lockedBy: String?

    public var account = ""
    public var roles: Set<Role> = []
    public var pane: Pane = .students
    public var maximized = false
    public var students = StudentRoster()
    public var visible: [Int] = []
    public var filter = LineEditor("", limit: 40)
    public var filtering = false
    /// The list before the search began (see `SearchReturn`).
    public var searchReturn: SearchReturn?
    public var list = ListState()
    public var queue: [KeyAttentionItem] = []
    public var file: StudentFile?
    public var fileScroll = 0
    public var todaysVisits: [Visit] = []
    public var shifts: [PlannedShift] = []
    public var checkIns: [DutyCheckIn] = []
    public var appointments: [Appointment] = []
    public var appointmentList = ListState()
    /// The violation selected in the compliance view (newest first).
    public var violationList = ListState()
    public var compliance: ComplianceReport?
    public var levelCounts: [WarningLevel: Int] = [:]
    public var overdueCount = 0
    public var checklist: CrisisChecklist = .standard
    /// The school's follow-up intervals and special periods, as loaded.
    public var followUpIntervals: FollowUpIntervals = .standard
    /// Acute crisis runs and hand-overs waiting for a counselor, as loaded.
    public var crisisRuns: [CrisisRun] = []
    /// The student the crisis pane is about, chosen with F7 on that student.
    public var crisisStudent: StudentID?
    /// Case closings waiting for a second person (for those who approve).
    public var pendingClosings: [CaseClosing] = []
    /// What the approver reads of each pending closing's file before deciding.
    public var closingSummaries: [StudentID: ClosingSummary] = [:]
    /// Visits the duty teacher escalated that no counselor has taken yet.
    public var escalations: [Visit] = []
    /// Screening proposals nobody has decided, urgent first (counselors).
    public var proposals: [ScreeningProposal] = []
    /// When the store was last asked whether it changed.
    var polledAt: Date?
    /// The store's change mark at the last load (see `Store.changeMark`).
    public var dataMark: Int64 = 0
    /// Another workstation saves (a visit escalated, a plan edited, a run
    /// handed over): this screen shows it within this many seconds.
    public static let pollSeconds: TimeInterval = 10
    /// What was typed at the last lock, waiting to reopen (after its file).
    public var draft: Draft?
    /// A reopened draft's box is on screen: its kept copy is removed when
    /// the box closes.
    var draftReopened = false
    public var crisisStep = 0
    public var modal: Modal?
    public var afterSave: AfterSave?
    public var setup: SetupFacts?
    public var message = ""
    /// An instruction that must not scroll away with the next key
    /// (`Msg.urgent`); Esc clears it.
    public var urgent = ""
    public var staff: [Staff] = []
    /// The school calendar, for the roster forms' defaults and checks.
    public var calendar: SchoolCalendar?
    /// The shift selected in the roster's week grid (index in `weekShifts`).
    public var shiftSelected = 0
    public var now: LocalDateTime
    public var lastActivity: Date
    public var idleLockMinutes: Int

    public init(language: Language, accounts: [String], now: LocalDateTime, wall: Date, idleLockMinutes: Int = 5) {
        self.language = language
        self.accounts = accounts
        self.now = now
        lastActivity = wall
        wallClock = wall
        self.idleLockMinutes = idleLockMinutes
    }

    /// The account chosen on the unlock screen ("recovery" for the recovery key).
    public var unlockAccount: String { accountIndex < accounts.count ? accounts[accountIndex] : "recovery" }

    /// Chooses `account` on the unlock screen (`xindesk open --user NAME`;
    /// "recovery" chooses the recovery key). False, choosing nothing, when
    /// the database has no such account.
    public mutating func preselect(_ account: String) -> Bool {
        if account == "recovery" {
            accountIndex = accounts.count
            return true
        }
        guard let index = accounts.firstIndex(of: account) else { return false }
        accountIndex = index
        return true
    }

    /// Whole seconds the chosen account must still wait before it may try
    /// a passphrase (0: it may try now).
    public var unlockWait: Int {
        guard let retry = retryAt[unlockAccount], retry > wallClock else { return 0 }
        return Int(retry.timeIntervalSince(wallClock).rounded(.up))
    }

    public var isDutyOnly: Bool { !roles.contains(.counselor) && roles.contains(.duty) }
    public var isHead: Bool { roles.contains(.head) && !roles.contains(.counselor) }
    /// The compliance view's violations as listed, newest first.
    public var listedViolations: [ComplianceViolation] { (compliance?.violations ?? []).reversed() }
    public var selectedViolation: ComplianceViolation? {
        listedViolations.indices.contains(violationList.selected) ? listedViolations[violationList.selected] : nil
    }
    /// The account's shift open today.
    public var currentCheckIn: DutyCheckIn? {
        checkIns.last { $0.person.rawValue == account && $0.checkOut == nil && $0.checkIn.day == now.day }
    }
    /// A shift of the account's left open on an earlier day: a missing
    /// check-out, shown with its date until today's check-in.
    public var missedCheckOut: DutyCheckIn? {
        checkIns.last { $0.person.rawValue == account && $0.isMissingCheckOut(asOf: now) }
    }

    /// The crisis run the crisis pane shows: the chosen student's acute run,
    /// or the one handed over and waiting.
    public var crisisRun: CrisisRun? {
        guard let crisisStudent else { return nil }
        return crisisRuns.last { $0.student == crisisStudent }
    }

    /// Crisis runs handed over that no counselor has taken yet.
    public var handovers: [CrisisRun] { crisisRuns.filter(\.awaitsCounselor) }

    /// The student the cursor is on in the list.
    public var selectedStudent: StudentSummary? {
        if showsQueue {
            guard queue.indices.contains(list.selected) else { return nil }
            return students.summary(queue[list.selected].student.id)
        }
        guard visible.indices.contains(list.selected) else { return nil }
        return students[visible[list.selected]]
    }

    /// The student whose name the focused pane shows, whom every command
    /// about one student acts on: the list's selection, the open file
    /// (pane 2 of those who read files), the crisis pane's student. The
    /// roster holds no one student.
    public var focusedStudent: StudentID? {
        switch pane {
        case .students: selectedStudent?.id
        case .file: isDutyOnly || isHead ? nil : file?.student.id
        case .crisis: crisisStudent
        case .roster: nil
        }
    }

    /// The focused student as the list knows them (the forms take this).
    public var focusedSummary: StudentSummary? {
        guard let id = focusedStudent else { return nil }
        return students.summary(id)
    }

    /// Today's shift of anyone on duty: nobody's means the room has no
    /// teacher checked in.
    public var anyoneOnDuty: Bool { checkIns.contains { $0.checkOut == nil && $0.checkIn.day == now.day } }

    /// This week's appointments in time order, as the roster pane lists them.
    public var weekAppointments: [Appointment] { appointments.sorted { ($0.slot.start, $0.id) < ($1.slot.start, $1.id) } }

    /// The shifts the roster's week grid shows (Monday to Friday), in time
    /// order: what ←/→ select for moving or removing.
    public var weekShifts: [PlannedShift] {
        let monday = now.day.rosterWeek
        return shifts.filter { (0..<5).contains(monday.days(to: $0.day)) }
            .sorted { ($0.span.start, $0.person, $0.id) < ($1.span.start, $1.person, $1.id) }
    }

    /// The selected shift, for those who may edit the roster.
    public var selectedShift: PlannedShift? {
        let shown = weekShifts
        return Permission.allows(roles, .editDutyRoster) && shown.indices.contains(shiftSelected) ? shown[shiftSelected] : nil
    }

    /// A counselor's list opens on the key-attention queue; typing a filter
    /// shows all students.
    public var showsQueue: Bool { roles.contains(.counselor) && filter.text.isEmpty && !filtering }

    /// Forgets every decrypted value (on lock).
    public mutating func wipe() {
        students = StudentRoster(); visible = []; queue = []; file = nil; todaysVisits = []; shifts = []; checkIns = []
        appointments = []; compliance = nil; levelCounts = [:]; crisisRuns = []; crisisStudent = nil; modal = nil; setup = nil; pendingClosings = []; closingSummaries = [:]; escalations = []; proposals = []; draft = nil; draftReopened = false
        filter = LineEditor("", limit: 40); filtering = false; list = ListState(); message = ""; urgent = ""
        searchReturn = nil; afterSave = nil
        passphrase = LineEditor("", limit: 200)
    }

    /// A new record's id: random, saying nothing but its kind. An id stays
    /// in the clear beside a sealed record, so one made of the account and
    /// the time would tell anyone with the page key when a counselor wrote
    /// a note or changed a level, which the store seals.
    func nextID<R>(_ kind: String) -> Identifier<R> {
        Identifier("\(kind)-\(UUID().uuidString.lowercased())")
    }

    /// The closing the approver is asked about next: the open file's, else
    /// the oldest request someone else made.
    var closingToDecide: CaseClosing? {
        let others = pendingClosings.filter { $0.author != StaffID(account) }
        return others.first { $0.student == file?.student.id } ?? others.first
    }

    public func studentName(_ id: StudentID?) -> String {
        guard let id else { return S.anonymous.text(language) }
        return students.summary(id)?.name ?? file.flatMap { $0.student.id == id ? $0.student.name : nil } ?? "?"
    }

    /// Recomputes the filtered list (name, pinyin in full or initials,
    /// student number, class).
    public mutating func applyFilter() {
        let q = StudentSummary.Query(filter.text, levelsAndFlags: Permission.allows(roles, .readKeyAttentionList))
        // Students who left are off the list; a search still finds them (marked).
        visible = students.matching(q)
        list.move(0, count: visible.count)
    }
}
