import Counseling
import Store
import XCTest
@testable import Workstation

/// The level form sets the next follow-up by the school's intervals,
/// shorter in a special period (exams, graduation) set in the school file.
final class FollowUpScheduleTests: XCTestCase {
    typealias F = WorkstationFixture

    /// The follow-up a level-3 change sets when its date is left empty.
    private func proposedDue(_ intervals: FollowUpIntervals) throws -> String? {
        var s = try F.state("counselor", [.counselor, .admin])
        s.followUpIntervals = intervals
        let target = try XCTUnwrap(s.queue.first { $0.level == .severe })
        while s.selectedStudent?.id != target.student.id { _ = F.press(&s, .down) }
        _ = F.press(&s, .enter)
        _ = F.press(&s, .character("L"))
        guard case .form(let form) = s.modal, case .level = form.purpose else { XCTFail("no level form"); return nil }
        XCTAssertEqual(form.form.fields[2].editor.text, "", "the date follows the level chosen, not one proposed before")
        let effects = F.press(&s, .paste("3"), .tab, .paste("自述有具体计划"), .function(2))
        guard case .execute(.changeLevel(_, let followUp)) = effects.last else { XCTFail("\(effects)"); return nil }
        return followUp.due.description
    }

    func testTheLevelFormSetsTheSchoolsIntervalShorterInASpecialPeriod() throws {
        XCTAssertEqual(try proposedDue(.standard), F.now.day.adding(days: 7).description)
        XCTAssertEqual(try proposedDue(FollowUpIntervals(majorDays: 5)), F.now.day.adding(days: 5).description)
        let exams = SpecialPeriod(kind: .beforeExams, name: "期末考试前两周", first: F.now.day.adding(days: -3),
                                  last: F.now.day.adding(days: 10), followUpDays: 3)
        XCTAssertEqual(try proposedDue(FollowUpIntervals(specialPeriods: [exams])), F.now.day.adding(days: 3).description)
        let later = SpecialPeriod(kind: .graduation, name: "毕业季", first: F.now.day.adding(days: 30),
                                  last: F.now.day.adding(days: 60), followUpDays: 3)
        XCTAssertEqual(try proposedDue(FollowUpIntervals(specialPeriods: [later])), F.now.day.adding(days: 7).description,
                       "a period that has not begun changes nothing")
    }

    func testTheSnapshotCarriesTheSchoolsIntervals() throws {
        let snap = try Snapshot.load(from: try F.store(), roles: [.counselor], now: F.now)
        XCTAssertEqual(snap.followUpIntervals, try F.store().followUpIntervals())
    }
}
