import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// The audit log says who did what kind of thing when, for everyone with
/// the page key; which student a tiered action was about, and what came of
/// it, only for the tier's holders.
final class AuditTierTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)
    private let pupil = StudentID("s1")

    private func store() throws -> Store {
        let store = try Fixture.store(at: now)
        try store.execute(.logVisit(Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: now,
                                          reasons: [.study], brief: "")), as: .duty, at: now)
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .major, at: now),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day.adding(days: 1))),
                          as: .counselor, at: now)
        try store.execute(.recordGuardianContact(GuardianContact(id: GuardianContactID("g1"), student: pupil, guardianName: "张父",
                                                                 relation: .father, by: Fixture.counselor, at: now,
                                                                 purpose: .notification, method: .phone, outcome: .reached)),
                          as: .counselor, at: now)
        return store
    }

    private func entry(_ store: Store, _ action: AuditAction) throws -> AuditEntry {
        try XCTUnwrap(try store.auditEntries().first { $0.action == action.rawValue })
    }

    func testATieredEntryNamesTheStudentOnlyByTheTiersLinkAndSealsItsDetail() throws {
        let store = try store()
        let level = try entry(store, .levelChange), followUp = try entry(store, .followUpAdd), contact = try entry(store, .contactAdd)
        XCTAssertEqual(level.subject, "oversight:" + (store.keys.link(.oversight, "s1") ?? "?"))
        XCTAssertEqual(followUp.subject, level.subject)
        XCTAssertEqual(contact.subject, "clinical:" + (store.keys.link(.clinical, "s1") ?? "?"))
        for entry in [level, followUp, contact] {
            XCTAssertFalse(entry.subject.contains("s1"))
            XCTAssertTrue(entry.detail.hasPrefix("sealed:"), entry.action)
            XCTAssertFalse(entry.detail.contains("level") || entry.detail.contains("notification") || entry.detail.contains("2026"))
        }
        XCTAssertEqual(store.auditDetail(level), "level 0 → 3")
        XCTAssertEqual(store.auditDetail(followUp), now.day.adding(days: 1).description)
        XCTAssertEqual(store.auditDetail(contact), "notification")
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: try store.auditEntries().count))
    }

    func testEachSessionReadsTheDetailsOfItsTiersOnly() throws {
        let store = try store()
        let head = try store.headSession(), duty = try store.dutySession()
        XCTAssertEqual(head.auditDetail(try entry(store, .levelChange)), "level 0 → 3")
        XCTAssertNil(head.auditDetail(try entry(store, .contactAdd)))
        XCTAssertNil(duty.auditDetail(try entry(store, .levelChange)))
        XCTAssertNil(duty.auditDetail(try entry(store, .followUpAdd)))
        // A detail moved to another entry does not open there.
        let level = try entry(store, .levelChange)
        var moved = try entry(store, .followUpAdd)
        moved.detail = level.detail
        XCTAssertNil(store.auditDetail(moved))
    }

    func testTheRoomsEntriesStillNameTheStudent() throws {
        let visit = try entry(try store(), .visitAdd)
        XCTAssertEqual(visit.subject, "student:s1")
        XCTAssertEqual(visit.detail, "walkIn")
    }

    /// A draft says a student is in counseling: a session without the
    /// clinical key keeps its draft without naming the student at all.
    func testADraftKeptWithoutTheClinicalKeyNamesNoStudent() throws {
        let store = try store()
        let duty = try store.dutySession()
        try duty.execute(.keepDraft(body: Data("{}".utf8), about: pupil), as: .duty, at: now)
        let kept = try XCTUnwrap(try store.auditEntries().last)
        XCTAssertEqual([kept.action, kept.actor, kept.subject, kept.detail], ["draft.keep", "duty", "", ""])
    }
}
