import Counseling
import Foundation
import Store
import Terminal
import XCTest
@testable import Workstation

/// A visit about self-harm thoughts: the duty teacher hands it to the
/// counselors in the same save; it waits at the top of every counselor's
/// list until one takes it over, and then the student's file is open.
final class EscalationJourneyTests: XCTestCase {
    typealias F = WorkstationFixture

    func testADutyTeachersSelfHarmVisitGoesToACounselorInTheSameSave() throws {
        var s = try F.state("duty", [.duty])
        let target = s.students[5]
        s.list.selected = 5
        _ = F.press(&s, .character("n"), .tab)
        _ = F.type(&s, "5")
        _ = F.press(&s, .tab, .paste("说最近不想活了"))
        guard case .saveVisit(let visit) = F.press(&s, .function(2)).first else { return XCTFail("not saved: \(String(describing: s.modal))") }
        XCTAssertEqual(visit.student, target.id)
        XCTAssertEqual(visit.escalatedTo, StaffID("counselor"))
        XCTAssertTrue(visit.awaitsCounselor)
        XCTAssertTrue(visit.followUpNeeded)
        // Nothing about it is for the duty teacher to take over.
        s.escalations = [visit]
        XCTAssertFalse(Command.hints(s).contains { $0.key == "T" })
        XCTAssertNil(Command.find(.character("T"), in: s))
        XCTAssertFalse(F.screen(s).contains("escalated"))
    }

    func testTheCounselorOnDutyInTheRoomGetsItFirst() throws {
        var s = try F.state("duty", [.duty])
        s.staff.append(Staff(id: StaffID("wang"), name: "王老师", roles: [.counselor]))
        s.checkIns = [DutyCheckIn(id: DutyCheckInID("c1"), person: StaffID("wang"), checkIn: F.now),
                      DutyCheckIn(id: DutyCheckInID("c2"), person: StaffID("counselor"), checkIn: F.now, checkOut: F.now)]
        _ = F.press(&s, .character("n"), .tab)
        _ = F.type(&s, "5")
        guard case .saveVisit(let visit) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(visit.escalatedTo, StaffID("wang"), "checked in and not out")
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
        XCTAssertEqual(F.press(&s, .character("T")), [.takeEscalation(visit.id)])

        // The session answers with the file of the student, now without the escalation.
        let file = try F.store().openFile(student.id, by: StaffID("counselor"), at: F.now)
        var snapshot = try Snapshot.load(from: try F.store(), roles: [.counselor], now: F.now)
        snapshot.escalations = []
        _ = Update.update(&s, .escalationTaken("taken", snapshot, file))
        XCTAssertEqual(s.file?.student.id, student.id)
        XCTAssertEqual(s.pane, .file)
        XCTAssertEqual(s.message, "taken")
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
        XCTAssertEqual(tick(0), [.checkEscalations])
        XCTAssertEqual(tick(5), [], "not on every tick")
        XCTAssertEqual(tick(AppState.escalationCheckSeconds), [.checkEscalations])
        let visit = escalated(s.students[1])
        _ = Update.update(&s, .escalationsChecked([visit]))
        XCTAssertEqual(s.escalations, [visit])
        XCTAssertTrue(s.message.contains("press T"), s.message)
        XCTAssertTrue(F.screen(s).contains("⚠ escalated (T)"))
        s.message = ""
        _ = Update.update(&s, .escalationsChecked([visit]))
        XCTAssertEqual(s.message, "", "told once, not every ten seconds")
        _ = Update.update(&s, .escalationsChecked([]))
        XCTAssertFalse(F.screen(s).contains("⚠ escalated"), "taken on another workstation: gone here too")

        var duty = try F.state("duty", [.duty])
        XCTAssertEqual(Update.update(&duty, .tick(now: F.now, wall: F.wall)), [], "a duty teacher is not asked")
    }

    func testLockingForgetsTheEscalations() throws {
        var s = try F.state("counselor", [.counselor])
        s.escalations = [escalated(s.students[1])]
        _ = F.press(&s, .function(12))
        XCTAssertEqual(s.escalations, [])
    }
}
