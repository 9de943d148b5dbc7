import Counseling
import Foundation
import Store
import Terminal
import XCTest
@testable import Workstation

/// The counselor's records behind the file (plan, guardian contact,
/// referral, closing), the second person's approval, the crisis handover,
/// the palette, the export and leaving a form — all through `update`.
final class RecordFormJourneyTests: XCTestCase {
    typealias F = WorkstationFixture

    /// A counselor with the file of the most urgent key-attention student open.
    private func counselorWithFile(_ edit: (inout StudentFile) -> Void = { _ in }) throws -> AppState {
        var s = try F.state("counselor", [.counselor, .admin])
        let first = try XCTUnwrap(s.queue.first)
        var file = try F.openFile(first.student.id)
        edit(&file)
        _ = Update.update(&s, .fileOpened(file))
        return s
    }

    private func form(_ s: AppState, file: StaticString = #filePath, line: UInt = #line) -> FormModal? {
        guard case .form(let f) = s.modal else { XCTFail("no form open: \(String(describing: s.modal))", file: file, line: line); return nil }
        return f
    }

    /// Replaces what field `i` holds, as a teacher clearing it and typing anew.
    private func set(_ s: inout AppState, _ i: Int, _ text: String) {
        guard case .form(var f) = s.modal else { return XCTFail("no form open") }
        f.form.fields[i].editor = LineEditor(text, limit: 500)
        s.modal = .form(f)
    }

    func testCounselorWritesASupportPlanThenReviewsIt() throws {
        var s = try counselorWithFile { $0.plans = [] }
        let student = try XCTUnwrap(s.file?.student.id)
        _ = F.press(&s, .character("R"))
        XCTAssertNil(s.modal, "no plan to review yet")
        XCTAssertEqual(s.message, S.noPlanYet.text(.en))
        _ = F.press(&s, .character("P"))
        guard case .plan(let planned, nil)? = form(s)?.purpose else { return XCTFail("no new-plan form") }
        XCTAssertEqual(planned, student)
        XCTAssertEqual(form(s)?.form.fields[3].editor.text, F.now.day.adding(days: 30).description)
        XCTAssertEqual(F.press(&s, .function(2)), [], "a plan needs goals and measures")
        XCTAssertNotNil(form(s)?.form.fields[0].error)
        XCTAssertNotNil(form(s)?.form.fields[1].error)
        _ = F.press(&s, .paste("恢复正常作息；按时到校"), .tab, .paste("每周面谈一次"), .tab, .paste("刘副校长"))
        set(&s, 3, "2026-11-01")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(form(s)?.form.fields[3].error, S.reviewInPast.text(.en))
        set(&s, 3, "2026-12-18")
        guard case .execute(.savePlan(let plan, nil)) = F.press(&s, .function(2)).first else { return XCTFail("plan not saved") }
        XCTAssertEqual(plan.goals, ["恢复正常作息", "按时到校"])
        XCTAssertEqual(plan.measures, ["每周面谈一次"])
        XCTAssertEqual(plan.responsibleLeader, "刘副校长")
        XCTAssertEqual(plan.reviewDate.description, "2026-12-18")
        XCTAssertEqual(plan.owner, StaffID("counselor"))

        // Saved, the plan is the file's; editing opens it filled in, and a
        // review adds a dated note and the next review date.
        s.modal = nil
        s.file?.plans = [plan]
        _ = F.press(&s, .character("P"))
        guard case .plan(_, let editing?)? = form(s)?.purpose else { return XCTFail("no edit form") }
        XCTAssertEqual(editing.id, plan.id)
        XCTAssertEqual(form(s)?.form.fields[0].editor.text, "恢复正常作息; 按时到校")
        s.modal = nil
        _ = F.press(&s, .character("R"))
        guard case .planReview(let reviewing)? = form(s)?.purpose else { return XCTFail("no review form") }
        XCTAssertEqual(reviewing.id, plan.id)
        XCTAssertEqual(F.press(&s, .function(2)), [], "a review needs its note")
        XCTAssertNotNil(form(s)?.form.fields[0].error)
        _ = F.press(&s, .paste("情绪明显好转，作息恢复"))
        guard case .execute(.savePlan(let reviewed, let base?)) = F.press(&s, .function(2)).first else { return XCTFail("review not saved") }
        XCTAssertEqual(base, plan, "a new version of the plan on screen")
        XCTAssertEqual(reviewed.id, plan.id)
        XCTAssertEqual(reviewed.reviews.map(\.note), ["情绪明显好转，作息恢复"])
        XCTAssertEqual(reviewed.reviews.first?.by, StaffID("counselor"))
        XCTAssertEqual(reviewed.reviewDate, F.now.day.adding(days: 30))
    }

