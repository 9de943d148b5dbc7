import Counseling
import Foundation
import GRDB
@testable import Store
import Terminal
import Vault
import XCTest
@testable import Workstation

/// Issue 16, points 5 and 6: the file shows every field recorded (plans,
/// referrals and their feedback, guardian contacts, closings: who asked,
/// who decided, when), and the second person decides on a closing reading
/// the file's summary, as far as their keys open it; one's own request is
/// never offered.
final class FileDetailTests: XCTestCase {
    typealias F = WorkstationFixture

    static let counselor = Account(id: StaffID("counselor"), roles: [.counselor])
    static let colleague = Account(id: StaffID("counselor2"), roles: [.counselor])
    static let head = Account(id: StaffID("head"), roles: [.head])
    static let pupil = StudentID("s1")
    static let start = F.now.adding(seconds: -30 * 86_400)

    /// One student with a record of every kind the file shows, and a
    /// closing the counselor asked for.
    private func school() throws -> Store {
        let c = Self.counselor.id, pupil = Self.pupil, start = Self.start
        let store = try Store(writer: DatabaseQueue(), timeZone: F.zone, accounts: [Self.counselor, Self.colleague, Self.head],
                              keys: .ephemeral())
        try store.writer.write { db in
            try store.writeStudent(Student(id: pupil, number: "20260001", name: "张三", gender: .male, stage: .junior, grade: 7,
                                           className: "初一(1)班", headTeacher: "王老师"), revision: 1, db)
        }
        let followUp = FollowUp(id: FollowUpID("f1"), student: pupil, due: start.day.adding(days: 7))
        try store.execute(.changeLevel(try LevelChange.make(id: LevelChangeID("l1"), student: pupil, from: .none, to: .severe,
                                                            by: c, at: start, reason: "评估后列入"), followUp: followUp),
                          as: Self.counselor, at: start)
        try store.execute(.savePlan(SupportPlan(id: SupportPlanID("p1"), student: pupil, goals: ["恢复作息"], measures: ["每周面谈", "班主任每日关注"],
                                                owner: c, responsibleLeader: "刘副校长", reviewDate: start.day.adding(days: 28),
                                                createdAt: start, reviews: [SupportPlan.Review(at: start.adding(seconds: 3600), by: c, note: "睡眠好转")]),
                                    basedOn: nil), as: Self.counselor, at: start)
        try store.execute(.completeFollowUp(followUp.completed(at: start.adding(seconds: 7 * 86_400), by: c, note: "状态稳定"), basedOn: followUp),
                          as: Self.counselor, at: start.adding(seconds: 7 * 86_400))
        try store.execute(.recordGuardianContact(GuardianContact(id: GuardianContactID("g1"), student: pupil, guardianName: "张母",
                                                                 relation: .mother, by: c, at: start.adding(seconds: 2 * 86_400),
                                                                 purpose: .notification, method: .phone, outcome: .reached,
                                                                 note: "母亲同意陪同就医")), as: Self.counselor, at: start)
        let referral = Referral(id: ReferralID("r1"), student: pupil, institution: "市精神卫生中心", referredOn: start.day.adding(days: 3),
                                greenChannel: true, by: c)
        try store.execute(.recordReferral(referral), as: Self.counselor, at: start)
        try store.execute(.recordReferralFeedback(try referral.withFeedback(on: start.day.adding(days: 10), summary: "建议一个月后复诊"),
                                                  basedOn: referral), as: Self.counselor, at: start)
        try store.execute(.recordReferral(Referral(id: ReferralID("r2"), student: pupil, institution: "区妇幼保健院",
                                                   referredOn: start.day.adding(days: 20), greenChannel: false, by: c)),
                          as: Self.counselor, at: start)
        try store.execute(.requestClosing(CaseClosing(id: CaseClosingID("c1"), student: pupil, author: c, requestedAt: F.now.adding(seconds: -3600),
                                                      reason: "连续六周情绪稳定", newLevel: .general)), as: Self.counselor, at: F.now)
        return store
    }

    /// The same database as `account`'s session reads it (a head holds oversight only).
    private func session(_ store: Store, _ account: Account) throws -> Store {
        try Store(writer: store.writer, timeZone: F.zone, accounts: store.accounts,
                  keys: store.keys.limited(to: account.roles.contains(.counselor) ? [.oversight, .clinical] : [.oversight],
                                           account: account.id.rawValue))
    }

