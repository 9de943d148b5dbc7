import Counseling
import GRDB
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// The three users' journeys through `update`, without a terminal.
final class JourneyTests: XCTestCase {
    typealias F = WorkstationFixture

    func testDutyTeacherChecksInFindsAStudentByInitialsAndLogsAVisit() throws {
        var s = try F.state("duty", [.duty])
        let effects = F.press(&s, .function(5))
        guard case .execute(.checkIn(let checkIn)) = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(checkIn.person, StaffID("duty"))
        s.checkIns.append(checkIn)
        let target = s.students[17]
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, target.pinyinInitials)
        XCTAssertTrue(s.visible.map { s.students[$0].id }.contains(target.id))
        while s.selectedStudent?.id != target.id { _ = F.press(&s, .down) }
        XCTAssertEqual(F.press(&s, .enter), [], "a duty teacher does not open files")
        _ = F.press(&s, .character("n"))
        guard case .form(let form) = s.modal, case .visit(let student) = form.purpose else { return XCTFail("no visit form") }
        XCTAssertEqual(student, target.id)
        _ = F.press(&s, .tab)
        _ = F.type(&s, "1,4")
        _ = F.press(&s, .tab)
        _ = F.press(&s, .paste("考试前焦虑，练习放松"))
        let saved = F.press(&s, .function(2))
        guard case .execute(.logVisit(let visit)) = saved.first else { return XCTFail("\(saved)") }
        XCTAssertEqual(visit.student, target.id)
        XCTAssertEqual(visit.reasons, [.study, .emotions])
        XCTAssertEqual(visit.channel, .walkIn)
        XCTAssertEqual(visit.brief, "考试前焦虑，练习放松")
        XCTAssertEqual(visit.loggedBy, StaffID("duty"))
    }

    func testDutyTeacherBooksConfirmsAndClosesAppointments() throws {
        var s = try F.state("duty", [.duty])
        let student = try XCTUnwrap(s.selectedStudent)
        _ = F.press(&s, .character("b"))
        guard case .form(let form) = s.modal, case .appointment(let bookedFor, nil) = form.purpose else { return XCTFail("no booking form") }
        XCTAssertEqual(bookedFor, student.id)
        _ = F.press(&s, .tab, .tab, .tab, .paste("学习压力"))
        let booked = F.press(&s, .function(2))
        guard case .execute(.bookAppointment(let appointment, outsideHoursConfirmed: false)) = booked.first else { return XCTFail("\(booked)") }
        XCTAssertEqual(appointment.status, .requested)
        // Friday afternoon: the next school day is Monday.
        XCTAssertEqual(appointment.slot.start.description, "2026-11-23T12:20:00")
        XCTAssertEqual(appointment.purpose, "学习压力")
        XCTAssertEqual(appointment.counselor, StaffID("counselor"))
        // The session answers a save with `.saved`, which closes the form.
        _ = Update.update(&s, .saved("ok", try Snapshot.load(from: try F.store(), roles: [.duty], now: F.now), nil))
        XCTAssertNil(s.modal)
        // In the roster pane: an appointment of this week that is over can be
        // marked done; one still to come cannot.
        _ = F.press(&s, .character("3"))
        let list = s.weekAppointments
        let past = try XCTUnwrap(list.firstIndex { $0.slot.end < F.now && ($0.status == .requested || $0.status == .confirmed) }
                                 ?? list.firstIndex { $0.slot.end < F.now && $0.status == .done })
        s.appointmentList.selected = past
        let done = F.press(&s, .character("d"))
        if list[past].status == .done {
            XCTAssertEqual(done, [], "done cannot be done again")
            XCTAssertFalse(s.message.isEmpty)
        } else {
            guard case .execute(.moveAppointment(let closed, let base)) = done.first else { return XCTFail("\(done)") }
            XCTAssertEqual(closed.status, .done)
            XCTAssertEqual(base, list[past], "the move names the version on screen")
        }
    }

    func testVisitFormWithoutReasonShowsTheProblemAndSavesNothing() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("n"), .character("n"))
        XCTAssertEqual(F.press(&s, .function(2)), [])
        guard case .form(let form) = s.modal else { return XCTFail() }
        XCTAssertNotNil(form.form.fields[1].error)
    }

    func testCounselorRaisesAQueueStudentToLevelThreeWithReasonAndFollowUp() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        XCTAssertTrue(s.showsQueue)
        XCTAssertFalse(s.queue.isEmpty)
        let target = try XCTUnwrap(s.queue.first { $0.level == .severe })
        while s.selectedStudent?.id != target.student.id { _ = F.press(&s, .down) }
        XCTAssertEqual(F.press(&s, .enter), [.openFile(target.student.id)])
        _ = F.press(&s, .character("L"))
        guard case .form(let form) = s.modal, case .level = form.purpose else { return XCTFail("no level form") }
        XCTAssertEqual(form.form.fields[0].editor.text, "", "no level chosen for the counselor")
        XCTAssertEqual(form.form.focus, 0, "the cursor starts on the new level")
        _ = F.press(&s, .paste("3"), .tab)
        XCTAssertEqual(F.press(&s, .function(2)), [], "no reason, no change")
        _ = F.press(&s, .paste("自述有具体计划，立即升级并通知家长"))
        let effects = F.press(&s, .function(2))
        guard case .execute(.changeLevel(let change, let followUp)) = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(change.from, .severe)
        XCTAssertEqual(change.to, .major)
        XCTAssertEqual(change.reason, "自述有具体计划，立即升级并通知家长")
        XCTAssertEqual(followUp.due, F.now.day.adding(days: 7))
    }

    func testCounselorWritesAndEditsANoteInsideTheApp() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        let first = try XCTUnwrap(s.queue.first)
        _ = Update.update(&s, .fileOpened(try F.openFile(first.student.id)))
        _ = F.press(&s, .character("e"))
        guard case .note(let form) = s.modal else { return XCTFail("no note editor") }
        XCTAssertNil(form.editing)
        _ = F.press(&s, .paste("今天谈话，情绪较稳定"), .enter, .paste("约定下周三再来"))
        let saved = F.press(&s, .function(2))
        guard case .execute(.writeNote(let note)) = saved.first else { return XCTFail("\(saved)") }
        XCTAssertEqual(note.text, "今天谈话，情绪较稳定\n约定下周三再来")
        XCTAssertEqual(note.student, first.student.id)
        XCTAssertEqual(note.author, StaffID("counselor"))
        // Editing opens the latest note of this counselor, to be saved as a new revision.
        s.modal = nil
        s.file?.caseNotes.append(note)
        _ = F.press(&s, .character("E"))
        guard case .note(let edit) = s.modal else { return XCTFail("no editor for the latest note") }
        XCTAssertEqual(edit.editing?.id, note.id)
        XCTAssertEqual(edit.text.text, note.text)
        _ = F.press(&s, .paste("（补充）"))
        guard case .execute(.editNote(let edited, let base)) = F.press(&s, .ctrl("s")).first else { return XCTFail() }
        XCTAssertEqual(edited.id, note.id)
        XCTAssertEqual(base, note, "based on the version the editor opened")
        XCTAssertEqual(edited.text, note.text + "（补充）")
    }

    func testScreeningProposalIsConfirmedOrDismissedOnlyByACounselorWithAReason() throws {
        let store = try F.store()
        let pending = try XCTUnwrap(try store.openRecords(ScreeningProposal.self).first)
        var s = try F.state("counselor", [.counselor, .admin])
        _ = Update.update(&s, .fileOpened(try F.openFile(pending.student)))
        XCTAssertTrue(F.screen(s).contains("Screening suggests"))
        _ = F.press(&s, .character("2"), .character("p"))
        guard case .form(let form) = s.modal, case .proposal = form.purpose else { return XCTFail("no proposal form") }
        XCTAssertEqual(F.press(&s, .function(2)), [], "no decision, no save")
        _ = F.press(&s, .character("1"), .tab, .tab)
        XCTAssertEqual(F.press(&s, .function(2)), [], "no reason, no decision")
        _ = F.press(&s, .paste("面谈后确认"))
        let effects = F.press(&s, .function(2))
        guard case .execute(.decideProposal(let decided, let change?, let base)) = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(decided.status, .confirmed)
        XCTAssertEqual(change.to, pending.suggestedLevel)
        XCTAssertEqual(change.source, .screening(pending.id))
        XCTAssertEqual(base, pending)
        // The store writes both at once; the level follows.
        let copy = try Store(writer: DatabaseQueue(), timeZone: F.zone, keys: .ephemeral())
        let file = try F.openFile(pending.student)
        try copy.writer.write { db in
            try copy.writeStudent(file.student, revision: 1, db)
            for change in file.levelChanges { try copy.apply(change, by: change.by, db) }
            try copy.insert(pending, by: F.account("counselor").id, db)
        }
        try copy.execute(.decideProposal(decided, levelChange: change, basedOn: base), as: F.account("counselor"), at: F.now)
        XCTAssertEqual(try copy.studentList().first?.level, pending.suggestedLevel)
        XCTAssertEqual(try copy.record(ScreeningProposal.self, id: pending.id)?.status, .confirmed)
        // Dismissing keeps the level.
        s.modal = nil
        _ = F.press(&s, .character("p"), .character("2"), .tab, .tab)
        _ = F.press(&s, .paste("复测正常"))
        guard case .execute(.decideProposal(let dismissed, nil, _)) = F.press(&s, .function(2)).first else { return XCTFail() }
        XCTAssertEqual(dismissed.status, .dismissed)
    }

    func testCounselorCompletesTheNextFollowUpWithANote() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        let first = try XCTUnwrap(s.queue.first)
        _ = Update.update(&s, .fileOpened(try F.openFile(first.student.id)))
        let next = try XCTUnwrap(s.file?.nextFollowUp)
        _ = F.press(&s, .character("f"))
        XCTAssertEqual(F.press(&s, .enter), [], "a note is required")
        _ = F.press(&s, .paste("电话回访，睡眠好转"))
        guard case .execute(.completeFollowUp(let done, let base)) = F.press(&s, .enter).first else { return XCTFail() }
        XCTAssertEqual(done.id, next.id)
        XCTAssertEqual(base, next)
        XCTAssertEqual(done.done, F.now)
        XCTAssertEqual(done.doneBy, StaffID("counselor"))
        XCTAssertEqual(done.note, "电话回访，睡眠好转")
    }

    func testDutyTeacherHasNoNoteEditor() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("e"), .function(3), .character("E"))
        XCTAssertNil(s.modal)
    }

    func testHeadOfGuidanceSeesComplianceWithTheDemoViolations() throws {
        let s = try F.state("head", [.head])
        XCTAssertFalse(s.compliance?.violations.isEmpty ?? true)
        let screen = F.screen(s)
        XCTAssertTrue(screen.contains("2 Compliance"))
        XCTAssertTrue(screen.contains("Violations"))
        XCTAssertTrue(screen.contains("Nobody checked in") || screen.contains("nobody checked in"), screen)
        XCTAssertFalse(screen.contains("Level"), "no clinical column for the head in the student list")
    }

    func testDutyTeacherCannotReachCaseNoteTextByAnyKey() throws {
        var s = try F.state("duty", [.duty])
        let notes = try F.store().keyAttentionFiles().flatMap { $0.caseNotes.map(\.text) }
        XCTAssertFalse(notes.isEmpty)
        let keys: [KeyEvent] = [.enter, .tab, .backTab, .character("1"), .character("2"), .character("3"), .character("4"),
                                .character("z"), .character("L"), .function(4), .function(2), .escape, .down, .up, .character("?"),
                                .escape, .function(11), .function(7), .character(" "), .function(5)]
        for key in keys {
            let effects = F.press(&s, key)
            XCTAssertFalse(effects.contains { if case .openFile = $0 { return true }; return false }, "\(key)")
            XCTAssertNil(s.file)
            let screen = F.screen(s)
            for note in notes { XCTAssertFalse(screen.contains(note), "note text after \(key)") }
        }
    }

    func testIdleLockWipesEverythingAndHidesEveryName() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        let name = try XCTUnwrap(s.queue.first?.student.name)
        XCTAssertTrue(F.screen(s).contains(name))
        XCTAssertEqual(Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(4 * 60))), [.poll],
                       "not locked yet; only the store asked whether it changed")
        XCTAssertEqual(Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(5 * 60 + 1))), [.lock])
        XCTAssertEqual(s.phase, .unlock)
        XCTAssertTrue(s.students.isEmpty && s.queue.isEmpty && s.file == nil)
        let screen = F.screen(s)
        XCTAssertFalse(screen.contains(name))
        XCTAssertTrue(screen.contains("Locked"))
    }

    func testOnASundayTheRosterShowsTheWeekAheadAndTodaysCheckInStillCounts() throws {
        // Sunday 2026-11-22, a make-up school day checked into in the morning.
        let sunday = LocalDateTime(Day(year: 2026, month: 11, day: 22)!, TimeOfDay(hour: 12, minute: 30)!)
        let store = try Store(writer: DatabaseQueue(), timeZone: F.zone, keys: .ephemeral())
        try store.saveDemo(DemoSchool.generate(students: 60, seed: 5, now: sunday, calendar: try HolidayFile.bundledCalendar()),
                           by: DemoSchool.counselorID, at: sunday)
        let morning = sunday.adding(seconds: -1800)
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("sunday"), person: StaffID("duty"), checkIn: morning)),
                          as: F.account("duty"), at: morning)
        var s = AppState(language: .zhHans, accounts: ["duty"], now: sunday, wall: F.wall)
        _ = Update.update(&s, .unlocked(account: "duty", roles: [.duty]))
        _ = Update.update(&s, .loaded(try Snapshot.load(from: store, roles: [.duty], now: sunday)))
        let screen = F.screen(s)
        XCTAssertTrue(screen.contains("一23 二24 三25 四26 五27"), screen)
        XCTAssertTrue(s.shifts.contains { $0.day == Day(year: 2026, month: 11, day: 23)! }, "the demo plans the week shown")
        XCTAssertEqual(s.currentCheckIn?.id, DutyCheckInID("sunday"))
        XCTAssertTrue(screen.contains("值班中"), "today's check-in shows in the title bar")
    }

    func testFromTheFilterF2LogsAVisitForTheStudentFoundAndF9Blanks() throws {
        var s = try F.state("duty", [.duty])
        let target = s.students[17]
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, target.number)
        _ = F.press(&s, .function(2), .character("n"))
        guard case .form(let form) = s.modal, case .visit(let student) = form.purpose else { return XCTFail("no visit form") }
        XCTAssertEqual(student, target.id)
        XCTAssertFalse(s.filtering)
        XCTAssertEqual(s.filter.text, target.number, "the list stays as found")
        s.modal = nil
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, "z")
        _ = F.press(&s, .function(9))
        XCTAssertEqual(s.phase, .blank)
    }

    func testTypedCharactersInTheFilterNeverTriggerCommands() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        _ = F.press(&s, .character("/"))
        let effects = F.type(&s, "qnLz?")
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.filter.text, "qnLz?")
        XCTAssertNil(s.modal)
    }

    func testTheUnlockScreenCountsTheVaultsWaitDownForThatAccountOnly() {
        var s = AppState(language: .zhHans, accounts: ["duty", "head"], now: F.now, wall: F.wall)
        _ = F.type(&s, "duty-pasS")
        XCTAssertEqual(Update.update(&s, .key(.enter, at: F.wall)), [.unlock(account: "duty", passphrase: Array("duty-pasS".utf8))])
        // The wait is the vault's, from its throttle file (here: the second
        // wrong passphrase in a row, 2 s), not counted by the screen.
        _ = Update.update(&s, .unlockFailed("账户“duty”的口令不正确。", account: "duty", retryAt: F.wall.addingTimeInterval(2)))
        XCTAssertEqual(s.unlockWait, 2)
        XCTAssertTrue(F.screen(s).contains("请稍候再试（2 秒）。"), F.screen(s))
        XCTAssertTrue(F.screen(s).contains("账户“duty”的口令不正确。"))

        // Inside the wait Enter sends nothing and keeps what was typed.
        _ = F.type(&s, "duty-pass")
        XCTAssertEqual(Update.update(&s, .key(.enter, at: F.wall.addingTimeInterval(0.5))), [], "must wait")
        XCTAssertEqual(s.passphrase.text, "duty-pass")
        _ = Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(1.2)))
        XCTAssertEqual(s.unlockWait, 1)
        XCTAssertTrue(F.screen(s).contains("请稍候再试（1 秒）。"), F.screen(s))

        // Another account is not held by duty's wait.
        _ = Update.update(&s, .key(.down, at: F.wall.addingTimeInterval(1.3)))
        XCTAssertEqual(s.unlockAccount, "head")
        XCTAssertEqual(s.unlockWait, 0)
        XCTAssertFalse(F.screen(s).contains("请稍候再试"))
        _ = Update.update(&s, .key(.up, at: F.wall.addingTimeInterval(1.4)))

        // Once it has run out, Enter sends the passphrase typed.
        _ = Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(2)))
        XCTAssertEqual(s.unlockWait, 0)
        XCTAssertFalse(F.screen(s).contains("请稍候再试"))
        XCTAssertEqual(Update.update(&s, .key(.enter, at: F.wall.addingTimeInterval(2.1))),
                       [.unlock(account: "duty", passphrase: Array("duty-pass".utf8))])
        _ = Update.update(&s, .unlocked(account: "duty", roles: [.duty]))
        XCTAssertNil(s.retryAt["duty"], "a right passphrase ends the wait")
    }
}