    func testGuardianContactOfAKeyAttentionStudentStartsAsTheNotification() throws {
        var s = try counselorWithFile { $0.guardianContacts = [] }
        let file = try XCTUnwrap(s.file)
        let guardian = try XCTUnwrap(file.student.guardians.first)
        _ = F.press(&s, .character("g"))
        let opened = try XCTUnwrap(form(s))
        XCTAssertEqual(opened.form.fields[0].editor.text, guardian.name)
        XCTAssertEqual(opened.form.fields[2].editor.text, "1", "key attention and nobody told yet: a notification")
        XCTAssertEqual(opened.form.focus, 5, "the cursor waits in the note")
        XCTAssertTrue(opened.hint.contains(guardian.phone.description))
        set(&s, 3, "9")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertNotNil(form(s)?.form.fields[3].error, "no such method")
        set(&s, 3, "2")
        _ = F.press(&s, .paste("已电话告知母亲，同意配合就医"))
        guard case .execute(.recordGuardianContact(let contact)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(contact.student, file.student.id)
        XCTAssertEqual(contact.guardianName, guardian.name)
        XCTAssertEqual(contact.relation, guardian.relation)
        XCTAssertEqual(contact.purpose, .notification)
        XCTAssertEqual(contact.method, GuardianContact.Method.allCases[1])
        XCTAssertEqual(contact.note, "已电话告知母亲，同意配合就医")
        XCTAssertEqual(contact.by, StaffID("counselor"))
        XCTAssertEqual(contact.at, F.now)
    }

    func testReferralThenTheInstitutionsFeedback() throws {
        var s = try counselorWithFile { $0.referrals = [] }
        _ = F.press(&s, .character("F"))
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message, S.noOpenReferral.text(.en))
        _ = F.press(&s, .character("r"))
        XCTAssertEqual(F.press(&s, .function(2)), [], "an institution is needed")
        XCTAssertNotNil(form(s)?.form.fields[0].error)
        _ = F.press(&s, .paste("市精神卫生中心"))
        set(&s, 2, F.now.day.adding(days: 1).description)
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(form(s)?.form.fields[2].error, S.notInFuture.text(.en))
        set(&s, 1, "maybe")
        set(&s, 2, F.now.day.description)
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(form(s)?.form.fields[1].error, S.yesOrNo.text(.en))
        set(&s, 1, "是")
        guard case .execute(.recordReferral(let referral)) = F.press(&s, .function(2)).first else { return XCTFail("not saved") }
        XCTAssertEqual(referral.institution, "市精神卫生中心")
        XCTAssertTrue(referral.greenChannel)
        XCTAssertEqual(referral.referredOn, F.now.day)
        XCTAssertTrue(referral.awaitsFeedback)

        s.modal = nil
        s.file?.referrals = [referral]
        _ = F.press(&s, .character("F"))
        guard case .referralFeedback(let open)? = form(s)?.purpose else { return XCTFail("no feedback form") }
        XCTAssertEqual(open.id, referral.id)
        XCTAssertEqual(form(s)?.form.focus, 1)
        _ = F.press(&s, .paste("诊断为焦虑状态，建议门诊随访"))
        guard case .execute(.recordReferralFeedback(let answered, let base)) = F.press(&s, .function(2)).first else { return XCTFail("feedback not saved") }
        XCTAssertEqual(base, referral)
        XCTAssertEqual(answered.feedbackOn, F.now.day)
        XCTAssertEqual(answered.feedbackSummary, "诊断为焦虑状态，建议门诊随访")
        XCTAssertFalse(answered.awaitsFeedback)
    }

