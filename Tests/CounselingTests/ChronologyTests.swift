import Counseling
import XCTest

final class ChronologyTests: XCTestCase {
    let pupil = student("20250701", "张三")

    func fileWithTenEvents() -> StudentFile {
        let screened = ScreeningResult(id: ScreeningResultID("r-1"), student: pupil.id, instrument: "MHT",
                                       date: day(2026, 9, 10), scores: [], flag: .attention)
        let change = levelChange("l-1", pupil.id, .none, .severe, at(day(2026, 9, 11), 15, 0))
        let visit = Visit(id: VisitID("v-1"), student: pupil.id, loggedBy: dutyTeacher, channel: .walkIn,
                          start: at(day(2026, 9, 11), 12, 10), reasons: [.emotions], brief: "情绪低落")
        let note = CaseNote(id: CaseNoteID("n-1"), student: pupil.id, author: counselor,
                            at: at(day(2026, 9, 11), 16, 0), text: "首次面谈")
        let plan = SupportPlan(id: SupportPlanID("p-1"), student: pupil.id, goals: ["稳定情绪"], measures: ["每周面谈"],
                               owner: counselor, responsibleLeader: "刘副校长", reviewDate: day(2026, 10, 12),
                               createdAt: at(day(2026, 9, 12), 9, 0),
                               reviews: [SupportPlan.Review(at: at(day(2026, 10, 12), 9, 0), by: counselor, note: "好转")])
        let contact = GuardianContact(id: GuardianContactID("g-1"), student: pupil.id, guardianName: "张父",
                                      relation: .father, by: counselor, at: at(day(2026, 9, 11), 17, 0),
                                      purpose: .notification, method: .phone, outcome: .reached)
        let referral = Referral(id: ReferralID("x-1"), student: pupil.id, institution: "市精神卫生中心",
                                referredOn: day(2026, 9, 14), greenChannel: true, by: counselor,
                                status: .feedbackReceived, feedbackOn: day(2026, 9, 21), feedbackSummary: "门诊随访")
        let followUp = FollowUp(id: FollowUpID("f-1"), student: pupil.id, due: day(2026, 9, 18),
                                done: at(day(2026, 9, 18), 12, 15), doneBy: counselor)
        let notYet = FollowUp(id: FollowUpID("f-2"), student: pupil.id, due: day(2026, 10, 2))
        return StudentFile(student: pupil, levelChanges: [change], plans: [plan], visits: [visit], caseNotes: [note],
                           guardianContacts: [contact], referrals: [referral], followUps: [followUp, notYet],
                           screeningResults: [screened])
    }

    func testEveryEventOfTheFileAppearsOnceInTimeOrder() {
        let file = fileWithTenEvents()
        let entries = Chronology.entries(for: file)
        XCTAssertEqual(entries.map(\.kind), [
            .screening, .visit, .levelChange, .caseNote, .guardianContact, .supportPlan, .referral,
            .followUpDone, .referralFeedback, .planReview,
        ])
        XCTAssertEqual(entries.map(\.at), entries.map(\.at).sorted())
        XCTAssertEqual(entries.first?.timeKnown, false, "a screening is known by day only")
        XCTAssertEqual(entries[2].actor, counselor)
        XCTAssertEqual(entries.filter(\.holdsClinicalText).map(\.kind), [.visit, .caseNote])
    }

    func testEventsAtTheSameMomentKeepTheirNaturalOrder() {
        let moment = at(day(2026, 9, 11), 15, 0)
        let proposal = ScreeningProposal(id: ScreeningProposalID("sp-1"), student: pupil.id,
                                         result: ScreeningResultID("r-1"), suggestedLevel: .severe,
                                         raisedOn: day(2026, 9, 10), status: .confirmed, decidedBy: counselor,
                                         decidedAt: moment, decisionReason: "复核")
        let change = levelChange("l-1", pupil.id, .none, .severe, moment, source: .screening(proposal.id))
        let file = StudentFile(student: pupil, levelChanges: [change], screeningProposals: [proposal])
        XCTAssertEqual(Chronology.entries(for: file).map(\.kind), [.proposalDecided, .levelChange])
    }

