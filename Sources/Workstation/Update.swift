import Counseling
import Foundation
import Store
import Terminal

/// The whole behaviour of the workstation as one pure function: a message
/// changes the state and may ask for effects. No store, no clock, no
/// screen: tests drive it directly.
public enum Update {
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .tick(let now, let wall):
            s.now = now
            if s.phase != .unlock && wall.timeIntervalSince(s.lastActivity) >= Double(s.idleLockMinutes * 60) {
                return lock(&s)
            }
            return []
        case .key(let key, let at):
            if case .resize(let w, let h) = key { s.width = w; s.height = h; return [] }
            s.lastActivity = at
            switch s.phase {
            case .blank:
                s.phase = .main
                return []
            case .unlock:
                return unlockKey(&s, key, at: at)
            case .main:
                if s.modal != nil { return modalKey(&s, key) }
                if s.filtering { return filterKey(&s, key) }
                // Keys typed faster than the terminal reports them arrive as
                // one burst; outside a text field a short burst is keys. A long
                // one is a paste into nowhere, and must not run commands.
                if case .paste(let text) = key {
                    guard text.count <= 4 else { return [] }
                    return text.flatMap { update(&s, .key(.character($0), at: at)) }
                }
                guard let command = Command.find(key, roles: s.roles) else { return [] }
                return perform(&s, command)
            }
        case .unlocked(let account, let roles):
            s.account = account
            s.roles = roles
            s.phase = .main
            s.failedUnlocks = 0
            s.retryAt = nil
            s.unlockMessage = ""
            s.lockedBy = nil
            s.pane = .students
            return [.load]
        case .unlockFailed(let why):
            s.failedUnlocks += 1
            // Each wrong passphrase doubles the wait, up to a minute.
            let wait = min(60, 1 << min(6, s.failedUnlocks - 1))
            s.retryAt = s.lastActivity.addingTimeInterval(Double(wait))
            s.unlockMessage = why
            return []
        case .loaded(let snapshot):
            apply(snapshot, to: &s)
            return []
        case .fileOpened(let file):
            s.file = file
            s.fileScroll = 0
            return []
        case .saved(let message, let snapshot):
            s.modal = nil
            s.message = message
            apply(snapshot, to: &s)
            return s.file.map { [.openFile($0.student.id)] } ?? []
        case .failed(let message):
            s.message = message
            return []
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
        s.crisisRun = snap.openRun
        s.staff = snap.staff
        s.applyFilter()
        if let selectedID, !s.showsQueue, let i = s.visible.firstIndex(where: { s.students[$0].id == selectedID }) {
            s.list.selected = i
        }
    }

    static func lock(_ s: inout AppState) -> [Effect] {
        s.wipe()
        s.lockedBy = s.account
        s.accountIndex = s.accounts.firstIndex(of: s.account) ?? 0
        s.account = ""
        s.roles = []
        s.phase = .unlock
        s.unlockMessage = S.locked.text(s.language)
        return [.lock]
    }

    // MARK: - unlock screen

    static func unlockKey(_ s: inout AppState, _ key: KeyEvent, at: Date) -> [Effect] {
        let choices = s.accounts.count + 1   // the last choice is the recovery key
        switch key {
        case .up: s.accountIndex = (s.accountIndex + choices - 1) % choices
        case .down, .tab: s.accountIndex = (s.accountIndex + 1) % choices
        case .enter:
            if let retry = s.retryAt, retry > at {
                s.unlockMessage = S.waitBeforeRetry.format(s.language, Int(retry.timeIntervalSince(at).rounded(.up)))
                return []
            }
            let account = s.accountIndex < s.accounts.count ? s.accounts[s.accountIndex] : "recovery"
            let bytes = Array(s.passphrase.text.utf8)
            s.passphrase = LineEditor("", limit: 200)
            return [.unlock(account: account, passphrase: bytes)]
        case .escape: s.passphrase = LineEditor("", limit: 200)
        case .ctrl("c"), .function(10): return [.quit]
        default: s.passphrase.handle(key)
        }
        return []
    }

    // MARK: - filter

    static func filterKey(_ s: inout AppState, _ key: KeyEvent) -> [Effect] {
        switch key {
        case .escape:
            s.filtering = false
            s.filter = LineEditor("", limit: 40)
            s.applyFilter()
        case .enter:
            s.filtering = false
            if let student = s.selectedStudent, Permission.allows(s.roles, .readStudentArchive) {
                return [.openFile(student.id)]
            }
        case .up: s.list.move(-1, count: s.visible.count)
        case .down: s.list.move(1, count: s.visible.count)
        default:
            // While the field has focus every typed or pasted character is
            // text, never a command.
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
        let listCount = s.showsQueue ? s.queue.count : s.visible.count
        switch id {
        case .nextPane: s.pane = Pane(rawValue: (s.pane.rawValue + 1) % 4)!
        case .previousPane: s.pane = Pane(rawValue: (s.pane.rawValue + 3) % 4)!
        case .pane1: s.pane = .students
        case .pane2: s.pane = .file
        case .pane3: s.pane = .roster
        case .pane4: s.pane = .crisis
        case .maximize: s.maximized.toggle()
        case .moveUp, .moveDown:
            let delta = id == .moveUp ? -1 : 1
            switch s.pane {
            case .students: s.list.move(delta, count: listCount)
            case .file: s.fileScroll = max(0, s.fileScroll + delta)
            case .crisis: s.crisisStep = max(0, min(s.checklist.steps.count - 1, s.crisisStep + delta))
            case .roster: s.appointmentList.move(delta, count: s.appointments.count)
            }
        case .find:
            s.pane = .students
            s.filtering = true
            s.list = ListState()
            s.applyFilter()
        case .open:
            guard s.pane == .students, let student = s.selectedStudent else { return [] }
            return [.openFile(student.id)]
        case .newVisit:
            let student = s.pane == .students ? s.selectedStudent : nil
            s.modal = .visit(VisitForm(student: student?.id,
                                       studentName: student?.name ?? S.anonymous.text(s.language), language: s.language))
        case .changeLevel:
            guard let student = s.selectedStudent else { return [] }
            let from = student.level
            let to: WarningLevel = from == .major ? .severe : WarningLevel.allCases[min(3, from.number + 1)]
            let days = to == .major ? 7 : 14
            s.modal = .level(LevelForm(student: student.id, studentName: student.name, from: from, form: Form(fields: [
                Form.Field(label: S.newLevel.text(s.language), text: "\(to.number)"),
                Form.Field(label: S.reason.text(s.language), limit: 500),
                Form.Field(label: S.followUpDue.text(s.language), text: s.now.day.adding(days: days).description),
            ])))
            if case .level(var f) = s.modal { f.form.focus = 1; s.modal = .level(f) }
        case .checkInOut:
            if var open = s.currentCheckIn {
                open.checkOut = s.now
                return [.checkOut(open)]
            }
            s.serial += 1
            return [.checkIn(DutyCheckIn(id: DutyCheckInID("checkin-\(s.account)-\(s.now)-\(s.serial)"),
                                         person: StaffID(s.account), checkIn: s.now))]
        case .startCrisis:
            if s.crisisRun != nil { s.pane = .crisis; return [] }
            s.serial += 1
            let run = CrisisRun(id: CrisisRunID("crisis-\(s.account)-\(s.now)-\(s.serial)"), student: s.selectedStudent?.id,
                                startedBy: StaffID(s.account), startedAt: s.now, checklist: s.checklist)
            s.crisisRun = run
            s.crisisStep = 0
            s.pane = .crisis
            s.message = S.crisisStarted.text(s.language)
            return [.saveCrisisRun(run, isNew: true)]
        case .recordStep:
            guard s.pane == .crisis, var run = s.crisisRun, s.checklist.steps.indices.contains(s.crisisStep) else { return [] }
            let step = s.checklist.steps[s.crisisStep]
            do {
                try run.record(step.id, .done, by: StaffID(s.account), at: s.now)
            } catch {
                s.message = error.message.text(s.language)
                return []
            }
            s.crisisRun = run.isComplete ? nil : run
            s.crisisStep = min(s.checklist.steps.count - 1, s.crisisStep + 1)
            return [.saveCrisisRun(run, isNew: false)]
        case .completeFollowUp:
            guard let file = s.file, let next = file.nextFollowUp else { return [] }
            s.modal = .followUp(FollowUpForm(followUp: next, studentName: file.student.name, form: Form(fields: [
                Form.Field(label: S.note.text(s.language), limit: 500),
            ])))
        case .decideProposal:
            guard let file = s.file, let pending = file.screeningProposals.first(where: { $0.status == .pending }) else { return [] }
            let L = s.language
            s.modal = .proposal(ProposalForm(proposal: pending, currentLevel: file.level, studentName: file.student.name, form: Form(fields: [
                Form.Field(label: L == .zhHans ? "决定" : "Decision", text: "1"),
                Form.Field(label: S.newLevel.text(L), text: "\(pending.suggestedLevel.number)"),
                Form.Field(label: S.reason.text(L), limit: 500),
            ])))
            if case .proposal(var f) = s.modal { f.form.focus = 2; s.modal = .proposal(f) }
        case .newNote, .editNote:
            guard let file = s.file else { s.message = S.noStudent.text(s.language); return [] }
            let mine = file.caseNotes.filter { $0.author == StaffID(s.account) }.max { $0.at < $1.at }
            if id == .editNote && mine == nil { return [] }
            let editing = id == .editNote ? mine : nil
            s.modal = .note(NoteForm(student: file.student.id, studentName: file.student.name, editing: editing,
                                     text: TextArea(editing?.text ?? "")))
        case .bookAppointment:
            guard let student = s.selectedStudent else { return [] }
            let L = s.language
            s.modal = .appointment(AppointmentForm(student: student.id, studentName: student.name, form: Form(fields: [
                Form.Field(label: L == .zhHans ? "日期" : "Date", text: s.now.day.adding(days: 1).description),
                Form.Field(label: L == .zhHans ? "时间" : "Time", text: "12:20"),
                Form.Field(label: S.channel.text(L), text: "1"),
            ])))
        case .confirmAppointment, .appointmentDone, .appointmentNoShow:
            let list = s.weekAppointments
            guard s.pane == .roster, list.indices.contains(s.appointmentList.selected) else { return [] }
            let status: Appointment.Status = id == .confirmAppointment ? .confirmed : id == .appointmentDone ? .done : .noShow
            var appointment = list[s.appointmentList.selected]
            if appointment.counselor == nil { appointment.counselor = s.staff.first { $0.roles.contains(.counselor) }?.id }
            do {
                return [.saveAppointment(try appointment.moved(to: status, at: s.now), isNew: false)]
            } catch {
                s.message = error.message.text(s.language)
                return []
            }
        case .lock:
            return lock(&s)
        case .blank:
            s.phase = .blank
        case .help:
            s.modal = .help
        case .quit:
            return [.quit]
        }
        return []
    }

    // MARK: - modals

    static func modalKey(_ s: inout AppState, _ key: KeyEvent) -> [Effect] {
        guard let modal = s.modal else { return [] }
        switch modal {
        case .help:
            s.modal = nil
        case .confirmQuit:
            if key == .character("y") { return [.quit] }
            if key == .character("n") || key == .escape { s.modal = nil }
        case .visit(var v):
            if key == .escape { s.modal = nil; return [] }
            if key == .function(10) || key == .ctrl("c") { s.modal = .confirmQuit; return [] }
            if key == .function(2) || (key == .enter && v.form.focus == v.form.fields.count - 1) {
                if let visit = VisitInput.visit(from: &v, state: &s) { s.modal = .visit(v); return [.saveVisit(visit)] }
            } else if key == .enter {
                v.form.handle(.tab)
            } else {
                v.form.handle(key)
            }
            s.modal = .visit(v)
        case .followUp(var f):
            if key == .escape { s.modal = nil; return [] }
            if key == .function(2) || key == .enter {
                let note = f.form.fields[0].editor.text
                if let problem = TextCheck.note(note, field: .note, required: true) {
                    f.form.fields[0].error = problem.message.text(s.language)
                    s.modal = .followUp(f)
                    return []
                }
                return [.completeFollowUp(f.followUp.completed(at: s.now, by: StaffID(s.account), note: note))]
            }
            f.form.handle(key)
            s.modal = .followUp(f)
        case .proposal(var p):
            if key == .escape { s.modal = nil; return [] }
            if key == .function(2) || (key == .enter && p.form.focus == p.form.fields.count - 1) {
                for i in p.form.fields.indices { p.form.fields[i].error = nil }
                let confirm = p.form.fields[0].editor.text.trimmingCharacters(in: .whitespaces) != "2"
                let reason = p.form.fields[2].editor.text
                let level = Int(p.form.fields[1].editor.text).flatMap { WarningLevel.allCases.indices.contains($0) ? WarningLevel.allCases[$0] : nil }
                    ?? p.proposal.suggestedLevel
                s.serial += 1
                do {
                    if confirm {
                        let (decided, change) = try p.proposal.confirm(level: level, currentLevel: p.currentLevel, by: StaffID(s.account),
                                                                       at: s.now, reason: reason,
                                                                       levelChangeID: LevelChangeID("level-\(s.account)-\(s.now)-\(s.serial)"))
                        s.modal = .proposal(p)
                        return [.decideProposal(decided, change)]
                    }
                    s.modal = .proposal(p)
                    return [.decideProposal(try p.proposal.dismiss(by: StaffID(s.account), at: s.now, reason: reason), nil)]
                } catch {
                    p.form.fields[2].error = error.message.text(s.language)
                }
            } else if key == .enter {
                p.form.handle(.tab)
            } else {
                p.form.handle(key)
            }
            s.modal = .proposal(p)
        case .note(var n):
            if key == .escape { s.modal = nil; return [] }
            if key == .function(10) || key == .ctrl("c") { s.modal = .confirmQuit; return [] }
            if key == .function(2) || key == .ctrl("s") {
                let text = n.text.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if let problem = TextCheck.note(text, field: .note, required: true) {
                    s.message = problem.message.text(s.language)
                    return []
                }
                if var note = n.editing {
                    note.text = text
                    return [.saveNote(note, isNew: false)]
                }
                s.serial += 1
                return [.saveNote(CaseNote(id: CaseNoteID("note-\(s.account)-\(s.now)-\(s.serial)"), student: n.student,
                                           author: StaffID(s.account), at: s.now, text: text), isNew: true)]
            }
            n.text.handle(key, width: max(10, min(s.width - 4, 76) - 2))
            s.modal = .note(n)
        case .appointment(var a):
            if key == .escape { s.modal = nil; return [] }
            if key == .function(2) || (key == .enter && a.form.focus == a.form.fields.count - 1) {
                if let appointment = AppointmentInput.appointment(from: &a, state: &s) {
                    s.modal = .appointment(a)
                    return [.saveAppointment(appointment, isNew: true)]
                }
            } else if key == .enter {
                a.form.handle(.tab)
            } else {
                a.form.handle(key)
            }
            s.modal = .appointment(a)
        case .level(var l):
            if key == .escape { s.modal = nil; return [] }
            if key == .function(10) || key == .ctrl("c") { s.modal = .confirmQuit; return [] }
            if key == .function(2) || (key == .enter && l.form.focus == l.form.fields.count - 1) {
                if let (change, followUp) = LevelInput.change(from: &l, state: &s) { s.modal = .level(l); return [.changeLevel(change, followUp)] }
            } else if key == .enter {
                l.form.handle(.tab)
            } else {
                l.form.handle(key)
            }
            s.modal = .level(l)
        }
        return []
    }
}
