import Counseling
import Foundation
import Store
import Terminal
import XCTest
@testable import Workstation

/// The crisis run is always one named student's, chosen with F7; what the
/// store answers (saved, refused, refreshed) changes the screen without
/// opening anything anew; every role asks the store every ten seconds
/// whether it changed. All through `update`, without a terminal or a store.
final class StoreAnswerTests: XCTestCase {
    typealias F = WorkstationFixture

    private func snapshot(_ roles: Set<Role>, _ edit: (inout Snapshot) -> Void = { _ in }) throws -> Snapshot {
        var snap = try Snapshot.load(from: try F.store(), roles: roles, now: F.now)
        edit(&snap)
        return snap
    }

    private func crisisTitle(_ s: AppState) -> String? {
        F.screen(s).split(separator: "\n").map(String.init).first { $0.contains("─ 4 ") }
    }

    // MARK: - (a) F7 after a search and Esc is about the student found

    func testAfterSearchAndEnterF7AndSpaceAreAboutTheStudentFoundNotTheOpenRun() throws {
        var s = try F.state("duty", [.duty])
        let a = s.students[3], b = s.students[40]
        // A's run is open, one step recorded, as the store answered it.
        s.list.selected = 3
        guard case .execute(.startCrisisRun(let runA)) = F.press(&s, .function(7)).first else { return XCTFail("no run for A") }
        XCTAssertEqual(runA.student, a.id)
        guard case .execute(.recordCrisisStep(runA.id, _, .done, _)) = F.press(&s, .character(" ")).first else {
            return XCTFail("no step for A")
        }
        let storedA = try XCTUnwrap(s.crisisRun)
        _ = Update.update(&s, .saved("ok", try snapshot([.duty]) { $0.crisisRuns = [storedA] }, nil))
        XCTAssertEqual(s.crisisRun, storedA)
        XCTAssertTrue(crisisTitle(s)?.contains(a.name) == true, crisisTitle(s) ?? "no crisis pane")

        // B is found by number; Esc cancels the search (A is selected
        // again, as before `/`), Enter leaves it with B selected.
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, b.number)
        _ = F.press(&s, .escape)
        XCTAssertFalse(s.filtering)
        XCTAssertEqual(s.selectedStudent?.id, a.id, "Esc restores the selection before the search")
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, b.number)
        XCTAssertEqual(F.press(&s, .enter), [], "a duty teacher opens no file")
        XCTAssertFalse(s.filtering)
        XCTAssertEqual(s.selectedStudent?.id, b.id, "Enter keeps the student found selected")

        let started = F.press(&s, .function(7))
        guard case .execute(.startCrisisRun(let runB)) = started.first, started.count == 1 else { return XCTFail("\(started)") }
        XCTAssertEqual(runB.student, b.id)
        XCTAssertNotEqual(runB.id, runA.id)
        XCTAssertEqual(s.crisisStudent, b.id)
        XCTAssertEqual(s.pane, .crisis)
        let step = F.press(&s, .character(" "))
        XCTAssertEqual(step, [.execute(.recordCrisisStep(runB.id, step: s.checklist.steps[0].id, outcome: .done, note: ""))])
        XCTAssertEqual(s.crisisRuns.first { $0.id == runA.id }, storedA, "A's run is as the store had it")
        XCTAssertEqual(s.crisisRuns.filter { $0.student == a.id }.count, 1)
        let title = try XCTUnwrap(crisisTitle(s))
        XCTAssertTrue(title.contains("4 Crisis run · \(b.name)"), title)
        XCTAssertFalse(title.contains(a.name), title)
    }

    /// The same for a counselor, whose list goes back to the key-attention
    /// queue when the search is cancelled: the student found (not in the
    /// queue) and chosen with Enter must still be the one F7 is about.
    func testACounselorsF7AfterSearchAndEnterIsAboutTheStudentFound() throws {
        var s = try F.state("counselor", [.counselor])
        let queued = Set(s.queue.map(\.student.id))
        let b = try XCTUnwrap(s.students.first { !queued.contains($0.id) })
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, b.number)
        XCTAssertEqual(s.selectedStudent?.id, b.id)
        XCTAssertEqual(F.press(&s, .enter), [.openFile(b.id)])
        XCTAssertEqual(s.selectedStudent?.id, b.id, "Enter keeps the student found selected")
        let started = F.press(&s, .function(7))
        guard case .execute(.startCrisisRun(let run)) = started.first else { return XCTFail("\(started)") }
        XCTAssertEqual(run.student, b.id, "the run is about the student found, not whoever the queue has at that row")
    }

    // MARK: - (b) no student, no run

    func testF7WithNoStudentSelectedAndNoFileIsRefusedWithAMessage() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, "没有这个学生")
        XCTAssertNil(s.selectedStudent)
        XCTAssertNil(s.file)
        XCTAssertEqual(F.press(&s, .function(7)), [])
        XCTAssertEqual(s.message, CrisisRunError.noStudent.message.en)
        XCTAssertNil(s.crisisStudent)
        XCTAssertEqual(s.crisisRuns, [])
        XCTAssertEqual(s.pane, .students, "nothing to show in the crisis pane")
        XCTAssertTrue(F.screen(s).contains(CrisisRunError.noStudent.message.en))
        // Space then has no run to record a step on.
        _ = F.press(&s, .character("4"))
        XCTAssertEqual(F.press(&s, .character(" ")), [])
    }

    // MARK: - (c) an acute run opens, it is not started twice

    /// From the crisis or roster pane F7 does not pick the student the list
    /// happens to have selected (the school's first, untouched): nobody chose them.
    func testF7FromAnotherPaneStartsNothingForAStudentNobodyChose() throws {
        var s = try F.state("duty", [.duty])
        XCTAssertNotNil(s.selectedStudent, "the list always has a row selected")
        for pane in ["3", "4"] {
            _ = F.press(&s, .character(Character(pane)))
            XCTAssertEqual(F.press(&s, .function(7)), [], "pane \(pane)")
            XCTAssertEqual(s.message, CrisisRunError.noStudent.message.en)
            XCTAssertNil(s.crisisStudent)
        }
        // Chosen in the list, it starts; from the crisis pane F7 then reopens that run.
        _ = F.press(&s, .character("1"), .down)
        let chosen = try XCTUnwrap(s.selectedStudent)
        guard case .execute(.startCrisisRun(let run))? = F.press(&s, .function(7)).first else { return XCTFail("no start") }
        XCTAssertEqual(run.student, chosen.id)
        XCTAssertEqual(F.press(&s, .character("4"), .function(7)), [], "reopened, not started again")
        XCTAssertEqual(s.crisisStudent, chosen.id)
    }

    func testF7OnAStudentWithAnAcuteRunOpensItWithoutANewStart() throws {
        var s = try F.state("duty", [.duty])
        let student = s.students[8]
        var run = CrisisRun(id: CrisisRunID("run-1"), student: student.id, startedBy: StaffID("counselor"),
                            startedAt: F.now.adding(seconds: -600), checklist: s.checklist)
        try run.record(s.checklist.steps[0].id, .done, by: StaffID("counselor"), at: F.now.adding(seconds: -500))
        try run.record(s.checklist.steps[1].id, .done, by: StaffID("counselor"), at: F.now.adding(seconds: -400))
        XCTAssertTrue(run.isAcute)
        _ = Update.update(&s, .refreshed(try snapshot([.duty]) { $0.crisisRuns = [run] }, nil))
        s.list.selected = 8
        XCTAssertEqual(F.press(&s, .function(7)), [], "opened, not started again")
        XCTAssertEqual(s.crisisRuns, [run])
        XCTAssertEqual(s.crisisRun, run)
        XCTAssertEqual(s.pane, .crisis)
        XCTAssertEqual(s.crisisStep, 2, "at the first step not yet recorded")
        XCTAssertTrue(F.screen(s).contains("4 Crisis run · \(student.name)"))
        XCTAssertEqual(F.press(&s, .character(" ")),
                       [.execute(.recordCrisisStep(run.id, step: s.checklist.steps[2].id, outcome: .done, note: ""))])
    }

    // MARK: - (d) a hand-over from another workstation

    func testAHandOverFromAnotherWorkstationIsToldShownAboveTheListAndTakenBeforeAVisit() throws {
        var s = try F.state("counselor", [.counselor])
        let student = s.students[12]
        var run = CrisisRun(id: CrisisRunID("run-h"), student: student.id, startedBy: StaffID("duty"),
                            startedAt: F.now.adding(seconds: -900), checklist: s.checklist)
        try run.handOver(to: StaffID("counselor"), by: StaffID("duty"), at: F.now.adding(seconds: -60), note: "学生在辅导室，情绪激动")
        XCTAssertTrue(run.awaitsCounselor)
        let visit = Visit(id: VisitID("v-1"), student: s.students[13].id, loggedBy: StaffID("duty"), channel: .walkIn,
                          start: F.now.adding(seconds: -1800), reasons: [.selfHarmThoughts], brief: "", followUpNeeded: true,
                          escalatedTo: StaffID("counselor"))
        let refreshed = try snapshot([.counselor]) { $0.crisisRuns = [run]; $0.escalations = [visit] }
        XCTAssertEqual(Update.update(&s, .refreshed(refreshed, nil)), [])
        XCTAssertEqual(s.handovers, [run])
        XCTAssertEqual(s.urgent, S.newHandover.text(.en), "the hand-over is what the counselor is told, until read")
        let lines = F.screen(s).split(separator: "\n").map(String.init)
        let handover = try XCTUnwrap(lines.firstIndex { $0.contains("⚠ crisis hand-over (T)") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines[handover].contains(student.name) && lines[handover].contains("学生在辅导室"), lines[handover])
        let escalated = try XCTUnwrap(lines.firstIndex { $0.contains("⚠ escalated (T)") })
        XCTAssertLessThan(handover, escalated, "the hand-over first")
        let queued = try XCTUnwrap(lines.firstIndex { $0.contains(s.queue[0].student.name) })
        XCTAssertLessThan(escalated, queued, "above the list")
        // Told once, not at every poll.
        s.message = ""
        _ = Update.update(&s, .refreshed(refreshed, nil))
        XCTAssertEqual(s.message, "")
        // In any pane, T takes the hand-over before the escalated visit.
        _ = F.press(&s, .character("3"))
        XCTAssertEqual(F.press(&s, .character("T")), [.execute(.takeCrisisRun(run.id))])

        // A duty teacher refreshed with the same is told nothing to take.
        var duty = try F.state("duty", [.duty])
        _ = Update.update(&duty, .refreshed(try snapshot([.duty]) { $0.crisisRuns = [run] }, nil))
        XCTAssertEqual(duty.message, "")
        XCTAssertFalse(F.screen(duty).contains("hand-over (T)"))
        XCTAssertNil(Command.find(.character("T"), in: duty))
    }

    // MARK: - (e) refused: the form stays as typed

    /// A counselor with the first queue student's file open, in the plan form with every field typed.
    private func typingAPlan() throws -> (AppState, [String]) {
        var s = try F.state("counselor", [.counselor])
        let first = try XCTUnwrap(s.queue.first)
        var file = try F.openFile(first.student.id)
        file.plans = []
        _ = Update.update(&s, .fileOpened(file))
        _ = F.press(&s, .character("P"))
        _ = F.press(&s, .paste("恢复正常作息；按时到校"), .tab, .paste("每周面谈一次"), .tab, .paste("刘副校长"), .tab)
        guard case .form(var f) = s.modal else { XCTFail("no plan form"); return (s, []) }
        f.form.fields[3].editor = LineEditor("2026-12-18", limit: 10)
        s.modal = .form(f)
        return (s, f.form.fields.map(\.editor.text))
    }

    /// The plan a colleague saved meanwhile, on the file as the store now has it.
    private func newer(_ file: StudentFile) -> (StudentFile, SupportPlan) {
        var newer = file
        let plan = SupportPlan(id: SupportPlanID("colleague"), student: file.student.id, goals: ["按时到校"], measures: ["每日晨检"],
                               owner: StaffID("counselor2"), responsibleLeader: "王校长", reviewDate: F.now.day.adding(days: 14),
                               createdAt: F.now)
        newer.plans = [plan]
        return (newer, plan)
    }

    func testARefusedSaveKeepsTheFormAsTypedWithTheMessageAndShowsTheNewerFile() throws {
        var (s, typed) = try typingAPlan()
        XCTAssertEqual(typed, ["恢复正常作息；按时到校", "每周面谈一次", "刘副校长", "2026-12-18"])
        guard case .execute(.savePlan(_, nil)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        let (file, plan) = newer(try XCTUnwrap(s.file))
        let message = "王老师 changed this record on 2026-11-20 at 16:29; your change was not saved."
        XCTAssertEqual(Update.update(&s, .refused(message, try Snapshot.load(from: try F.store(), roles: s.roles, now: F.now), file)), [])
        guard case .form(let f) = s.modal else { return XCTFail("the form closed") }
        XCTAssertEqual(f.form.fields.map(\.editor.text), typed, "every field as typed")
        XCTAssertEqual(f.problem, message)
        XCTAssertEqual(s.file?.currentPlan, plan, "beside it, the file shows the colleague's version")
        XCTAssertEqual(s.file?.plans, [plan])
        XCTAssertTrue(F.screen(s).contains("王老师 changed this record"), F.screen(s))
    }

    /// The refusal says to compare and save again: the next save is then
    /// based on the version the file shows now, not refused again forever.
    func testAfterARefusalSavingAgainIsBasedOnTheNewerVersion() throws {
        var (s, _) = try typingAPlan()
        _ = F.press(&s, .function(2))
        let (file, plan) = newer(try XCTUnwrap(s.file))
        _ = Update.update(&s, .refused("someone changed this record", try Snapshot.load(from: try F.store(), roles: s.roles, now: F.now), file))
        let again = F.press(&s, .function(2))
        guard case .execute(.savePlan(_, let base)) = again.first else { return XCTFail("\(again)") }
        XCTAssertEqual(base, plan, "saving again after comparing is based on the colleague's plan now shown")
    }

    /// The same for a level: the form was based on the level shown when it
    /// opened; once refused it is based on the level the colleague set.
    func testAfterARefusedLevelChangeSavingAgainIsBasedOnTheLevelNowShown() throws {
        var s = try F.state("counselor", [.counselor])
        let target = try XCTUnwrap(s.queue.first { $0.level == .severe })
        while s.selectedStudent?.id != target.student.id { _ = F.press(&s, .down) }
        _ = Update.update(&s, .fileOpened(try F.openFile(target.student.id)))
        _ = F.press(&s, .character("L"), .paste("3"), .tab, .paste("自述有具体计划"))
        guard case .execute(.changeLevel(let change, _)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(change.from, .severe)
        // A colleague lowered the level to general meanwhile.
        var file = try XCTUnwrap(s.file)
        file.levelChanges.append(LevelChange(id: LevelChangeID("colleague"), student: file.student.id, from: .severe, to: .general,
                                             by: StaffID("counselor2"), at: F.now, reason: "复诊结论正常", source: .assessment))
        XCTAssertEqual(file.level, .general)
        _ = Update.update(&s, .refused("someone changed this record", try Snapshot.load(from: try F.store(), roles: s.roles, now: F.now), file))
        guard case .form(let kept) = s.modal else { return XCTFail("the form closed") }
        XCTAssertEqual(kept.form.fields[0].editor.text, "3", "the level typed is kept")
        XCTAssertTrue(kept.title.hasSuffix("(watch 1)"), "the title names the level now shown: \(kept.title)")
        let again = F.press(&s, .function(2))
        guard case .execute(.changeLevel(let resent, _)) = again.first else { return XCTFail("not sent again: \(again)") }
        XCTAssertEqual(resent.from, .general, "based on the level the file shows now")
        XCTAssertEqual(resent.to, .major)
    }

    /// Another workstation's change can reorder the key-attention queue; the
    /// counselor's cursor stays on the student it was on (F7, Enter and L act on them).
    func testARefreshKeepsTheCounselorsQueueSelectionOnTheSameStudent() throws {
        var s = try F.state("counselor", [.counselor])
        XCTAssertTrue(s.showsQueue)
        XCTAssertGreaterThan(s.queue.count, 3)
        _ = F.press(&s, .down, .down)
        let chosen = try XCTUnwrap(s.selectedStudent)
        _ = Update.update(&s, .refreshed(try snapshot([.counselor]) { $0.queue.reverse() }, nil))
        XCTAssertEqual(s.selectedStudent?.id, chosen.id, "still on the same student")
        guard case .execute(.startCrisisRun(let run)) = F.press(&s, .function(7)).first else { return XCTFail("no run") }
        XCTAssertEqual(run.student, chosen.id)
    }

    // MARK: - (f) saved: no new view of the file

    func testASaveAnswerUpdatesTheOpenFileWithoutOpeningItAgain() throws {
        var (s, _) = try typingAPlan()
        guard case .execute(.savePlan(let plan, nil)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        s.fileScroll = 2
        var file = try XCTUnwrap(s.file)
        file.plans = [plan]
        let effects = Update.update(&s, .saved(S.planSaved.text(.en), try snapshot([.counselor]), file))
        XCTAssertFalse(effects.contains { if case .openFile = $0 { return true }; return false }, "\(effects)")
        XCTAssertEqual(effects, [])
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message, S.planSaved.text(.en))
        XCTAssertEqual(s.file?.currentPlan, plan)
        XCTAssertEqual(s.fileScroll, 2, "the same file, not a new view of it")
        // Nor does another workstation's change open anything.
        XCTAssertEqual(Update.update(&s, .refreshed(try snapshot([.counselor]), file)), [])
    }

    func testAnAnswerAboutAnotherStudentsFileDoesNotReplaceTheOneOpen() throws {
        var (s, _) = try typingAPlan()
        let open = try XCTUnwrap(s.file)
        let other = try F.openFile(try XCTUnwrap(s.queue.last).student.id)
        XCTAssertNotEqual(other.student.id, open.student.id)
        _ = Update.update(&s, .saved("ok", try snapshot([.counselor]), other))
        XCTAssertEqual(s.file?.student.id, open.student.id)
        _ = Update.update(&s, .refreshed(try snapshot([.counselor]), other))
        XCTAssertEqual(s.file?.student.id, open.student.id)
    }

    // MARK: - (g) every role polls

    func testEveryRoleAsksTheStoreEveryTenSeconds() throws {
        XCTAssertEqual(AppState.pollSeconds, 10)
        for (account, roles) in [("duty", Set([Role.duty])), ("counselor", [.counselor]), ("head", [.head])] {
            var s = try F.state(account, roles)
            func tick(_ seconds: TimeInterval) -> [Effect] {
                let wall = F.wall.addingTimeInterval(seconds)
                s.lastActivity = wall   // someone is at the keyboard
                return Update.update(&s, .tick(now: F.now, wall: wall))
            }
            XCTAssertEqual(tick(0), [.poll], account)
            XCTAssertEqual(tick(9), [], "\(account): not before ten seconds")
            XCTAssertEqual(tick(10), [.poll], account)
            XCTAssertEqual(tick(20), [.poll], account)
            XCTAssertEqual(tick(25), [], account)
            XCTAssertEqual(tick(30), [.poll], account)
            // Locked, nothing is asked.
            _ = F.press(&s, .function(12))
            XCTAssertEqual(s.phase, .unlock)
            XCTAssertEqual(tick(40), [], "\(account): locked")
        }
    }
}
