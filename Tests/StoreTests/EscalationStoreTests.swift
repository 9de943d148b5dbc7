import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// A visit about self-harm thoughts waits for the counselors until one takes
/// it over; taking it is audited and happens once.
final class EscalationStoreTests: XCTestCase {
    private let visited = Fixture.at(Fixture.day(2026, 11, 2), 12, 20)
    private let taken = Fixture.at(Fixture.day(2026, 11, 2), 12, 31)

    private func storeWithEscalation() throws -> (Store, Visit) {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone)
        try store.saveStudents([Fixture.student(1)], by: Fixture.counselor, at: visited)
        let visit = Visit(id: VisitID("v1"), student: StudentID("s1"), loggedBy: Fixture.duty, channel: .walkIn,
                          start: visited, reasons: [.selfHarmThoughts], brief: "说不想活了", followUpNeeded: true,
                          escalatedTo: Fixture.counselor)
        try store.add(visit, by: Fixture.duty, at: visited, action: "visit.add")
        // An ordinary visit waits for nobody.
        try store.add(Visit(id: VisitID("v2"), student: StudentID("s1"), loggedBy: Fixture.duty, channel: .walkIn,
                            start: visited, reasons: [.study], brief: ""), by: Fixture.duty, at: visited, action: "visit.add")
        return (store, visit)
    }

    func testAnEscalatedVisitWaitsUntilACounselorTakesItOver() throws {
        let (store, visit) = try storeWithEscalation()
        XCTAssertEqual(try store.escalationsAwaitingCounselor().map(\.id), [visit.id])
        let result = try store.takeEscalation(visit.id, by: StaffID("counselor2"), at: taken)
        XCTAssertEqual(result.escalationTakenBy, StaffID("counselor2"))
        XCTAssertEqual(result.escalationTakenAt, taken)
        XCTAssertEqual(try store.escalationsAwaitingCounselor(), [])
        XCTAssertEqual(try store.record(Visit.self, id: visit.id)?.escalationTakenBy, StaffID("counselor2"))
        XCTAssertEqual(try store.revisions(of: Visit.self, id: visit.id).map(\.value), [visit], "the visit as logged is kept")
        let actions = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY id") }
        XCTAssertEqual(actions.last, "visit.escalation.take")
    }

    func testTheSecondCounselorIsToldWhoWasFirstAndChangesNothing() throws {
        let (store, visit) = try storeWithEscalation()
        try store.takeEscalation(visit.id, by: Fixture.counselor, at: taken)
        XCTAssertThrowsError(try store.takeEscalation(visit.id, by: StaffID("counselor2"), at: taken)) {
            XCTAssertEqual($0 as? EscalationProblem, .alreadyTaken(by: Fixture.counselor))
        }
        XCTAssertEqual(try store.record(Visit.self, id: visit.id)?.escalationTakenBy, Fixture.counselor)
        XCTAssertThrowsError(try store.takeEscalation(VisitID("v2"), by: Fixture.counselor, at: taken)) {
            XCTAssertEqual($0 as? EscalationProblem, .notEscalated)
        }
        XCTAssertThrowsError(try store.takeEscalation(VisitID("nope"), by: Fixture.counselor, at: taken))
    }
}
