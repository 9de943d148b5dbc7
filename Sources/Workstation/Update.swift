import Counseling
import Foundation
import Store
import Terminal

/// The whole behaviour of the workstation as one pure function: a message
/// changes the state and may ask for effects. No store, no clock, no
/// screen: tests drive it directly.
public enum Update {
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        var effects = step(&s, msg)
        if s.draftReopened, s.modal == nil, s.phase == .main {
            s.draftReopened = false
            effects.append(.execute(.removeDraft))
        }
        return effects
    }

    static func step(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .tick(let now, let wall):
            s.now = now
            s.wallClock = wall
            if s.phase != .unlock && wall.timeIntervalSince(s.lastActivity) >= Double(s.idleLockMinutes * 60) {
                return lock(&s)
            }
            // Another workstation's saves show here within the poll interval.
            if s.phase != .unlock, s.polledAt.map({ wall.timeIntervalSince($0) >= AppState.pollSeconds }) ?? true {
                s.polledAt = wall
                return [.poll]
            }
            return []
        case .refreshed(let snapshot, let file):
            let L = s.language
            let knownVisits = Set(s.escalations.map(\.id)), knownRuns = Set(s.handovers.map(\.id))
            apply(snapshot, to: &s)
            if let file, file.student.id == s.file?.student.id { s.file = file }
            if Permission.allows(s.roles, .takeEscalatedVisit) {
                if s.handovers.contains(where: { !knownRuns.contains($0.id) }) {
                    s.urgent = S.newHandover.text(L)
                } else if s.escalations.contains(where: { !knownVisits.contains($0.id) }) {
                    s.urgent = S.newEscalation.text(L)
                }
            }
            return []
        case .key(let key, let at):
            if case .resize(let w, let h) = key { s.width = w; s.height = h; return [] }
            s.lastActivity = at
            // Ctrl-Z hands the terminal to the shell: from anywhere but the
            // unlock screen, which decides for itself. The workstation locks
            // first (a draft kept as at any lock): a stopped job is one `fg`
            // away for whoever sits down at that shell.
            if key == .ctrl("z"), s.phase != .unlock { return lock(&s) + [.suspend] }
            s.wallClock = at
            switch s.phase {
            case .blank:
                s.phase = .main
                return []
            case .unlock:
                return unlockKey(&s, key, at: at)
            case .main:
                // A message answers the last key and goes at the next; an
                // urgent instruction stays until Esc says it was read.
                s.message = ""
                if key == .escape, s.modal == nil, !s.filtering, !s.urgent.isEmpty {
                    s.urgent = ""
                    return []
                }
                if s.modal != nil { return modalKey(&s, key) }
                if s.filtering { return filterKey(&s, key) }
                // Keys typed faster than the terminal reports them arrive as
                // one burst; outside a text field a short burst is keys. A long
                // one is a paste into nowhere, and must not run commands.
                if case .paste(let text) = key {
                    guard text.count <= 4 else { return [] }
                    return text.flatMap { update(&s, .key(.character($0), at: at)) }
                }
                guard let command = Command.find(key, in: s) else { return [] }
                return perform(&s, command)
            }
        case .unlocked(let account, let roles):
            s.account = account
            s.roles = roles
            s.phase = .main
            s.retryAt[account] = nil
            s.unlockMessage = ""
            s.lockedBy = nil
            s.pane = .students
            return [.load]
        case .unlockFailed(let why, let account, let retry):
            // The wait is the vault's (1, 2, 4 … s per account, at most 5
            // minutes, kept in a file every process honours), not this
            // screen's: it survives a restart and counts the command line's
            // wrong passphrases too.
            s.retryAt[account] = retry
            s.unlockMessage = why
            return []
        case .loaded(let snapshot):
            apply(snapshot, to: &s)
            // A school just made opens on what to set up next.
            if let setup = s.setup, setup.isNewSchool, s.modal == nil, s.draft == nil { s.modal = .setup }
            // A draft kept at the last lock: open its student's file first if it needs it.
            if let draft = s.draft, s.modal == nil {
                if let student = draft.fileStudent, s.file?.student.id != student { return [.openFile(student)] }
                restoreDraft(&s)
            }
            return []
        case .fileOpened(let file):
            s.file = file
            s.fileScroll = 0
            // The list's cursor goes to the student whose file opened (where
            // the list shows them): pane 1 and pane 2 name the same student.
            _ = select(file.student.id, in: &s)
            restoreDraft(&s)
            return []
        case .urgent(let instruction):
            s.urgent = instruction
            return []
        case .escalationTaken(let message, let snapshot, let file):
            s.modal = nil
            s.urgent = message
            apply(snapshot, to: &s)
            if let file {
                s.file = file
                s.fileScroll = 0
                s.pane = .file
                // The list agrees with the file where it shows the student:
                // back in pane 1, F4 is still about the one taken over.
                _ = select(file.student.id, in: &s)
            }
            return []
        case .saved(let message, let snapshot, let file):
            s.modal = nil
            if !message.isEmpty { s.message = message }
            apply(snapshot, to: &s)
            if let file, file.student.id == s.file?.student.id { s.file = file }
            // The check-in a question led to is saved: on to the visit form,
            // or out of the app after the check-out.
            switch s.afterSave {
            case .open(let next)?: s.afterSave = nil; s.modal = next
            case .quit?: s.afterSave = nil; return [.quit]
            case nil: break
            }
            return []
        case .refused(let message, let snapshot, let file):
            s.afterSave = nil
            // Someone saved first: the screen and the file beside the form show
            // their version, and the form, as typed, is now based on it, so the
            // teacher who compared and saves again saves over what they have seen.
            apply(snapshot, to: &s)
            if let file, file.student.id == s.file?.student.id { s.file = file }
            switch s.modal {
            case .form(var f):
                f.purpose = f.purpose.rebased(on: s.file, students: s.students).rebased(on: s.compliance)
                if case .level(let student, let from) = f.purpose {
                    f.title = FormModal.levelTitle(s.studentName(student), from, s.language)
                }
                // A shift moved or removed meanwhile: the form is based on what is stored now.
                if case .shift(let editing?) = f.purpose {
                    f.purpose = .shift(editing: s.shifts.first { $0.id == editing.id } ?? editing)
                }
                s.modal = .form(f)
            case .note(var n):
                n.editing = n.editing.map { old in s.file?.caseNotes.first { $0.id == old.id } ?? old }
                s.modal = .note(n)
            default: break
            }
            explain(&s, message)
            return []
        case .failed(let message):
            // A check-in refused still opens the visit form it led to (the
            // student is in front of the teacher), saying why; a refused
            // check-out does not quit.
            if case .open(let next)? = s.afterSave, s.modal == nil { s.modal = next }
            s.afterSave = nil
            explain(&s, message)
            return []
        case .bookingNeedsConfirmation(let message, let slot):
            if case .form(var f) = s.modal, case .appointment(let student, _) = f.purpose {
                f.purpose = .appointment(student: student, confirmedSlot: slot)
                s.modal = .form(f)
            }
            explain(&s, message)
            return []
        case .studentLoaded(let student, let kind):
            // A leaving for one who left, a return for one not on leave: the
            // domain's word, before a form is typed in vain.
            let left: LeavingKind? = if case .left(let how)? = student.leaving?.change { how } else { nil }
            if kind == .leaving, let left { s.message = EnrolmentProblem.alreadyLeft(left).message.text(s.language); return [] }
            if kind == .returning, left != .leaveOfAbsence {
                s.message = EnrolmentProblem.notOnLeave(left).message.text(s.language)
                return []
            }
            if s.modal == nil { s.modal = .form(.student(student, kind, s)) }
            return []
        case .peersLoaded(let classes):
            if s.modal == nil { s.modal = .peers(PeerSupporterList(classes: classes)) }
            return []
        case .fileReadersLoaded(let student, let readings):
            if s.modal == nil { s.modal = .fileReaders(FileReadersList(student: student, readings: readings)) }
            return []
        }
    }

    /// The store's answer goes into the open form, which stays as typed (nothing
    /// typed is lost), else into the status line.
    static func explain(_ s: inout AppState, _ message: String) {
        if case .form(var f) = s.modal {
            f.problem = message
            s.modal = .form(f)
        } else {
            s.message = message
        }
    }

    static func apply(_ snap: Snapshot, to s: inout AppState) {
        let selectedID = s.selectedStudent?.id
        s.students = snap.students
        s.queue = snap.queue
        s.todaysVisits = snap.todaysVisits
        s.shifts = snap.shifts
        s.checkIns = snap.checkIns
        s.appointments = snap.appointments
        s.compliance = snap.compliance
        s.levelCounts = snap.levelCounts
        s.overdueCount = snap.overdueCount
        s.checklist = snap.checklist
        s.followUpIntervals = snap.followUpIntervals
        s.crisisRuns = snap.crisisRuns
        s.dataMark = snap.dataMark
        s.staff = snap.staff
        s.calendar = snap.calendar
        s.shiftSelected = min(s.shiftSelected, max(0, s.weekShifts.count - 1))
        s.pendingClosings = snap.pendingClosings
        s.closingSummaries = snap.closingSummaries
        s.escalations = snap.escalations
        s.proposals = snap.proposals
        s.setup = snap.setup
        // Once reopened, the draft is in its box; the store's copy goes when
        // the box is saved or discarded.
        if !s.draftReopened { s.draft = snap.draft }
        s.applyFilter()
        // Another workstation's change must not move the cursor to another
        // student just before F7, Enter or L.
        if let selectedID { _ = select(selectedID, in: &s) }
    }

    /// Puts the cursor on `id` in what the list shows (the queue or the
    /// students); false when it is not shown.
    static func select(_ id: StudentID, in s: inout AppState) -> Bool {
        let index = s.showsQueue ? s.queue.firstIndex { $0.student.id == id }
            : s.students.index(of: id).flatMap { s.visible.firstIndex(of: $0) }
        guard let index else { return false }
        s.list.selected = index
        return true
    }

    static func lock(_ s: inout AppState) -> [Effect] {
        let keep = draftEffects(s)
        s.wipe()
        s.lockedBy = s.account
        s.accountIndex = s.accounts.firstIndex(of: s.account) ?? 0
        s.account = ""
        s.roles = []
        s.phase = .unlock
        s.unlockMessage = S.locked.text(s.language)
        return keep + [.lock]
    }

    /// A note or form with something typed in it when the app locks or the
    /// terminal goes away is kept as a draft in the store (encrypted).
    public static func draftEffects(_ s: AppState) -> [Effect] {
        func typed(in modal: Modal?) -> Draft? {
            switch modal {
            case .note(let n) where n.isChanged && !n.text.text.trimmed.isEmpty:
                return .note(NoteDraft(student: n.student, editing: n.editing?.id, text: n.text.text, savedAt: s.now))
            case .form(let f) where f.isChanged: return .form(f.draft(at: s.now))
            case .confirmQuit(let back): return typed(in: back)
            case .confirmQuitOnDuty(_, let back): return typed(in: back)
            case .confirmDiscard(let back): return typed(in: back)
            default: return nil
            }
        }
        return typed(in: s.modal).map { [.keepDraft($0)] } ?? []
    }

    /// Reopens a kept draft, once its student's file is open if it needs one.
    static func restoreDraft(_ s: inout AppState) {
        guard let draft = s.draft, s.modal == nil else { return }
        if let student = draft.fileStudent, s.file?.student.id != student { return }
        switch draft {
        case .note(let n):
            guard let file = s.file else { return }
            s.modal = .note(NoteForm(student: file.student.id, studentName: file.student.name,
                                     editing: n.editing.flatMap { id in file.caseNotes.first { $0.id == id } },
                                     text: TextArea(n.text)))
            s.pane = .file
        case .form(let f):
            s.modal = .form(FormModal(f))
        }
        let at: LocalDateTime = switch draft { case .note(let n): n.savedAt; case .form(let f): f.savedAt }
        s.draft = nil
        s.draftReopened = true
        s.message = S.draftRestored.format(s.language, at.monthDayClock)
    }

    // MARK: - unlock screen

    static func unlockKey(_ s: inout AppState, _ key: KeyEvent, at: Date) -> [Effect] {
        let choices = s.accounts.count + 1   // the last choice is the recovery key
        switch key {
        case .up: s.accountIndex = (s.accountIndex + choices - 1) % choices
        case .down, .tab: s.accountIndex = (s.accountIndex + 1) % choices
        case .enter:
            // Inside the wait the passphrase is kept, not sent: the vault
            // would refuse it untried. The screen shows the wait counting down.
            if s.unlockWait > 0 { return [] }
            let account = s.unlockAccount
            let bytes = Array(s.passphrase.text.utf8)
            s.passphrase = LineEditor("", limit: 200)
            return [.unlock(account: account, passphrase: bytes)]
        case .escape: s.passphrase = LineEditor("", limit: 200)
        case .ctrl("c"), .function(10), .ctrl("z"):
            // Leaving an app never unlocked is harmless; leaving the lock
            // screen would hand the teacher's shell to whoever walked up.
            guard s.lockedBy == nil else {
                s.unlockMessage = S.unlockFirst.text(s.language)
                return []
            }
            return key == .ctrl("z") ? [.suspend] : [.quit]
        default: s.passphrase.handle(key)
        }
        return []
    }

    // MARK: - filter

    static func filterKey(_ s: inout AppState, _ key: KeyEvent) -> [Effect] {
        switch key {
        case .escape:
            // Esc cancels the search: the list and its selection are as
            // they were before `/`, so the next F2 or F7 is about the
            // student selected then. Enter keeps the student found.
            let back = s.searchReturn ?? SearchReturn(filter: LineEditor("", limit: 40), student: nil)
            s.filtering = false
            s.searchReturn = nil
            s.filter = back.filter
            s.list = ListState()
            s.applyFilter()
            if let student = back.student { _ = select(student, in: &s) }
        case .enter:
            s.filtering = false
            s.searchReturn = nil
            if let student = s.selectedStudent, Permission.allows(s.roles, .readStudentArchive) {
                return [.openFile(student.id)]
            }
        case .up: s.list.move(-1, count: s.visible.count)
        case .down: s.list.move(1, count: s.visible.count)
        default:
            // Function keys, and the blank and lock keys, act at once (the
            // fast path: `/`, initials, F2 logs the visit); the filter keeps
            // its text. Every typed or pasted character is text, never a command.
            var acts = Command.command(.blank).keys.contains(key) || Command.command(.lock).keys.contains(key)
            if case .function = key { acts = true }
            if acts, let command = Command.find(key, in: s) {
                s.filtering = false
                s.searchReturn = nil
                return perform(&s, command)
            }
            if s.filter.handle(key) {
                s.list = ListState()
                s.applyFilter()
            }
        }
        return []
    }

    // MARK: - commands

    static func perform(_ s: inout AppState, _ id: CommandID) -> [Effect] {
        s.message = ""
        let L = s.language
        let listCount = s.showsQueue ? s.queue.count : s.visible.count
        switch id {
        case .nextPane: s.pane = Pane(rawValue: (s.pane.rawValue + 1) % 4)!
        case .previousPane: s.pane = Pane(rawValue: (s.pane.rawValue + 3) % 4)!
        case .pane1: s.pane = .students
        case .pane2: s.pane = .file
        case .pane3: s.pane = .roster
        case .pane4: s.pane = .crisis
        case .maximize:
            let before = s
            s.maximized.toggle()
            s.fileScroll = FilePane.scrollKeepingTopEvent(from: before, to: s)
        case .moveUp, .moveDown, .pageUp, .pageDown:
            // A page is the focused pane's height, less a line kept for context.
            let page = max(1, (Render.innerArea(s.pane, s)?.height ?? 2) - 2)
            let delta = [.moveUp: -1, .moveDown: 1, .pageUp: -page, .pageDown: page][id]!
            switch s.pane {
            case .students: s.list.move(delta, count: listCount)
            case .file where s.isHead: s.violationList.move(delta, count: s.listedViolations.count)
            case .file: s.fileScroll = max(0, min(FilePane.scrollLimit(s), s.fileScroll + delta))
            case .crisis: s.crisisStep = max(0, min(s.checklist.steps.count - 1, s.crisisStep + delta))
            case .roster: s.appointmentList.move(delta, count: s.appointments.count)
            }
        case .find:
            if !s.filtering { s.searchReturn = SearchReturn(filter: s.filter, student: s.selectedStudent?.id) }
            s.pane = .students
            s.filtering = true
            s.list = ListState()
            s.applyFilter()
        case .open:
            guard let student = s.selectedStudent else { return [] }
            return [.openFile(student.id)]
        case .newVisit:
            let form = FormModal.visit(s.focusedSummary, s)
            // 专人值班: a visit logged while nobody is checked in asks whether
            // to check in first; the form opens either way.
            s.modal = !s.anyoneOnDuty && Permission.allows(s.roles, .checkInOut) ? .confirmCheckIn(visit: form) : .form(form)
        case .changeLevel:
            guard let student = s.focusedSummary else { return [] }
            s.modal = .form(.level(student, s))
        case .bookAppointment:
            guard let student = s.focusedSummary else { return [] }
            s.modal = .form(.appointment(student, s))
        case .checkInOut:
            if let open = s.currentCheckIn { s.modal = .confirmCheckOut(open); return [] }
            return [checkIn(s)]
        case .startCrisis:
            // Always about one student the teacher is looking at: the one
            // selected in the list, or whose file is open. From another pane
            // it reopens the run on screen, never a student nobody chose.
            let student = s.pane == .roster ? s.crisisStudent : s.focusedStudent
            guard let student else { s.message = CrisisRunError.noStudent.message.text(L); return [] }
            s.crisisStudent = student
            s.pane = .crisis
            if let run = s.crisisRun, run.isAcute || run.awaitsCounselor {
                s.crisisStep = run.checklist.steps.firstIndex { run.stepRecord(for: $0.id) == nil } ?? 0
                return []
            }
            let run = CrisisRun(id: s.nextID("crisis"), student: student, startedBy: StaffID(s.account), startedAt: s.now,
                                checklist: s.checklist)
            s.crisisRuns.append(run)
            s.crisisStep = 0
            s.message = S.crisisStarted.text(L)
            return [.execute(.startCrisisRun(run))]
        case .recordStep:
            guard var run = s.crisisRun, run.isAcute, run.checklist.steps.indices.contains(s.crisisStep) else {
                s.message = (s.crisisRun == nil ? S.noRunToHandOver : S.crisisEnded).text(L)
                return []
            }
            let step = run.checklist.steps[s.crisisStep]
            do {
                try run.record(step.id, .done, by: StaffID(s.account), at: s.now)
            } catch {
                s.message = error.message.text(L)
                return []
            }
            if let i = s.crisisRuns.firstIndex(where: { $0.id == run.id }) { s.crisisRuns[i] = run }
            s.crisisStep = min(run.checklist.steps.count - 1, s.crisisStep + 1)
            return [.execute(.recordCrisisStep(run.id, step: step.id, outcome: .done, note: ""))]
        case .handOver:
            guard let run = s.crisisRun, run.isAcute else { s.message = S.noRunToHandOver.text(L); return [] }
            s.modal = .form(.handover(run, s))
        case .newNote, .editNote:
            guard let file = s.file else { return [] }
            let mine = file.caseNotes.filter { $0.author == StaffID(s.account) }.max { $0.at < $1.at }
            if id == .editNote && mine == nil { s.message = S.noNoteOfYours.text(L); return [] }
            let editing = id == .editNote ? mine : nil
            s.modal = .note(NoteForm(student: file.student.id, studentName: file.student.name, editing: editing,
                                     text: TextArea(editing?.text ?? "")))
        case .completeFollowUp:
            guard let file = s.file else { return [] }
            guard let next = file.nextFollowUp else { s.message = S.noOpenFollowUp.text(L); return [] }
            s.modal = .form(.followUp(next, file, s))
        case .decideProposal:
            guard let file = s.file else { return [] }
            guard let pending = file.screeningProposals.first(where: { $0.status == .pending }) else {
                s.message = S.noPendingProposal.text(L)
                return []
            }
            s.modal = .form(.proposal(pending, file, s))
        case .editPlan:
            guard let file = s.file else { return [] }
            s.modal = .form(.plan(file, s))
        case .reviewPlan:
            guard let file = s.file else { return [] }
            guard let plan = file.currentPlan else { s.message = S.noPlanYet.text(L); return [] }
            s.modal = .form(.planReview(plan, file, s))
        case .guardianContact:
            guard let file = s.file else { return [] }
            s.modal = .form(.guardianContact(file, s))
        case .referral:
            guard let file = s.file else { return [] }
            s.modal = .form(.referral(file, s))
        case .referralFeedback:
            guard let file = s.file else { return [] }
            guard let open = file.referrals.last(where: \.awaitsFeedback) else { s.message = S.noOpenReferral.text(L); return [] }
            s.modal = .form(.referralFeedback(open, file, s))
        case .requestClosing:
            guard let file = s.file else { return [] }
            if s.pendingClosings.contains(where: { $0.student == file.student.id }) { s.message = S.closingAlreadyAsked.text(L); return [] }
            s.modal = .form(.closingRequest(file, s))
        case .decideClosing:
            guard let closing = s.closingToDecide else { s.message = S.noClosingToDecide.text(L); return [] }
            s.modal = .form(.closingDecision(closing, studentName: s.studentName(closing.student), s))
        case .confirmAppointment, .appointmentDone, .appointmentNoShow:
            let list = s.weekAppointments
            guard list.indices.contains(s.appointmentList.selected) else { return [] }
            let status: Appointment.Status = id == .confirmAppointment ? .confirmed : id == .appointmentDone ? .done : .noShow
            let original = list[s.appointmentList.selected]
            var appointment = original
            if appointment.counselor == nil { appointment.counselor = s.staff.first { $0.roles.contains(.counselor) }?.id }
            do {
                return [.execute(.moveAppointment(try appointment.moved(to: status, at: s.now), basedOn: original))]
            } catch {
                s.message = error.message.text(L)
                return []
            }
        case .nextProposal:
            // The file opens on the proposal's notice; `p` decides it there.
            guard let proposal = s.proposals.first else { s.message = S.noPendingProposal.text(L); return [] }
            return [.openFile(proposal.student)]
        case .takeEscalation:
            // A crisis handed over comes before an escalated visit.
            if let run = s.handovers.first { return [.execute(.takeCrisisRun(run.id))] }
            guard let visit = s.escalations.first else { s.message = S.noEscalation.text(L); return [] }
            return [.execute(.takeEscalation(visit.id))]
        case .exportCompliance:
            s.modal = .form(.exportCompliance(s))
        case .logGroupSession:
            s.modal = .form(.groupSession(s))
        case .printDutyRoster, .printDutyRecord, .printAppointments, .printVisits, .printCounselingRecord, .printPlan,
             .printReferral, .printGuardianNotice, .printFileReaders, .printStatistics, .printGroupSessions:
            guard let kind = id.printKind else { return [] }
            s.modal = .form(.printDocument(kind, s))
        case .explainViolation:
            guard let violation = s.selectedViolation else { s.message = S.noViolationSelected.text(L); return [] }
            s.modal = .form(.explainViolation(violation, s))
        case .correctCheckIn:
            guard let violation = s.selectedViolation else { s.message = S.noViolationSelected.text(L); return [] }
            let candidates = FormModal.checkIns(for: violation, s)
            guard !candidates.isEmpty else { s.message = S.noCheckInThatDay.text(L); return [] }
            s.modal = .form(.correctCheckIn(candidates, s))
        case .previousShift, .nextShift:
            let count = s.weekShifts.count
            guard count > 0 else { s.message = S.noShiftSelected.text(L); return [] }
            s.shiftSelected = (s.shiftSelected + (id == .nextShift ? 1 : count - 1)) % count
        case .addShift:
            s.modal = .form(.shift(nil, s))
        case .moveShift, .removeShift:
            guard let shift = s.selectedShift else { s.message = S.noShiftSelected.text(L); return [] }
            if let problem = DutyRoster.problem(changing: shift, now: s.now) { s.message = problem.message.text(L); return [] }
            s.modal = id == .moveShift ? .form(.shift(shift, s)) : .confirmRemoveShift(shift)
        case .weeklyPattern:
            s.modal = .form(.weeklyPattern(s))
        case .addStudent:
            s.modal = .form(.addStudent(s))
        case .editStudent, .recordLeaving, .recordReturn:
            guard let student = s.selectedStudent else { return [] }
            let kind: StudentFormKind = id == .editStudent ? .edit : id == .recordLeaving ? .leaving : .returning
            return [.loadStudent(student.id, kind)]
        case .peerSupporters:
            return [.loadPeers]
        case .fileReaders:
            guard let student = s.focusedStudent else { return [] }
            return [.loadFileReaders(student)]
        case .palette:
            s.modal = .palette(CommandPalette())
        case .lock:
            return lock(&s)
        case .blank:
            s.phase = .blank
        case .help:
            s.modal = .help
        case .setupChecklist:
            s.modal = .setup
        case .quit:
            if let open = s.currentCheckIn { s.modal = .confirmQuitOnDuty(open, returnTo: nil); return [] }
            return [.quit]
        }
        return []
    }

    static func checkIn(_ s: AppState) -> Effect {
        .execute(.checkIn(DutyCheckIn(id: s.nextID("checkin"), person: StaffID(s.account), checkIn: s.now)))
    }

    // MARK: - modals

    static func modalKey(_ s: inout AppState, _ key: KeyEvent) -> [Effect] {
        guard let modal = s.modal else { return [] }
        // A student walks in while a form is open: blanking and locking
        // work in every box too. Blanking keeps the box as it was.
        if Command.command(.blank).keys.contains(key) { s.phase = .blank; return [] }
        if Command.command(.lock).keys.contains(key) { return lock(&s) }
        switch modal {
        case .help, .setup:
            s.modal = nil
        case .confirmQuit(let back):
            // Quitting discards what was typed, a reopened draft included.
            if key == .character("y") || key == .character("Y") {
                if let open = s.currentCheckIn { s.modal = .confirmQuitOnDuty(open, returnTo: back); return [] }
                return (s.draftReopened ? [.execute(.removeDraft)] : []) + [.quit]
            }
            if key == .character("n") || key == .character("N") || key == .escape { s.modal = back }
        case .confirmQuitOnDuty(let open, let back):
            // The check-out first: the app quits once the store has it.
            if key == .character("y") || key == .character("Y") {
                s.modal = nil
                s.afterSave = .quit
                return [.execute(.checkOut(open.id))]
            }
            if key == .character("n") || key == .character("N") { return (s.draftReopened ? [.execute(.removeDraft)] : []) + [.quit] }
            if key == .escape { s.modal = back }
        case .confirmCheckOut(let open):
            if key == .character("y") || key == .character("Y") { s.modal = nil; return [.execute(.checkOut(open.id))] }
            if key == .character("n") || key == .character("N") || key == .escape { s.modal = nil }
        case .confirmCheckIn(let visit):
            if key == .character("y") || key == .character("Y") {
                s.modal = nil
                s.afterSave = .open(.form(visit))
                return [checkIn(s)]
            }
            if key == .character("n") || key == .character("N") { s.modal = .form(visit) }
            if key == .escape { s.modal = nil }
        case .confirmDiscard(let back):
            if key == .character("y") || key == .character("Y") { s.modal = nil }
            if key == .character("n") || key == .character("N") || key == .escape { s.modal = back }
        case .confirmRemoveShift(let shift):
            if key == .character("y") || key == .character("Y") { s.modal = nil; return [.execute(.removeShift(shift))] }
            if key == .character("n") || key == .character("N") || key == .escape { s.modal = nil }
        case .fileReaders(var readers):
            switch key {
            case .escape, .enter: s.modal = nil
            case .up, .down, .pageUp, .pageDown:
                let delta = [KeyEvent.up: -1, .down: 1, .pageUp: -10, .pageDown: 10][key]!
                readers.list.move(delta, count: readers.readings.count)
                s.modal = .fileReaders(readers)
            default: break
            }
        case .peers(var peers):
            switch key {
            case .escape: s.modal = nil
            case .up, .down, .pageUp, .pageDown:
                let delta = [KeyEvent.up: -1, .down: 1, .pageUp: -10, .pageDown: 10][key]!
                peers.list.move(delta, count: peers.classes.count)
                s.modal = .peers(peers)
            case .enter:
                if let entry = peers.selected { s.modal = .form(.peerSupporters(entry, s)) }
            default: break
            }
        case .palette(var p):
            let matches = p.matches(s)
            switch key {
            case .escape: s.modal = nil
            case .up: p.selected = max(0, p.selected - 1); s.modal = .palette(p)
            case .down: p.selected = min(max(0, matches.count - 1), p.selected + 1); s.modal = .palette(p)
            case .enter:
                // Nothing matching: the box stays, saying so, for the query to be changed.
                guard matches.indices.contains(p.selected) else { return [] }
                s.modal = nil
                return perform(&s, matches[p.selected].id)
            default:
                if p.query.handle(key) { p.selected = 0 }
                s.modal = .palette(p)
            }
        case .form(var f):
            if let leaving = leave(&s, key, modal) { return leaving }
            if key == .function(2) || (key == .enter && f.form.focus == f.form.fields.count - 1) {
                if let effect = FormSubmit.effect(&f, &s) { s.modal = .form(f); return [effect] }
            } else if key == .enter {
                f.form.handle(.tab)
            } else {
                f.form.handle(key)
            }
            s.modal = .form(f)
        case .note(var n):
            if let leaving = leave(&s, key, modal) { return leaving }
            if key == .function(2) || key == .ctrl("s") {
                let text = n.text.text.trimmed
                if let problem = TextCheck.note(text, field: .note, required: true) {
                    s.message = problem.message.text(s.language)
                    return []
                }
                if let original = n.editing {
                    var note = original
                    note.text = text
                    return [.execute(.editNote(note, basedOn: original))]
                }
                return [.execute(.writeNote(CaseNote(id: s.nextID("note"), student: n.student, author: StaffID(s.account),
                                                     at: s.now, text: text)))]
            }
            n.text.handle(key, width: max(10, min(s.width - 4, 76) - 2))
            s.modal = .note(n)
        }
        return []
    }

    /// Esc closes a form, and quitting leaves the app; both ask first when
    /// something typed would be lost. Nil for every other key.
    static func leave(_ s: inout AppState, _ key: KeyEvent, _ modal: Modal) -> [Effect]? {
        switch key {
        case .escape:
            s.modal = modal.hasUnsavedInput ? .confirmDiscard(modal) : nil
            return []
        case .function(10), .ctrl("c"):
            s.modal = .confirmQuit(returnTo: modal)
            return []
        default:
            return nil
        }
    }
}
