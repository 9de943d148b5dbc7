import Foundation
import XCTest
@testable import Counseling

final class EscalationTests: XCTestCase {
    private let start = LocalDateTime(Day(year: 2026, month: 11, day: 2)!, TimeOfDay(hour: 12, minute: 20, second: 0)!)

    private func visit(escalated: Bool = true) -> Visit {
        Visit(id: VisitID("v1"), student: nil, loggedBy: StaffID("duty"), channel: .walkIn, start: start,
              reasons: escalated ? [.selfHarmThoughts] : [.study], brief: "", escalatedTo: escalated ? StaffID("counselor") : nil)
    }

    func testTakingOverRecordsWhoAndWhenOnce() throws {
        XCTAssertTrue(visit().awaitsCounselor)
        XCTAssertFalse(visit(escalated: false).awaitsCounselor)
        let later = LocalDateTime(start.day, TimeOfDay(hour: 12, minute: 40, second: 0)!)
        let taken = try visit().takenOver(by: StaffID("li"), at: later)
        XCTAssertFalse(taken.awaitsCounselor)
        XCTAssertEqual(taken.escalationTakenBy, StaffID("li"))
        XCTAssertEqual(taken.escalationTakenAt, later)
        XCTAssertThrowsError(try taken.takenOver(by: StaffID("wang"), at: later)) {
            XCTAssertEqual($0 as? EscalationProblem, .alreadyTaken(by: StaffID("li")))
        }
        XCTAssertThrowsError(try visit(escalated: false).takenOver(by: StaffID("li"), at: later)) {
            XCTAssertEqual($0 as? EscalationProblem, .notEscalated)
        }
        let earlier = LocalDateTime(start.day, TimeOfDay(hour: 12, minute: 0, second: 0)!)
        XCTAssertThrowsError(try visit().takenOver(by: StaffID("li"), at: earlier)) {
            XCTAssertEqual($0 as? EscalationProblem, .takenBeforeVisit)
        }
    }

    func testTheTakingSurvivesEncodingAndAnOlderRecordStillDecodes() throws {
        let taken = try visit().takenOver(by: StaffID("li"), at: start)
        let data = try JSONEncoder().encode(taken)
        XCTAssertEqual(try JSONDecoder().decode(Visit.self, from: data), taken)
        // A visit stored before escalations could be taken over.
        let old = try JSONEncoder().encode(visit())
        XCTAssertFalse(String(decoding: old, as: UTF8.self).contains("escalationTaken"))
        XCTAssertTrue(try JSONDecoder().decode(Visit.self, from: old).awaitsCounselor)
    }
}
