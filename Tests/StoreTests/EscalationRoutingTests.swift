import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// Who a self-harm visit goes to is the store's decision, made in the
/// transaction that logs it: the counselor checked in now, else the owner
/// of the student's current plan, else who last set the level, else every
/// counselor. Only accounts holding the counselor role are chosen, and
/// what the caller put in `escalatedTo` is ignored.
final class EscalationRoutingTests: XCTestCase {
    private let today = Fixture.day(2026, 11, 2)
    private var morning: LocalDateTime { Fixture.at(today, 8) }
    private var noon: LocalDateTime { Fixture.at(today, 12, 20) }
    private let pupil = StudentID("s1")

    private func store() throws -> Store {
        try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")], at: Fixture.at(today, 7))
    }

    private func checkIn(_ store: Store, _ account: Account, _ id: String, at moment: LocalDateTime? = nil) throws {
        let at = moment ?? morning
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID(id), person: account.id, checkIn: at)), as: account, at: at)
    }

    /// Logs a self-harm visit by the duty teacher, who claims to send it to
    /// `claimed`, and returns who the store sent it to.
    private func escalate(_ store: Store, _ id: String = "v1", student: StudentID? = StudentID("s1"),
                          claimed: StaffID? = StaffID("someone-else")) throws -> StaffID? {
        let outcome = try store.execute(.logVisit(Visit(id: VisitID(id), student: student, loggedBy: Fixture.duty, channel: .walkIn,
                                                        start: noon, reasons: [.selfHarmThoughts, .emotions], brief: "说不想活了",
                                                        followUpNeeded: true, escalatedTo: claimed)),
                                        as: .duty, at: noon)
        let stored = try XCTUnwrap(try store.record(Visit.self, id: VisitID(id)))
        XCTAssertEqual(outcome.routedTo, stored.escalatedTo, "the outcome tells who it went to")
        XCTAssertNil(stored.escalationTakenBy)
        return stored.escalatedTo
    }

    private func plan(_ store: Store, owner: StaffID) throws {
        try store.execute(.savePlan(Fixture.plan("p1", pupil, owner: owner, at: morning), basedOn: nil), as: .counselor, at: morning)
    }

    private func level(_ store: Store, by account: Account) throws {
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .severe, at: morning),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: pupil, due: today.adding(days: 7))),
                          as: account, at: morning)
    }

    func testTheCounselorCheckedInNowIsReachedFirst() throws {
        let store = try store()
        try plan(store, owner: Fixture.counselor)
        try checkIn(store, .counselor2, "c1")
        XCTAssertEqual(try escalate(store), Fixture.counselor2)
        XCTAssertEqual(try store.escalationsAwaitingCounselor().map(\.escalatedTo), [Fixture.counselor2])
    }

    func testOfTwoCheckedInTheLaterIsReached() throws {
        let store = try store()
        try checkIn(store, .counselor, "c1")
        try checkIn(store, .counselor2, "c2", at: Fixture.at(today, 10))
        XCTAssertEqual(try escalate(store), Fixture.counselor2)
    }

    func testWithNobodyCheckedInThePlansOwnerIsReached() throws {
        let store = try store()
        try level(store, by: .counselor)
        try plan(store, owner: Fixture.counselor2)
        XCTAssertEqual(try escalate(store), Fixture.counselor2, "the plan's owner before who set the level")
    }

    func testWithoutAPlanWhoLastSetTheLevelIsReached() throws {
        let store = try store()
        try level(store, by: .counselor2)
        XCTAssertEqual(try escalate(store), Fixture.counselor2)
    }

    func testWithNoCounselorOfTheirOwnItGoesToEveryCounselor() throws {
        let store = try store()
        // Another student's counselor is nobody's for this one.
        try store.execute(.savePlan(Fixture.plan("p2", StudentID("s2"), owner: Fixture.counselor, at: morning), basedOn: nil),
                          as: .counselor, at: morning)
        XCTAssertEqual(try escalate(store), StaffID.everyCounselor)
        XCTAssertEqual(try escalate(store, "v2", student: nil), StaffID.everyCounselor, "an anonymous visit too")
    }

    func testAnAccountWithoutTheCounselorRoleIsNeverChosen() throws {
        let store = try store()
        // The duty teacher is checked in; the plan names an owner who holds
        // no counselor account (a former colleague).
        try checkIn(store, .duty, "c1")
        try plan(store, owner: StaffID("former-counselor"))
        XCTAssertEqual(try escalate(store), StaffID.everyCounselor)
        try level(store, by: .counselor)
        XCTAssertEqual(try escalate(store, "v2"), Fixture.counselor, "past the plan's owner to who set the level")
    }

    func testOnlyACounselorInTheRoomNowCounts() throws {
        let store = try store()
        try plan(store, owner: Fixture.counselor2)
        // Checked in yesterday and never out; checked in this morning and out again.
        let yesterday = Fixture.at(today.adding(days: -1), 8)
        try checkIn(store, .counselor, "c0", at: yesterday)
        try checkIn(store, .counselorAdmin, "c1")
        try store.execute(.checkOut(DutyCheckInID("c1")), as: .counselorAdmin, at: Fixture.at(today, 11))
        XCTAssertEqual(try escalate(store), Fixture.counselor2)
    }

    func testWhatTheCallerSentIsIgnored() throws {
        let store = try store()
        try checkIn(store, .counselor, "c1")
        XCTAssertEqual(try escalate(store, claimed: nil), Fixture.counselor, "routed even when the caller named nobody")
        XCTAssertEqual(try escalate(store, "v2", claimed: Fixture.counselor2), Fixture.counselor)
        // A visit without thoughts of self-harm is escalated to nobody,
        // whatever the caller named.
        try store.execute(.logVisit(Visit(id: VisitID("v3"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: noon,
                                          reasons: [.study], brief: "", escalatedTo: Fixture.counselor2)),
                          as: .duty, at: noon)
        XCTAssertNil(try store.record(Visit.self, id: VisitID("v3"))?.escalatedTo)
        var taken = Visit(id: VisitID("v4"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: noon,
                          reasons: [.selfHarmThoughts], brief: "", escalatedTo: Fixture.counselor2)
        taken.escalationTakenBy = Fixture.counselor2
        taken.escalationTakenAt = noon
        try store.execute(.logVisit(taken), as: .duty, at: noon)
        XCTAssertNil(try store.record(Visit.self, id: VisitID("v4"))?.escalationTakenBy, "nobody took it yet")
        XCTAssertEqual(try store.escalationsAwaitingCounselor().map(\.id), [VisitID("v1"), VisitID("v2"), VisitID("v4")])
    }

    /// A store that knows no counselor account (the keyring holds none)
    /// sends the visit to every counselor, never to a name from a list.
    func testAStoreWithoutCounselorAccountsSendsToEveryCounselor() throws {
        let store = try Fixture.store(accounts: [.duty, .admin], at: Fixture.at(today, 7))
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("c1"), person: Fixture.counselor, checkIn: morning)),
                          as: .counselor, at: morning)
        XCTAssertEqual(try escalate(store), StaffID.everyCounselor)
    }

    /// A duty teacher's session holds neither the plan's key nor the
    /// level's: it cannot tell whose student this is, so with nobody
    /// checked in the visit goes to every counselor; the counselor in the
    /// room is still reached first.
    func testADutyTeachersSessionCannotReachTheStudentsOwnCounselor() throws {
        let store = try store()
        try plan(store, owner: Fixture.counselor2)
        let duty = try store.dutySession()
        XCTAssertEqual(try escalate(duty), StaffID.everyCounselor)
        XCTAssertEqual(try escalate(store, "v2"), Fixture.counselor2, "a session holding the keys finds the plan's owner")
        try checkIn(store, .counselor, "c1")
        XCTAssertEqual(try escalate(duty, "v3"), Fixture.counselor)
    }
}