    func testClosingRequestNamesEveryProblemAtOnceAndGoesAheadWhenNoneIsLeft() throws {
        var s = try counselorWithFile { $0.plans = []; $0.followUps = [] }
        _ = F.press(&s, .character("C"))
        _ = F.press(&s, .paste("连续六周情绪稳定"))
        set(&s, 1, "3")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        let blocked = try XCTUnwrap(form(s))
        XCTAssertNotNil(blocked.form.fields[1].error, "level 3 is still key attention")
        XCTAssertEqual(blocked.problem, [CaseClosingProblem.noSupportPlan, .noFollowUp].map { $0.message.en }.joined(separator: "; "))

        // With a reviewed plan and the last follow-up done the request goes out.
        let student = try XCTUnwrap(s.file?.student.id)
        s.file?.plans = [SupportPlan(id: SupportPlanID("p"), student: student, goals: ["恢复作息"], measures: ["每周面谈"],
                                     owner: StaffID("counselor"), responsibleLeader: "刘副校长", reviewDate: F.now.day,
                                     createdAt: LocalDateTime(F.now.day.adding(days: -60), .midnight),
                                     reviews: [SupportPlan.Review(at: F.now, by: StaffID("counselor"), note: "风险解除")])]
        s.file?.followUps = [FollowUp(id: FollowUpID("f"), student: student, due: F.now.day, done: F.now,
                                      doneBy: StaffID("counselor"), note: "稳定")]
        s.modal = nil
        _ = F.press(&s, .character("C"))
        _ = F.press(&s, .paste("连续六周情绪稳定"))
        guard case .execute(.requestClosing(let closing)) = F.press(&s, .function(2)).first else { return XCTFail("\(String(describing: s.modal))") }
        XCTAssertEqual(closing.student, student)
        XCTAssertEqual(closing.author, StaffID("counselor"))
        XCTAssertEqual(closing.newLevel, .general)
        XCTAssertTrue(closing.isPending)

        // Once asked, it waits for the second person: asking again is refused.
        s.modal = nil
        s.pendingClosings = [closing]
        _ = F.press(&s, .character("C"))
        XCTAssertNil(s.modal)
        XCTAssertEqual(s.message, S.closingAlreadyAsked.text(.en))
        // …and the author is not offered their own request: A is no key here.
        XCTAssertNil(Command.find(.character("A"), in: s))
        _ = F.press(&s, .character("A"))
        XCTAssertNil(s.modal)
        XCTAssertNotEqual(s.message, S.noClosingToDecide.text(.en))
    }

    func testHeadOfGuidanceApprovesOrDeclinesWithAReason() throws {
        var s = try F.state("head", [.head])
        let student = s.students[3]
        let request = CaseClosing(id: CaseClosingID("c1"), student: student.id, author: StaffID("counselor"),
                                  requestedAt: F.now, reason: "连续六周情绪稳定", newLevel: .general)
        s.pendingClosings = [request]
        _ = F.press(&s, .character("A"))
        let decision = try XCTUnwrap(form(s))
        XCTAssertTrue(decision.title.contains(student.name))
        XCTAssertTrue(decision.hint.contains("李心怡"), "who asked, by name: \(decision.hint)")
        XCTAssertTrue(decision.hint.contains("连续六周情绪稳定"))
        XCTAssertEqual(F.press(&s, .function(2)), [], "nothing is decided for the approver: a quick F2 approves nothing")
        XCTAssertEqual(form(s)?.form.fields[0].error, S.oneOrTwo.en)
        set(&s, 0, "1")
        guard case .execute(.decideClosing(let approved)) = F.press(&s, .function(2)).first else { return XCTFail("not approved") }
        XCTAssertEqual(approved.approver, StaffID("head"))
        XCTAssertEqual(approved.approvedAt, F.now)

        s.modal = nil
        _ = F.press(&s, .character("A"))
        set(&s, 0, "2")
        XCTAssertEqual(F.press(&s, .function(2)), [], "declining needs a reason")
        XCTAssertEqual(form(s)?.form.fields[1].error, CaseClosingProblem.declineReasonMissing.message.en)
        set(&s, 1, "复诊结论未出，再观察两周")
        guard case .execute(.decideClosing(let declined)) = F.press(&s, .function(2)).first else { return XCTFail("not declined") }
        XCTAssertEqual(declined.declinedBy, StaffID("head"))
        XCTAssertEqual(declined.declineReason, "复诊结论未出，再观察两周")
        XCTAssertFalse(declined.isApproved)
        set(&s, 0, "3")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(form(s)?.form.fields[0].error, S.oneOrTwo.text(.en))
    }

