import Counseling
import Foundation
import GRDB
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// A visit about self-harm thoughts: the duty teacher hands it to the
/// counselors in the same save (the store picks which one); it waits at the top of every counselor's
/// list until one takes it over, and then the student's file is open.
final class EscalationJourneyTests: XCTestCase {
    typealias F = WorkstationFixture

    func testADutyTeachersSelfHarmVisitGoesToACounselorInTheSameSave() throws {
        var s = try F.state("duty", [.duty])
        let target = s.students[5]
        s.list.selected = 5
        _ = F.press(&s, .character("n"), .character("n"), .tab)
        _ = F.type(&s, "5")
        _ = F.press(&s, .tab, .paste("说最近不想活了"))
        guard case .execute(.logVisit(let visit)) = F.press(&s, .function(2)).first else { return XCTFail("not saved: \(String(describing: s.modal))") }
        XCTAssertEqual(visit.student, target.id)
        XCTAssertEqual(visit.escalatedTo, .everyCounselor, "escalated; which counselor is the store's decision")
        XCTAssertTrue(visit.awaitsCounselor)
        XCTAssertTrue(visit.followUpNeeded)
        // Nothing about it is for the duty teacher to take over.
        s.escalations = [visit]
        XCTAssertFalse(Command.hints(s).contains { $0.key == "T" })
        XCTAssertNil(Command.find(.character("T"), in: s))
        XCTAssertFalse(F.screen(s).contains("escalated"))
    }