    func testUndecidedProposalsAndOpenFollowUpsAreNotEventsYet() {
        let proposal = ScreeningProposal(id: ScreeningProposalID("sp-1"), student: pupil.id,
                                         result: ScreeningResultID("r-1"), suggestedLevel: .severe,
                                         raisedOn: day(2026, 9, 10))
        let file = StudentFile(student: pupil, followUps: [FollowUp(id: FollowUpID("f-1"), student: pupil.id,
                                                                     due: day(2026, 9, 20))],
                               screeningProposals: [proposal])
        XCTAssertEqual(Chronology.entries(for: file), [])
    }

    func testFileWithEveryKindOfRecordRoundTripsAndShowsEveryKindOfEvent() throws {
        var file = fileWithTenEvents()
        let proposal = ScreeningProposal(id: ScreeningProposalID("sp-1"), student: pupil.id,
                                         result: ScreeningResultID("r-1"), suggestedLevel: .severe,
                                         raisedOn: day(2026, 9, 10), status: .confirmed, decidedBy: counselor,
                                         decidedAt: at(day(2026, 9, 11), 15, 0), decisionReason: "复核")
        file.screeningProposals = [proposal]
        file.appointments = [Appointment(id: AppointmentID("a-1"), student: pupil.id, requestedBy: .teacher,
                                         channel: .online, slot: span(day(2026, 9, 16), 16, 40, 17, 20),
                                         counselor: counselor, statusChangedAt: at(day(2026, 9, 15), 9, 0))]
        var crisis = CrisisRun(id: CrisisRunID("cr-1"), student: pupil.id, startedBy: dutyTeacher,
                               startedAt: at(day(2026, 9, 11), 12, 20), checklist: .standard)
        try crisis.record("keep-safe", .done, by: dutyTeacher, at: at(day(2026, 9, 11), 12, 20))
        try crisis.handOver(to: counselor, by: dutyTeacher, at: at(day(2026, 9, 11), 12, 30), note: "学生情绪稳定下来")
        try crisis.take(by: counselor, at: at(day(2026, 9, 11), 12, 35))
        file.crisisRuns = [crisis]
        file.closings = [CaseClosing(id: CaseClosingID("c-1"), student: pupil.id, author: counselor,
                                     requestedAt: at(day(2026, 11, 2), 16, 0), reason: "风险解除", newLevel: .general,
                                     approver: head, approvedAt: at(day(2026, 11, 3), 9, 0))]
        file.student.enrolment = [EnrolmentEvent(change: .left(.leaveOfAbsence), on: day(2026, 11, 4), reason: "因病休学",
                                                 by: counselor, at: at(day(2026, 11, 4), 9, 0))]
        file.groupSessions = [GroupAttendance(id: GroupAttendanceID("ga-1"), session: GroupSessionID("gs-1"), student: pupil.id,
                                              start: at(day(2026, 10, 20), 15, 30), end: at(day(2026, 10, 20), 16, 20),
                                              facilitator: counselor, theme: "考前减压", participantCount: 6)]

        XCTAssertEqual(Set(Chronology.entries(for: file).map(\.kind)), Set(ChronologyEntry.Kind.allCases))
        XCTAssertEqual(try roundTrip(file).decoded, file)
    }

    func testChronologyRoundTripsThroughCodable() throws {
        let file = StudentFile(student: pupil, levelChanges: [
            levelChange("l-1", pupil.id, .none, .major, at(day(2026, 9, 11), 15, 0)),
        ])
        let entries = Chronology.entries(for: file)
        XCTAssertEqual(try roundTrip(entries).decoded, entries)
        XCTAssertEqual(try roundTrip(file).decoded, file)
    }
}
