import Counseling
import Foundation
import GRDB
@testable import Store
import Terminal
import Vault
import XCTest
@testable import Workstation

/// Clinical text a session cannot open reaches the screen as a word saying
/// so, never as the sealed bytes and never as the text.
final class WithheldTextTests: XCTestCase {
    typealias F = WorkstationFixture

    func testAHeadDecidesOnAClosingWhoseReasonTheScreenWithholds() throws {
        let counselor = Account(id: StaffID("counselor"), roles: [.counselor]), head = Account(id: StaffID("head"), roles: [.head])
        let store = try Store(writer: DatabaseQueue(), timeZone: F.zone, accounts: [counselor, head], keys: .ephemeral())
        let pupil = StudentID("s1")
        try store.writer.write { db in
            try store.writeStudent(Student(id: pupil, number: "20260001", name: "张三", gender: .male, stage: .junior, grade: 7,
                                           className: "初一(1)班", headTeacher: "王老师"), revision: 1, db)
        }
        let start = F.now.adding(seconds: -30 * 86_400)
        let followUp = FollowUp(id: FollowUpID("f1"), student: pupil, due: start.day.adding(days: 7))
        try store.execute(.changeLevel(try LevelChange.make(id: LevelChangeID("l1"), student: pupil, from: .none, to: .severe,
                                                            by: counselor.id, at: start, reason: "评估后列入"), followUp: followUp),
                          as: counselor, at: start)
        try store.execute(.savePlan(SupportPlan(id: SupportPlanID("p1"), student: pupil, goals: ["恢复作息"], measures: ["每周面谈"],
                                                owner: counselor.id, responsibleLeader: "刘副校长", reviewDate: start.day.adding(days: 30),
                                                createdAt: start, reviews: [SupportPlan.Review(at: start, by: counselor.id, note: "好转")]),
                                    basedOn: nil), as: counselor, at: start)
        try store.execute(.completeFollowUp(followUp.completed(at: start, by: counselor.id, note: "稳定"), basedOn: followUp),
                          as: counselor, at: start.adding(seconds: 7 * 86_400))
        try store.execute(.requestClosing(CaseClosing(id: CaseClosingID("c1"), student: pupil, author: counselor.id, requestedAt: F.now,
                                                      reason: "连续六周情绪稳定", newLevel: .general)), as: counselor, at: F.now)

        let session = try Store(writer: store.writer, timeZone: F.zone, accounts: store.accounts,
                                keys: store.keys.limited(to: [.oversight], account: "head"))
        var s = AppState(language: .en, accounts: ["counselor", "head"], now: F.now, wall: F.wall)
        s.width = 100
        s.height = 30
        _ = Update.update(&s, .unlocked(account: "head", roles: [.head]))
        _ = Update.update(&s, .loaded(try Snapshot.load(from: session, roles: [.head], now: F.now)))
        XCTAssertEqual(s.pendingClosings.map(\.id), [CaseClosingID("c1")])
        _ = F.press(&s, .character("A"))
        let screen = F.screen(s)
        XCTAssertTrue(screen.contains("Reason: (withheld: for counselors only)"), screen)
        XCTAssertFalse(screen.contains("连续六周"))
        XCTAssertFalse(screen.contains("x1:"), "no sealed bytes on the screen")
    }

    func testTheChronologySaysWhatIsWithheldOrUnreadable() throws {
        let keys = TierKeys.ephemeral(holding: [])
        var visit = Visit(id: VisitID("v1"), student: StudentID("s1"), loggedBy: StaffID("duty"), channel: .walkIn, start: F.now,
                          reasons: [.study], brief: SealedText.seal("考试焦虑", keys))
        XCTAssertEqual(ChronologyText.detail(.visit(visit), .en, staff: []), "walk-in · study: (withheld: for counselors only)")
        visit.brief = SealedText.unreadableMark
        XCTAssertEqual(ChronologyText.detail(.visit(visit), .zhHans, staff: []), "直接来访 · 学业：（无法读取，记录可能被改动）")
        visit.brief = "考试焦虑"
        XCTAssertEqual(ChronologyText.detail(.visit(visit), .en, staff: []), "walk-in · study: 考试焦虑")
    }
}
