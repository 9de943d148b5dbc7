import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// A visit about self-harm thoughts waits for the counselors until one takes
/// it over; taking it is audited and happens once. (Who it goes to:
/// `EscalationRoutingTests`.)
final class EscalationStoreTests: XCTestCase {
    private let visited = Fixture.at(Fixture.day(2026, 11, 2), 12, 20)
    private let taken = Fixture.at(Fixture.day(2026, 11, 2), 12, 31)

    private func storeWithEscalation() throws -> (Store, Visit) {
        let store = try Fixture.store(at: visited)
        try store.execute(.logVisit(Visit(id: VisitID("v1"), student: StudentID("s1"), loggedBy: Fixture.duty, channel: .walkIn,
                                          start: visited, reasons: [.selfHarmThoughts], brief: "说不想活了",
                                          followUpNeeded: true)),
                          as: .duty, at: visited)
        // An ordinary visit waits for nobody.
        try store.execute(.logVisit(Visit(id: VisitID("v2"), student: StudentID("s1"), loggedBy: Fixture.duty, channel: .walkIn,
                                          start: visited, reasons: [.study], brief: "")),
                          as: .duty, at: visited)
        return (store, try XCTUnwrap(try store.record(Visit.self, id: VisitID("v1"))))
    }

    func testAnEscalatedVisitWaitsUntilACounselorTakesItOver() throws {
        let (store, visit) = try storeWithEscalation()
        XCTAssertEqual(visit.escalatedTo, StaffID.everyCounselor, "nobody checked in, no counselor of the student's")
        XCTAssertEqual(try store.escalationsAwaitingCounselor().map(\.id), [visit.id])
        let outcome = try store.execute(.takeEscalation(visit.id), as: .counselor2, at: taken)
        XCTAssertEqual(outcome.takenVisit?.escalationTakenBy, Fixture.counselor2)
        XCTAssertEqual(outcome.takenVisit?.escalationTakenAt, taken)
        XCTAssertEqual(outcome.student, StudentID("s1"))
        XCTAssertEqual(try store.escalationsAwaitingCounselor(), [])
        XCTAssertEqual(try store.record(Visit.self, id: visit.id)?.escalationTakenBy, Fixture.counselor2)
        XCTAssertEqual(try store.revisions(of: Visit.self, id: visit.id).map(\.value), [visit], "the visit as logged is kept")
        XCTAssertEqual(try store.auditEntries().last?.action, "visit.escalation.take")
        XCTAssertEqual(try store.auditEntries().last?.actor, "counselor2")
    }

    func testTheSecondCounselorIsToldWhoWasFirstAndChangesNothing() throws {
        let (store, visit) = try storeWithEscalation()
        try store.execute(.takeEscalation(visit.id), as: .counselor, at: taken)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.takeEscalation(visit.id), as: .counselor2, at: taken)) {
            XCTAssertEqual($0 as? EscalationProblem, .alreadyTaken(by: Fixture.counselor))
        }
        XCTAssertEqual(try store.record(Visit.self, id: visit.id)?.escalationTakenBy, Fixture.counselor)
        XCTAssertThrowsError(try store.execute(.takeEscalation(VisitID("v2")), as: .counselor, at: taken)) {
            XCTAssertEqual($0 as? EscalationProblem, .notEscalated)
        }
        XCTAssertThrowsError(try store.execute(.takeEscalation(VisitID("nope")), as: .counselor, at: taken)) {
            XCTAssertEqual($0 as? StoreError, .missing(kind: .visit, id: "nope"))
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testOnlyACounselorTakesAnEscalationOver() throws {
        let (store, visit) = try storeWithEscalation()
        for account in [Account.duty, .head, .admin] {
            XCTAssertThrowsError(try store.execute(.takeEscalation(visit.id), as: account, at: taken)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.takeEscalatedVisit))
            }
        }
        XCTAssertEqual(try store.escalationsAwaitingCounselor().map(\.id), [visit.id])
    }
}
