import Counseling
import XCTest

final class ListsTests: XCTestCase {
    let today = day(2026, 10, 20)

    /// A key-attention file with a plan, a guardian notification and the given
    /// follow-ups and last visit.
    func keyFile(_ number: String, _ name: String, level: WarningLevel, dueDays: [Int] = [],
                 lastVisitDaysAgo: Int? = nil, upcomingFollowUp: Bool = true) -> StudentFile {
        let pupil = student(number, name)
        let became = at(day(2026, 9, 1), 9, 0)
        var followUps = dueDays.enumerated().map { offset, daysAgo in
            FollowUp(id: FollowUpID("\(number)-f\(offset)"), student: pupil.id, due: today.adding(days: -daysAgo))
        }
        if upcomingFollowUp {
            followUps.append(FollowUp(id: FollowUpID("\(number)-next"), student: pupil.id, due: today.adding(days: 3)))
        }
        let visits = lastVisitDaysAgo.map { daysAgo in
            [Visit(id: VisitID("\(number)-v"), student: pupil.id, loggedBy: dutyTeacher, channel: .walkIn,
                   start: at(today.adding(days: -daysAgo), 12, 10), reasons: [.emotions], brief: "")]
        } ?? []
        return StudentFile(
            student: pupil,
            levelChanges: [levelChange("\(number)-l", pupil.id, .none, level, became)],
            plans: [SupportPlan(id: SupportPlanID("\(number)-p"), student: pupil.id, goals: ["稳定情绪"],
                                measures: ["每周面谈"], owner: counselor, responsibleLeader: "刘副校长",
                                reviewDate: today.adding(days: 10), createdAt: became)],
            visits: visits,
            guardianContacts: [GuardianContact(id: GuardianContactID("\(number)-g"), student: pupil.id,
                                               guardianName: "家长", relation: .mother, by: counselor,
                                               at: became.adding(minutes: 60), purpose: .notification,
                                               method: .phone, outcome: .reached)],
            followUps: followUps)
    }

    var school: [StudentFile] {
        [
            keyFile("06", "钱六", level: .severe, lastVisitDaysAgo: 5),
            keyFile("02", "李四", level: .severe, dueDays: [4, 2], lastVisitDaysAgo: 1),
            keyFile("05", "孙五", level: .severe, lastVisitDaysAgo: 20),
            keyFile("01", "张三", level: .major, lastVisitDaysAgo: 2),
            keyFile("04", "周七", level: .severe, dueDays: [3]),
            keyFile("03", "王五", level: .severe, dueDays: [10], lastVisitDaysAgo: 1),
            keyFile("07", "吴八", level: .general, dueDays: [30]),
        ]
    }

    func testKeyAttentionQueueOrdersByLevelThenOverdueFollowUpsThenDaysSinceContact() {
        let queue = KeyAttentionQueue.items(school, today: today)
        XCTAssertEqual(queue.map(\.student.name), ["张三", "李四", "王五", "周七", "孙五", "钱六"])
        XCTAssertEqual(queue.map(\.overdueFollowUps), [0, 2, 1, 1, 0, 0])
        XCTAssertEqual(queue.map(\.mostOverdueDays), [0, 4, 10, 3, 0, 0])
        XCTAssertEqual(queue.map(\.daysSinceLastContact), [2, 1, 1, nil, 20, 5])
        XCTAssertEqual(queue.first?.nextFollowUp, day(2026, 10, 23))
        // Each has plan, leader, notification and a next date; an overdue
        // follow-up is itself a lack.
        XCTAssertEqual(queue.map(\.missing), [[], [.overdueFollowUp], [.overdueFollowUp], [.overdueFollowUp], [], []])
    }

    func testReferralWithoutFeedbackIsMissingUntilTheFeedbackOrARefusalIsRecorded() throws {
        var file = keyFile("01", "张三", level: .severe)
        var referral = Referral(id: ReferralID("r-1"), student: file.student.id, institution: "市精神卫生中心",
                                referredOn: day(2026, 10, 10), greenChannel: true, by: StaffID("counselor"))
        file.referrals = [referral]
        XCTAssertEqual(file.missingRequirements(today: today), [.referralFeedback])
        XCTAssertEqual(KeyAttentionRequirement.referralFeedback.displayName.zh, "转介未收到反馈")
        file.referrals = [try referral.withFeedback(on: day(2026, 10, 20), summary: "门诊随访")]
        XCTAssertEqual(file.missingRequirements(today: today), [])
        referral.status = .declined
        file.referrals = [referral]
        XCTAssertEqual(file.missingRequirements(today: today), [])
    }