    func testTheCounselorOnDutyInTheRoomGetsItFirst() throws {
        // Two counselor accounts; the student's own counselor (who set the
        // level) checked in and out again, the other is in the room now.
        let li = Account(id: StaffID("li"), roles: [.counselor]), wang = Account(id: StaffID("wang"), roles: [.counselor])
        let duty = Account(id: StaffID("duty"), roles: [.duty])
        let store = try Store(writer: DatabaseQueue(), timeZone: F.zone, accounts: [li, wang, duty], keys: .ephemeral())
        let student = Student(id: StudentID("s1"), number: "20260001", name: "张三", gender: .male, stage: .junior, grade: 7,
                              className: "初一(1)班", headTeacher: "王老师")
        let earlier = F.now.adding(seconds: -3600)
        try store.writer.write { db in
            try store.writeStudent(student, revision: 1, db)
            try store.apply(LevelChange(id: LevelChangeID("l1"), student: student.id, from: .none, to: .severe, by: li.id,
                                        at: earlier, reason: "自述压力大", source: .assessment), by: li.id, db)
        }
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("c1"), person: li.id, checkIn: earlier)), as: li, at: earlier)
        try store.execute(.checkOut(DutyCheckInID("c1")), as: li, at: earlier.adding(seconds: 600))
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("c2"), person: wang.id, checkIn: earlier.adding(seconds: 900))),
                          as: wang, at: earlier.adding(seconds: 900))

        // The duty teacher's form leaves the choice to the store, whatever it sends.
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("n"), .character("n"), .tab)
        _ = F.type(&s, "5")
        guard case .execute(.logVisit(var visit)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        visit.student = student.id
        visit.escalatedTo = li.id
        let outcome = try store.execute(.logVisit(visit), as: duty, at: F.now)
        XCTAssertEqual(outcome.routedTo, wang.id, "checked in and not out")
        XCTAssertEqual(try store.escalationsAwaitingCounselor().map(\.escalatedTo), [wang.id])

        // Once wang checks out, the student's own counselor has it.
        try store.execute(.checkOut(DutyCheckInID("c2")), as: wang, at: F.now.adding(seconds: 60))
        visit.id = VisitID("v-2")
        XCTAssertEqual(try store.execute(.logVisit(visit), as: duty, at: F.now.adding(seconds: 120)).routedTo, li.id)
    }

    private func escalated(_ student: StudentSummary?, at time: LocalDateTime = F.now) -> Visit {
        Visit(id: VisitID("v-\(student?.number ?? "anon")"), student: student?.id, loggedBy: StaffID("duty"), channel: .walkIn,
              start: time, reasons: [.selfHarmThoughts, .emotions], brief: "", followUpNeeded: true, escalatedTo: StaffID("counselor"))
    }

    func testTheCounselorSeesItAboveTheQueueAndTakesItWithT() throws {
        var s = try F.state("counselor", [.counselor])
        let student = try XCTUnwrap(s.students.first { $0.level == .none })
        let visit = escalated(student)
        s.escalations = [visit]
        let screen = F.screen(s)
        let banner = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("⚠ escalated") })
        XCTAssertTrue(banner.contains("⚠ escalated (T) 16:30 \(student.name) · self-harm thoughts"), String(banner))
        XCTAssertEqual(Command.hints(s).first?.key, "T", "taking it over leads the status bar")
        // In any pane, with any file open.
        _ = F.press(&s, .character("3"))
        XCTAssertEqual(F.press(&s, .character("T")), [.execute(.takeEscalation(visit.id))])

        // The session answers with the file of the student, now without the escalation.
        let file = try F.openFile(student.id)
        var snapshot = try Snapshot.load(from: try F.store(), roles: [.counselor], now: F.now)
        snapshot.escalations = []
        _ = Update.update(&s, .escalationTaken("taken", snapshot, file))
        XCTAssertEqual(s.file?.student.id, student.id)
        XCTAssertEqual(s.pane, .file)
        XCTAssertEqual(s.urgent, "taken", "what the counselor must do now stays until read")
        XCTAssertFalse(F.screen(s).contains("⚠ escalated"))
        XCTAssertEqual(F.press(&s, .character("T")), [], "nothing left to take")
    }

    func testSeveralWaitingShowTwoAndACountAndAnAnonymousOneSaysSo() throws {
        var s = try F.state("counselor", [.counselor], language: .zhHans, width: 80, height: 24)
        let yesterday = LocalDateTime(F.now.day.adding(days: -1), F.now.time)
        s.escalations = [escalated(nil, at: yesterday), escalated(s.students[1]), escalated(s.students[2])]
        let lines = F.screen(s).split(separator: "\n").map(String.init)
        let banner = lines.filter { $0.contains("⚠") }
        XCTAssertEqual(banner.count, 3, banner.joined(separator: "\n"))
        XCTAssertTrue(banner[0].contains("11-19 16:30") && banner[0].contains("匿名"), banner[0])
        XCTAssertTrue(banner[1].contains(s.students[1].name), banner[1])
        XCTAssertTrue(banner[2].contains("另有 1 条"), banner[2])
        // The queue is still there below it.
        XCTAssertTrue(lines.contains { $0.contains(s.queue[0].student.name) })
    }

    func testAnEscalationFromAnotherWorkstationShowsWithinSeconds() throws {
        var s = try F.state("counselor", [.counselor])
        func tick(_ seconds: TimeInterval) -> [Effect] {
            s.lastActivity = F.wall.addingTimeInterval(seconds)   // someone is at the keyboard
            return Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(seconds)))
        }
        XCTAssertEqual(tick(0), [.poll])
        XCTAssertEqual(tick(5), [], "not on every tick")
        XCTAssertEqual(tick(AppState.pollSeconds), [.poll])
        let visit = escalated(s.students[1])
        let base = try Snapshot.load(from: try F.store(), roles: [.counselor], now: F.now)
        func refreshed(_ escalations: [Visit]) {
            var snapshot = base
            snapshot.escalations = escalations
            XCTAssertEqual(Update.update(&s, .refreshed(snapshot, nil)), [])
        }
        refreshed([visit])
        XCTAssertEqual(s.escalations, [visit])
        XCTAssertTrue(s.urgent.contains("press T"), s.urgent)
        XCTAssertTrue(F.screen(s).contains("⚠ escalated (T)"))
        s.message = ""
        refreshed([visit])
        XCTAssertEqual(s.message, "", "told once, not every ten seconds")
        refreshed([])
        XCTAssertFalse(F.screen(s).contains("⚠ escalated"), "taken on another workstation: gone here too")
    }

    func testLockingForgetsTheEscalations() throws {
        var s = try F.state("counselor", [.counselor])
        s.escalations = [escalated(s.students[1])]
        _ = F.press(&s, .function(12))
        XCTAssertEqual(s.escalations, [])
    }
}