    private func state(_ store: Store, _ account: Account, _ language: Language = .en, width: Int = 120, height: Int = 40) throws -> AppState {
        var s = AppState(language: language, accounts: ["counselor", "counselor2", "head"], now: F.now, wall: F.wall)
        s.width = width
        s.height = height
        _ = Update.update(&s, .unlocked(account: account.id.rawValue, roles: account.roles))
        _ = Update.update(&s, .loaded(try Snapshot.load(from: try session(store, account), roles: account.roles, now: F.now)))
        return s
    }

    /// The counselor's file, maximised, after the head approved the closing.
    private func fileAfterApproval(_ language: Language, width: Int, height: Int) throws -> AppState {
        let store = try school()
        let request = try XCTUnwrap(try store.openRecords(CaseClosing.self).first)
        try session(store, Self.head).execute(.decideClosing(try request.approved(by: Self.head.id, at: F.now)), as: Self.head, at: F.now)
        var s = try state(store, Self.counselor, language, width: width, height: height)
        _ = Update.update(&s, .fileOpened(try store.openFile(Self.pupil, as: Self.counselor, at: F.now)))
        _ = F.press(&s, .character("2"), .character("z"))
        return s
    }

    func testTheFileShowsEveryFieldOfEveryRecord() throws {
        let s = try fileAfterApproval(.zhHans, width: 120, height: 40)
        let screen = F.screen(s)
        for shown in ["目标：恢复作息", "措施：每周面谈；班主任每日关注", "负责教师：counselor", "包保领导：刘副校长", "复评日期：2026-11-18",
                      "counselor：睡眠好转",
                      "张母（母亲） · 监护人知情 · 电话 · 已联系上：母亲同意陪同就医", "记录人 counselor",
                      "市精神卫生中心（绿色通道） · 已反馈", "市精神卫生中心：建议一个月后复诊", "区妇幼保健院 · 已转介",
                      "head 于 2026-11-20 16:30 同意", "counselor 于 2026-11-20 15:30 申请：连续六周情绪稳定", "销号后等级：一级关注"] {
            XCTAssertTrue(screen.contains(shown), "missing \(shown):\n\(screen)")
        }
        let en = F.screen(try fileAfterApproval(.en, width: 120, height: 40))
        for shown in ["Measures: 每周面谈; 班主任每日关注", "Owner: counselor", "Review on: 2026-11-18", "approved by head on 2026-11-20 16:30",
                      "asked by counselor on 2026-11-20 15:30: 连续六周情绪稳定", "张母 (mother) · guardian notification · phone · reached: 母亲同意陪同就医"] {
            XCTAssertTrue(en.contains(shown), "missing \(shown):\n\(en)")
        }
    }

    func testADeclinedClosingNamesWhoDeclinedWhenAndWhy() throws {
        let request = CaseClosing(id: CaseClosingID("c1"), student: Self.pupil, author: Self.counselor.id, requestedAt: Self.start,
                                  reason: "稳定", newLevel: .general)
        let declined = try request.declined(by: Self.head.id, at: F.now, reason: "再观察两周")
        XCTAssertEqual(ChronologyText.detail(.caseClosing(declined), .en, staff: []),
                       "declined by head on 2026-11-20 16:30: 再观察两周; asked by counselor on 2026-10-21 16:30: 稳定; level after: watch 1")
        XCTAssertEqual(ChronologyText.detail(.caseClosing(request), .zhHans, staff: []),
                       "销号申请待审批；counselor 于 2026-10-21 16:30 申请：稳定；销号后等级：一级关注")
        // Sealed reasons stay withheld from a session without the clinical key.
        let keys = TierKeys.ephemeral(holding: [])
        var sealed = request
        sealed.reason = SealedText.seal("连续六周情绪稳定", keys)
        let text = ChronologyText.detail(.caseClosing(try sealed.declined(by: Self.head.id, at: F.now, reason: "再观察")), .en, staff: [])
        XCTAssertTrue(text.contains("asked by counselor on 2026-10-21 16:30: (withheld: for counselors only)"), text)
        XCTAssertFalse(text.contains("连续六周"))
    }