    func testKeyStudentMissingPlanFollowUpAndNotificationShowsWhatIsMissing() {
        let pupil = student("09", "郑九")
        let file = StudentFile(student: pupil, levelChanges: [
            levelChange("l-1", pupil.id, .none, .major, at(day(2026, 10, 19), 9, 0)),
        ])
        XCTAssertEqual(file.missingRequirements(today: today),
                       [.supportPlan, .responsibleLeader, .nextFollowUp, .guardianNotification])
        XCTAssertEqual(KeyAttentionRequirement.guardianNotification.displayName.zh, "未记录监护人知情")
    }

    func testGuardianNotificationBeforeTheStudentBecameKeyAttentionDoesNotCount() {
        var file = keyFile("01", "张三", level: .severe)
        file.guardianContacts[0].at = at(day(2026, 8, 20), 9, 0)
        XCTAssertEqual(file.missingRequirements(today: today), [.guardianNotification])
    }

    func testPlanFromAnEarlierClosedCaseDoesNotCountWhenTheStudentReturnsToKeyAttention() {
        var file = keyFile("01", "张三", level: .severe)
        let id = file.student.id
        file.levelChanges += [
            levelChange("l-close", id, .severe, .general, at(day(2026, 9, 20), 9, 0),
                        source: .caseClosing(CaseClosingID("c-1"))),
            levelChange("l-again", id, .general, .major, at(day(2026, 10, 19), 9, 0)),
        ]
        file.guardianContacts[0].at = at(day(2026, 10, 19), 10, 0)
        XCTAssertEqual(file.missingRequirements(today: today), [.supportPlan, .responsibleLeader])
    }

    func testOverduePlanReviewIsMissing() {
        var file = keyFile("01", "张三", level: .severe)
        file.plans[0].reviewDate = day(2026, 10, 1)
        XCTAssertEqual(file.missingRequirements(today: today), [.planReview])
    }

    func testNotSeenListsKeyStudentsNotSeenForNDaysNeverSeenFirst() {
        let list = Worklists.notSeen(in: 5, school, today: today)
        XCTAssertEqual(list.map(\.student.name), ["周七", "孙五", "钱六"])
        XCTAssertEqual(list.map(\.days), [nil, 20, 5])
        XCTAssertEqual(Worklists.notSeen(in: 14, school, today: today, minimumLevel: .general).map(\.student.name),
                       ["周七", "吴八", "孙五"])
    }

    func testOverdueFollowUpsAreListedOldestFirst() {
        let list = Worklists.overdueFollowUps(school, today: today)
        XCTAssertEqual(list.map(\.student.name), ["吴八", "王五", "李四", "周七", "李四"])
        XCTAssertEqual(list.map(\.daysOverdue), [30, 10, 4, 3, 2])
    }

    func testReferralsWithoutFeedbackAreListedLongestWaitingFirst() throws {
        var files = school
        let waiting = Referral(id: ReferralID("x-1"), student: files[0].student.id, institution: "市精神卫生中心",
                               referredOn: day(2026, 10, 1), greenChannel: true, by: counselor)
        let older = Referral(id: ReferralID("x-2"), student: files[1].student.id, institution: "市第三人民医院",
                             referredOn: day(2026, 9, 20), greenChannel: false, by: counselor, status: .attended)
        let answered = try Referral(id: ReferralID("x-3"), student: files[2].student.id, institution: "市精神卫生中心",
                                    referredOn: day(2026, 9, 1), greenChannel: true, by: counselor)
            .withFeedback(on: day(2026, 9, 8), summary: "门诊随访")
        files[0].referrals = [waiting]
        files[1].referrals = [older]
        files[2].referrals = [answered]
        let list = Worklists.referralsWithoutFeedback(files, today: today)
        XCTAssertEqual(list.map(\.referral.id), [ReferralID("x-2"), ReferralID("x-1")])
        XCTAssertEqual(list.map(\.daysWaiting), [30, 19])
    }

    func testLastContactCountsVisitsDoneAppointmentsAndFollowUpsButNotGuardianCalls() throws {
        var file = keyFile("01", "张三", level: .severe)
        XCTAssertNil(file.lastContact)
        let booked = Appointment(id: AppointmentID("a-1"), student: file.student.id, requestedBy: .student,
                                 channel: .inPerson, slot: span(day(2026, 10, 12), 16, 40, 17, 20),
                                 counselor: counselor, statusChangedAt: at(day(2026, 10, 10), 9, 0))
        file.appointments = [booked]
        XCTAssertNil(file.lastContact, "an appointment that has not taken place is no contact")
        file.appointments = [try booked.moved(to: .confirmed, at: at(day(2026, 10, 10), 10, 0))
            .moved(to: .done, at: at(day(2026, 10, 12), 17, 20))]
        XCTAssertEqual(file.lastContact, at(day(2026, 10, 12), 16, 40))
        file.followUps[0] = file.followUps[0].completed(at: at(day(2026, 10, 15), 12, 0), by: counselor, note: "")
        XCTAssertEqual(file.lastContact, at(day(2026, 10, 15), 12, 0))
    }
}
