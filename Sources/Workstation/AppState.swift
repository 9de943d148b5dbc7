import Counseling
import Foundation
import Store
import Terminal

public enum Pane: Int, CaseIterable, Sendable {
    case students, file, roster, crisis
}

/// The visit form: the duty teacher's fast path.
public struct VisitForm: Hashable, Sendable {
    public var student: StudentID?
    public var studentName: String
    public var form: Form

    init(student: StudentID?, studentName: String, language: Language) {
        self.student = student
        self.studentName = studentName
        form = Form(fields: [Form.Field(label: S.channel.text(language), text: language == .zhHans ? "来访" : "walk-in"),
                             Form.Field(label: S.reasons.text(language)),
                             Form.Field(label: S.brief.text(language), limit: 500)])
    }
}

/// Raising or lowering a level: the reason is required.
public struct LevelForm: Hashable, Sendable {
    public var student: StudentID
    public var studentName: String
    public var from: WarningLevel
    public var form: Form
}

/// Booking an appointment for the selected student.
public struct AppointmentForm: Hashable, Sendable {
    public var student: StudentID
    public var studentName: String
    public var form: Form
}

/// Writing or editing a case note, inside the app (never an external
/// editor or a temp file).
public struct NoteForm: Hashable, Sendable {
    public var student: StudentID
    public var studentName: String
    /// The note being edited (its earlier text is kept by the store).
    public var editing: CaseNote?
    public var text: TextArea
}

/// Confirming or dismissing a screening proposal: never automatic.
public struct ProposalForm: Hashable, Sendable {
    public var proposal: ScreeningProposal
    public var currentLevel: WarningLevel
    public var studentName: String
    public var form: Form
}

/// Recording that a follow-up was done, with what was found.
public struct FollowUpForm: Hashable, Sendable {
    public var followUp: FollowUp
    public var studentName: String
    public var form: Form
}

public enum Modal: Hashable, Sendable {
    case followUp(FollowUpForm)
    case proposal(ProposalForm)
    case note(NoteForm)
    case visit(VisitForm)
    case appointment(AppointmentForm)
    case level(LevelForm)
    case help
    case confirmQuit
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
    public var failedUnlocks = 0
    public var retryAt: Date?
    public var lockedBy: String?

    public var account = ""
    public var roles: Set<Role> = []
    public var pane: Pane = .students
    public var maximized = false
    public var students: [StudentSummary] = []
    public var visible: [Int] = []
    public var filter = LineEditor("", limit: 40)
    public var filtering = false
    public var list = ListState()
    public var queue: [KeyAttentionItem] = []
    public var file: StudentFile?
    public var fileScroll = 0
    public var todaysVisits: [Visit] = []
    public var shifts: [PlannedShift] = []
    public var checkIns: [DutyCheckIn] = []
    public var appointments: [Appointment] = []
    public var appointmentList = ListState()
    public var compliance: ComplianceReport?
    public var levelCounts: [WarningLevel: Int] = [:]
    public var overdueCount = 0
    public var checklist: CrisisChecklist = .standard
    public var crisisRun: CrisisRun?
    public var crisisStep = 0
    public var modal: Modal?
    public var message = ""
    public var staff: [Staff] = []
    /// Numbers new records' ids within this session.
    public var serial = 0
    public var now: LocalDateTime
    public var lastActivity: Date
    public var idleLockMinutes: Int

    public init(language: Language, accounts: [String], now: LocalDateTime, wall: Date, idleLockMinutes: Int = 5) {
        self.language = language
        self.accounts = accounts
        self.now = now
        lastActivity = wall
        self.idleLockMinutes = idleLockMinutes
    }

    public var isDutyOnly: Bool { !roles.contains(.counselor) && roles.contains(.duty) }
    public var isHead: Bool { roles.contains(.head) && !roles.contains(.counselor) }
    public var currentCheckIn: DutyCheckIn? { checkIns.last { $0.person.rawValue == account && $0.checkOut == nil } }

    /// The student the cursor is on in the list.
    public var selectedStudent: StudentSummary? {
        if showsQueue {
            guard queue.indices.contains(list.selected) else { return nil }
            let id = queue[list.selected].student.id
            return students.first { $0.id == id }
        }
        guard visible.indices.contains(list.selected) else { return nil }
        return students[visible[list.selected]]
    }

    /// A counselor's list opens on the key-attention queue; typing a filter
    /// shows all students.
    /// This week's appointments in time order, as the roster pane lists them.
    public var weekAppointments: [Appointment] { appointments.sorted { ($0.slot.start, $0.id) < ($1.slot.start, $1.id) } }

    public var showsQueue: Bool { roles.contains(.counselor) && filter.text.isEmpty && !filtering }

    /// Forgets every decrypted value (on lock).
    public mutating func wipe() {
        students = []; visible = []; queue = []; file = nil; todaysVisits = []; shifts = []; checkIns = []
        appointments = []; compliance = nil; levelCounts = [:]; crisisRun = nil; modal = nil
        filter = LineEditor("", limit: 40); filtering = false; list = ListState(); message = ""
        passphrase = LineEditor("", limit: 200)
    }

    /// Recomputes the filtered list (name, pinyin in full or initials,
    /// student number, class).
    public mutating func applyFilter() {
        let q = StudentSummary.Query(filter.text)
        visible = q.isEmpty ? Array(students.indices) : students.indices.filter { students[$0].matches(q) }
        list.move(0, count: visible.count)
    }
}
