import Counseling
import Store
import XCTest
@testable import Workstation

/// What a duty teacher is told after an escalated visit is saved.
final class CommandMessagesTests: XCTestCase {
    private let visit = Visit(id: VisitID("v1"), student: nil, loggedBy: StaffID("zhao"), channel: .walkIn,
                              start: WorkstationFixture.now, reasons: [.selfHarmThoughts], brief: "")

    private func told(_ routedTo: StaffID?, staff: [Staff], _ L: Language = .en) -> String {
        var outcome = CommandOutcome()
        outcome.routedTo = routedTo
        return CommandMessages.saved(.logVisit(visit), outcome, staff: staff, L)
    }

    func testTheCounselorWhoHasItIsNamed() {
        let staff = [Staff(id: StaffID("li"), name: "李老师", roles: [.counselor]), Staff(id: StaffID("zhao"), name: "赵老师", roles: [.duty])]
        XCTAssertTrue(told(StaffID("li"), staff: staff).contains("escalated to counselor 李老师"))
        XCTAssertTrue(told(.everyCounselor, staff: staff).contains("escalated to every counselor"))
        XCTAssertTrue(told(StaffID("li"), staff: staff, .zhHans).contains("已转交心理教师 李老师"))
    }

    func testASchoolWithoutACounselorAccountIsToldNobodyReceivesIt() {
        let staff = [Staff(id: StaffID("zhao"), name: "赵老师", roles: [.duty]), Staff(id: StaffID("wang"), name: "王主任", roles: [.head, .admin])]
        let message = told(.everyCounselor, staff: staff)
        XCTAssertTrue(message.contains("no counselor account"), message)
        XCTAssertTrue(message.contains("do not leave the student alone"), message)
        XCTAssertTrue(told(.everyCounselor, staff: staff, .zhHans).contains("没有心理教师账号"))
    }

    func testAVisitThatWasNotEscalatedIsJustSaved() {
        XCTAssertEqual(told(nil, staff: []), S.visitSaved.en)
    }

    /// Issue 16, point 5: every kind of record saved from the file says
    /// what was saved; feedback on a referral is not "referral recorded".
    func testEachSavedKindHasItsOwnConfirmation() throws {
        let student = StudentID("s1"), me = StaffID("li"), now = WorkstationFixture.now
        let referral = Referral(id: ReferralID("r1"), student: student, institution: "市精神卫生中心", referredOn: now.day,
                                greenChannel: true, by: me)
        let plan = SupportPlan(id: SupportPlanID("p1"), student: student, goals: ["情绪稳定"], measures: ["每周面谈"], owner: me,
                               responsibleLeader: "王校长", reviewDate: now.day, createdAt: now)
        var reviewed = plan
        reviewed.reviews.append(SupportPlan.Review(at: now, by: me, note: "平稳"))
        let contact = GuardianContact(id: GuardianContactID("g1"), student: student, guardianName: "王芳", relation: .mother,
                                      by: me, at: now, purpose: .notification, method: .phone, outcome: .reached)
        let closing = CaseClosing(id: CaseClosingID("c1"), student: student, author: me, requestedAt: now, reason: "稳定", newLevel: .general)
        let note = CaseNote(id: CaseNoteID("n1"), student: student, author: me, at: now, text: "面谈")
        let followUp = FollowUp(id: FollowUpID("f1"), student: student, due: now.day)
        let commands: [StoreCommand] = [
            .savePlan(plan, basedOn: nil), .savePlan(reviewed, basedOn: plan), .recordGuardianContact(contact),
            .recordReferral(referral), .recordReferralFeedback(try referral.withFeedback(on: now.day, summary: "建议复诊"), basedOn: referral),
            .requestClosing(closing), .decideClosing(try closing.approved(by: StaffID("wang"), at: now)),
            .decideClosing(try closing.declined(by: StaffID("wang"), at: now, reason: "再观察两周")),
            .writeNote(note), .editNote(note, basedOn: note),
            .completeFollowUp(followUp.completed(at: now, by: me, note: ""), basedOn: followUp),
        ]
        for L in [Language.zhHans, .en] {
            let messages = commands.map { CommandMessages.saved($0, CommandOutcome(), staff: [], L) }
            XCTAssertFalse(messages.contains(""), "\(messages)")
            XCTAssertEqual(Set(messages).count, messages.count, "two kinds share a confirmation: \(messages)")
        }
        let feedback = CommandMessages.saved(commands[4], CommandOutcome(), staff: [], .zhHans)
        XCTAssertEqual(feedback, "转介反馈已记录。")
        XCTAssertEqual(CommandMessages.saved(commands[1], CommandOutcome(), staff: [], .zhHans), "方案复评已记录。")
    }
}