    func testASecondCounselorIsAskedAboutTheOpenFileFirstThenAnyOtherRequest() throws {
        var s = try counselorWithFile()
        let open = try XCTUnwrap(s.file?.student)
        let other = try XCTUnwrap(s.students.first { $0.id != open.id })
        func request(_ id: String, _ student: StudentID) -> CaseClosing {
            CaseClosing(id: CaseClosingID(id), student: student, author: StaffID("counselor2"),
                        requestedAt: F.now, reason: "连续六周情绪稳定", newLevel: .general)
        }
        // The only request is about another student: the approver is asked
        // about it rather than told there is nothing, though a file is open.
        s.pendingClosings = [request("c-other", other.id)]
        _ = F.press(&s, .character("A"))
        XCTAssertTrue(try XCTUnwrap(form(s)).title.contains(other.name))
        guard case .closingDecision(let asked) = try XCTUnwrap(form(s)).purpose else { return XCTFail("not a decision") }
        XCTAssertEqual(asked.id, CaseClosingID("c-other"))

        // With a request about the open file too, that one comes first.
        s.modal = nil
        s.pendingClosings = [request("c-other", other.id), request("c-open", open.id)]
        _ = F.press(&s, .character("A"))
        guard case .closingDecision(let first) = try XCTUnwrap(form(s)).purpose else { return XCTFail("not a decision") }
        XCTAssertEqual(first.id, CaseClosingID("c-open"))
        XCTAssertTrue(try XCTUnwrap(form(s)).title.contains(open.name))
    }

    func testACounselorSeesAColleaguesClosingWaitingAboveTheQueueButNotTheirOwn() throws {
        var s = try F.state("counselor", [.counselor])
        let request = CaseClosing(id: CaseClosingID("c1"), student: s.students[3].id, author: StaffID("counselor2"),
                                  requestedAt: F.now, reason: "连续六周情绪稳定", newLevel: .general)
        s.pendingClosings = [request]
        XCTAssertTrue(F.screen(s).contains("closings to approve: 1 (press A)"))
        var own = request
        own.author = StaffID("counselor")
        s.pendingClosings = [own]
        XCTAssertFalse(F.screen(s).contains("to approve"), "one's own request is for someone else to decide")
    }

    func testTheExportFormSaysF2ExportsAndTheOthersThatF2Saves() throws {
        var s = try F.state("head", [.head])
        s.modal = .form(.exportCompliance(s))
        XCTAssertTrue(F.screen(s).contains("F2 export  Esc cancel"))
        XCTAssertFalse(F.screen(s).contains("F2 save"))
        s = try counselorWithFile()
        _ = F.press(&s, .character("g"))
        XCTAssertNotNil(form(s))
        XCTAssertTrue(F.screen(s).contains("F2 save  Esc cancel"))
    }

    func testDutyTeacherHandsTheCrisisRunToTheCounselorNotToThemself() throws {
        var s = try F.state("duty", [.duty])
        let student = try XCTUnwrap(s.selectedStudent)
        guard case .execute(.startCrisisRun(let run)) = F.press(&s, .function(7)).first else { return XCTFail("no run") }
        XCTAssertEqual(run.student, student.id, "a run is about the student selected")
        XCTAssertEqual(s.pane, .crisis)
        _ = F.press(&s, .character("h"))
        let handover = try XCTUnwrap(form(s))
        guard case .handover(_, let counselors) = handover.purpose else { return XCTFail() }
        XCTAssertEqual(counselors, [StaffID("counselor")])
        XCTAssertTrue(handover.hint.contains("1 李心怡"))
        _ = F.press(&s, .paste("学生在辅导室，情绪激动"))
        XCTAssertEqual(F.press(&s, .function(2)),
                       [.execute(.handOverCrisis(run.id, to: StaffID("counselor"), note: "学生在辅导室，情绪激动"))])

        // The demo's only counselor has nobody to hand over to.
        var c = try F.state("counselor", [.counselor, .admin])
        _ = F.press(&c, .function(7), .character("h"))
        XCTAssertEqual(form(c)?.hint, S.noCounselor.text(.en))
        XCTAssertEqual(F.press(&c, .function(2)), [])
        XCTAssertEqual(form(c)?.form.fields[0].error, S.noCounselor.text(.en))
    }

