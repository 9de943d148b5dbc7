import Counseling
import XCTest

final class FollowUpAndPlanTests: XCTestCase {
    let pupil = StudentID("student-1")

    func testDefaultIntervalsAreWeeklyForMajorAndFortnightlyForSevere() {
        let intervals = FollowUpIntervals.standard
        XCTAssertEqual(intervals.nextDue(after: day(2026, 9, 15), level: .major), day(2026, 9, 22))
        XCTAssertEqual(intervals.nextDue(after: day(2026, 9, 15), level: .severe), day(2026, 9, 29))
        XCTAssertNil(intervals.nextDue(after: day(2026, 9, 15), level: .general))
        XCTAssertNil(intervals.nextDue(after: day(2026, 9, 15), level: .none))
    }

    func testSchoolCanSetItsOwnIntervals() {
        let intervals = FollowUpIntervals(generalDays: 30, severeDays: 10, majorDays: 3)
        XCTAssertEqual(intervals.nextDue(after: day(2026, 9, 15), level: .major), day(2026, 9, 18))
        XCTAssertEqual(intervals.nextDue(after: day(2026, 9, 15), level: .general), day(2026, 10, 15))
        XCTAssertEqual(FollowUpIntervals(majorDays: 0).validate(), [.outOfRange(.followUpInterval, lowest: 1, highest: 365)])
    }

    func testFollowUpDueTodayIsNotOverdueYet() {
        let followUp = FollowUp(id: FollowUpID("f-1"), student: pupil, due: day(2026, 9, 22))
        XCTAssertFalse(followUp.isOverdue(today: day(2026, 9, 22)))
        XCTAssertTrue(followUp.isOverdue(today: day(2026, 9, 23)))
        XCTAssertEqual(followUp.daysOverdue(today: day(2026, 9, 25)), 3)
        let done = followUp.completed(at: at(day(2026, 9, 24), 12, 10), by: counselor, note: "情绪平稳")
        XCTAssertFalse(done.isOverdue(today: day(2026, 9, 25)))
        XCTAssertEqual(done.validate(), [])
    }

    func testFollowUpDoneNeedsWhoDidIt() {
        let followUp = FollowUp(id: FollowUpID("f-1"), student: pupil, due: day(2026, 9, 22),
                                done: at(day(2026, 9, 22), 12, 0))
        XCTAssertEqual(followUp.validate(), [.empty(.doneBy)])
    }

    func plan(leader: String = "刘副校长", goals: [String] = ["恢复正常作息"]) -> SupportPlan {
        SupportPlan(id: SupportPlanID("p-1"), student: pupil, goals: goals, measures: ["每周面谈一次", "班主任每日关注"],
                    owner: counselor, responsibleLeader: leader, reviewDate: day(2026, 10, 15),
                    createdAt: at(day(2026, 9, 15), 16, 0))
    }

    func testSupportPlanNeedsGoalsMeasuresAndAResponsibleLeader() {
        XCTAssertEqual(plan().validate(), [])
        XCTAssertEqual(plan(leader: " ", goals: [""]).validate(), [.empty(.goals), .empty(.responsibleLeader)])
    }

    func testPlanReviewIsOverdueOnlyAfterTheReviewDateWithoutAReview() {
        var record = plan()
        XCTAssertFalse(record.isReviewOverdue(today: day(2026, 10, 15)))
        XCTAssertTrue(record.isReviewOverdue(today: day(2026, 10, 16)))
        record.reviews.append(SupportPlan.Review(at: at(day(2026, 10, 15), 16, 0), by: counselor, note: "目标达成一半"))
        XCTAssertFalse(record.isReviewOverdue(today: day(2026, 10, 16)))
    }

    func testReferralFeedbackNeedsDateAndSummary() throws {
        let referral = Referral(id: ReferralID("r-1"), student: pupil, institution: "市精神卫生中心",
                                referredOn: day(2026, 9, 16), greenChannel: true, by: counselor)
        XCTAssertTrue(referral.awaitsFeedback)
        XCTAssertThrowsError(try referral.withFeedback(on: day(2026, 9, 10), summary: "门诊随访")) {
            XCTAssertEqual($0 as? ValidationError, .endNotAfterStart(.feedbackDate))
        }
        XCTAssertThrowsError(try referral.withFeedback(on: day(2026, 9, 20), summary: "")) {
            XCTAssertEqual($0 as? ValidationError, .empty(.feedbackSummary))
        }
        let answered = try referral.withFeedback(on: day(2026, 9, 20), summary: "已就诊，建议门诊随访")
        XCTAssertEqual(answered.status, .feedbackReceived)
        XCTAssertFalse(answered.awaitsFeedback)
    }

    func testDeclinedReferralAwaitsNoFeedback() {
        var referral = Referral(id: ReferralID("r-1"), student: pupil, institution: "市精神卫生中心",
                                referredOn: day(2026, 9, 16), greenChannel: false, by: counselor)
        referral.status = .declined
        XCTAssertFalse(referral.awaitsFeedback)
    }

    func testGuardianNotificationCountsOnlyWhenTheGuardianWasReached() {
        var contact = GuardianContact(id: GuardianContactID("g-1"), student: pupil, guardianName: "张父",
                                      relation: .father, by: counselor, at: at(day(2026, 9, 15), 17, 0),
                                      purpose: .notification, method: .phone, outcome: .notReached)
        XCTAssertFalse(contact.isCompletedNotification)
        contact.outcome = .reached
        XCTAssertTrue(contact.isCompletedNotification)
        contact.purpose = .routine
        XCTAssertFalse(contact.isCompletedNotification)
        XCTAssertEqual(contact.validate(), [])
        XCTAssertEqual(try GuardianContact.Method.parse("微信"), .message)
    }

    func testCaseNoteMayHoldLineBreaksButNoEscapes() {
        let note = CaseNote(id: CaseNoteID("n-1"), student: pupil, author: counselor,
                            at: at(day(2026, 9, 15), 16, 0), text: "第一段\n第二段")
        XCTAssertEqual(note.validate(), [])
        var bad = note
        bad.text = "\u{1B}[2J"
        XCTAssertEqual(bad.validate(), [.controlCharacters(.note)])
    }
}