    func testAHeadDecidesReadingTheSummaryTheirKeysOpen() throws {
        var s = try state(try school(), Self.head)
        _ = F.press(&s, .character("A"))
        guard case .form(let f) = s.modal, case .closingDecision = f.purpose else { return XCTFail("no decision form: \(String(describing: s.modal))") }
        let screen = F.screen(s)
        for shown in ["Levels: 10-21 none→watch 2", "Plan: for counselors only; checked when asked", "Follow-ups: due 10-28, done 10-28",
                      "Open referrals: (withheld: for counselors only)"] {
            XCTAssertTrue(screen.contains(shown), "missing \(shown):\n\(screen)")
        }
        for secret in ["恢复作息", "睡眠好转", "状态稳定", "精神卫生", "妇幼", "评估后列入", "连续六周"] {
            XCTAssertFalse(screen.contains(secret), "\(secret) reached a head's screen:\n\(screen)")
        }
    }

    func testAColleagueDecidesReadingThePlanItsReviewAndTheOpenReferrals() throws {
        var s = try state(try school(), Self.colleague)
        _ = F.press(&s, .character("A"))
        let screen = F.screen(s)
        for shown in ["Plan: Goals: 恢复作息; Measures: 每周面谈; 班主任每日关注;", "reviewed 10-21 by counselor", "睡眠好转",
                      "Open referrals: 区妇幼保健院 (2026-11-10 referred)", "Follow-ups: due 10-28, done 10-28"] {
            XCTAssertTrue(screen.contains(shown), "missing \(shown):\n\(screen)")
        }
        XCTAssertFalse(screen.contains("市精神卫生中心"), "a referral with feedback is not open")
    }

    /// The store gives a session without the clinical key no plan and no
    /// referral, whatever the screen would show.
    func testTheStoreSummaryOfAHeadHoldsNoClinicalRecord() throws {
        let store = try school()
        let headSummary = try session(store, Self.head).closingSummary(of: Self.pupil)
        XCTAssertFalse(headSummary.clinicalReadable)
        XCTAssertNil(headSummary.plan)
        XCTAssertTrue(headSummary.openReferrals.isEmpty)
        XCTAssertEqual(headSummary.levelChanges.map(\.to), [.severe])
        XCTAssertTrue(SealedText.isSealed(try XCTUnwrap(headSummary.levelChanges.first).reason), "the level's reason stays sealed")
        XCTAssertTrue(SealedText.isSealed(try XCTUnwrap(headSummary.lastFollowUps.first).note))
        let counselorSummary = try session(store, Self.colleague).closingSummary(of: Self.pupil)
        XCTAssertEqual(counselorSummary.plan?.id, SupportPlanID("p1"))
        XCTAssertEqual(counselorSummary.openReferrals.map(\.id), [ReferralID("r2")])
        XCTAssertEqual(counselorSummary.lastFollowUps.first?.note, "状态稳定")
    }

    func testOnesOwnRequestIsNotOfferedAtAll() throws {
        var s = try state(try school(), Self.counselor)
        XCTAssertEqual(s.pendingClosings.count, 1)
        XCTAssertNil(Command.find(.character("A"), in: s))
        XCTAssertFalse(Command.hints(s).contains { $0.key == "A" })
        XCTAssertFalse(CommandPalette().matches(s).contains { $0.id == .decideClosing })
        _ = F.press(&s, .character("A"))
        XCTAssertNil(s.modal)
        XCTAssertFalse(F.screen(s).contains(S.noClosingToDecide.text(.en)), "not refused by a footer line: not offered")
        // A colleague is offered it.
        let colleague = try state(try school(), Self.colleague)
        XCTAssertEqual(Command.find(.character("A"), in: colleague), .decideClosing)
    }

    func testSnapshotsOfTheFileAndTheDecisionInBothLanguagesAtBothSizes() throws {
        for language in [Language.zhHans, .en] {
            for (width, height) in [(80, 24), (120, 40)] {
                let tag = "\(language == .en ? "en" : "zh")-\(width)x\(height)"
                assertSnapshot(try fileAfterApproval(language, width: width, height: height), "file-detail-" + tag)
                var head = try state(try school(), Self.head, language, width: width, height: height)
                _ = F.press(&head, .character("A"))
                assertSnapshot(head, "closing-summary-head-" + tag)
                var colleague = try state(try school(), Self.colleague, language, width: width, height: height)
                _ = F.press(&colleague, .character("A"))
                assertSnapshot(colleague, "closing-summary-counselor-" + tag)
            }
        }
    }
}