    func testPaletteOffersOnlyWhatThisAccountMayDoHereAndRunsIt() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character(":"))
        guard case .palette(let palette) = s.modal else { return XCTFail("no palette") }
        let offered = Set(palette.matches(s).map(\.id))
        XCTAssertTrue(offered.isSuperset(of: [.newVisit, .checkInOut, .find, .startCrisis]))
        XCTAssertTrue(offered.isDisjoint(with: [.newNote, .editNote, .changeLevel, .editPlan, .open, .exportCompliance, .decideClosing]))
        _ = F.type(&s, "visit")
        guard case .palette(let narrowed) = s.modal else { return XCTFail() }
        XCTAssertEqual(narrowed.matches(s).first?.id, .newVisit)
        // Nobody is checked in: the question first, `n` logs without.
        _ = F.press(&s, .enter, .character("n"))
        guard case .visit? = form(s)?.purpose else { return XCTFail("Enter did not run the command") }

        var c = try counselorWithFile()
        _ = F.press(&c, .character(":"))
        _ = F.type(&c, "方案")
        guard case .palette(let plans) = c.modal else { return XCTFail() }
        XCTAssertEqual(Set(plans.matches(c).map(\.id)), [.editPlan, .reviewPlan])
        _ = F.press(&c, .escape)
        XCTAssertNil(c.modal)
    }

    func testEscAsksBeforeThrowingAwayWhatWasTyped() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("n"), .character("n"))
        _ = F.press(&s, .escape)
        XCTAssertNil(s.modal, "nothing typed: Esc just closes")

        _ = F.press(&s, .character("n"), .character("n"), .tab, .tab)
        _ = F.press(&s, .paste("考试前焦虑"))
        _ = F.press(&s, .escape)
        guard case .confirmDiscard = s.modal else { return XCTFail("no question before discarding") }
        _ = F.press(&s, .character("n"))
        XCTAssertEqual(form(s)?.form.fields[2].editor.text, "考试前焦虑", "back in the form, text kept")
        _ = F.press(&s, .escape, .escape)
        if case .form = s.modal { } else { XCTFail("Esc on the question goes back to the form") }
        _ = F.press(&s, .escape, .character("y"))
        XCTAssertNil(s.modal)
        // Quitting from a form with text asks too, and `n` returns to it.
        _ = F.press(&s, .character("n"), .character("n"), .tab, .tab)
        _ = F.press(&s, .paste("x"))
        XCTAssertEqual(F.press(&s, .function(10)), [])
        guard case .confirmQuit = s.modal else { return XCTFail() }
        _ = F.press(&s, .character("n"))
        XCTAssertEqual(form(s)?.form.fields[2].editor.text, "x")
    }

    func testExportAsksForANewCsvNameUnderHome() throws {
        var s = try F.state("head", [.head])
        _ = F.press(&s, .function(8))
        XCTAssertEqual(form(s)?.form.fields[0].editor.text, "~/xindesk-compliance-2026-11-20.csv")
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        XCTAssertEqual(F.press(&s, .function(2)), [.exportCompliance(path: home + "/xindesk-compliance-2026-11-20.csv")])
        set(&s, 0, "/tmp/report.xlsx")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(form(s)?.form.fields[0].error, S.csvName.text(.en))
        // A failed write leaves the form open with the reason in it.
        _ = Update.update(&s, .failed("/tmp/report.csv already exists and was not replaced. Choose another name."))
        XCTAssertEqual(form(s)?.problem, "/tmp/report.csv already exists and was not replaced. Choose another name.")

        var d = try F.state("duty", [.duty])
        XCTAssertEqual(F.press(&d, .function(8), .character("X")), [])
        XCTAssertNil(d.modal, "a duty teacher has no compliance export")
    }

    func testDutyTeacherReachesNoClinicalFormByAnyKey() throws {
        var s = try F.state("duty", [.duty])
        // Even with a file somehow in the state, its keys do nothing.
        s.file = try F.openFile(s.students[0].id)
        for key: KeyEvent in [.character("P"), .character("R"), .character("g"), .character("r"), .character("F"),
                              .character("C"), .character("A"), .character("e"), .character("E"), .character("L"),
                              .character("p"), .character("f"), .function(3), .function(4), .function(6)] {
            XCTAssertEqual(F.press(&s, key), [], "\(key)")
            XCTAssertNil(s.modal, "\(key) opened \(String(describing: s.modal))")
        }
    }
}
