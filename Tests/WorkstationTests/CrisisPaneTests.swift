import Counseling
import Store
import XCTest
@testable import Workstation

/// The crisis pane says where a hand-over stands: waiting, or taken by whom.
final class CrisisPaneTests: XCTestCase {
    private typealias F = WorkstationFixture

    private func state(with run: CrisisRun) throws -> AppState {
        var s = try F.state("duty", [.duty], width: 120, height: 40)
        s.crisisRuns = [run]
        s.crisisStudent = run.student
        return s
    }

    func testAWaitingHandOverAndATakenOneReadDifferently() throws {
        var s = try F.state("duty", [.duty])
        let student = try XCTUnwrap(s.students.first)
        var run = CrisisRun(id: CrisisRunID("cr"), student: student.id, startedBy: StaffID("duty"),
                            startedAt: F.now.adding(minutes: -20), checklist: .standard)
        try run.record("keep-safe", .done, by: StaffID("duty"), at: F.now.adding(minutes: -19))
        try run.handOver(to: StaffID("counselor"), by: StaffID("duty"), at: F.now.adding(minutes: -15), note: "陪同中")
        s = try state(with: run)
        var screen = F.screen(s)
        XCTAssertTrue(screen.contains("Crisis run · \(student.name)"), screen)
        XCTAssertTrue(screen.contains("waiting to be taken"), screen)
        try run.take(by: StaffID("counselor"), at: F.now.adding(minutes: -10))
        s = try state(with: run)
        screen = F.screen(s)
        XCTAssertTrue(screen.contains("took it at 16:20"), screen)
        XCTAssertFalse(screen.contains("waiting to be taken"), screen)
        // Taken and no longer acute: F7 on the student starts a new run, it does not reopen this one.
        _ = F.press(&s, .character("1"))
        while s.selectedStudent?.id != student.id { _ = F.press(&s, .down) }
        guard case .execute(.startCrisisRun(let fresh))? = F.press(&s, .function(7)).first else { return XCTFail("no new run") }
        XCTAssertNotEqual(fresh.id, run.id)
    }
}
