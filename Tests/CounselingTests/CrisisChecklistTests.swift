import Counseling
import XCTest

final class CrisisChecklistTests: XCTestCase {
    let started = at(day(2026, 9, 15), 12, 20)

    func newRun(_ checklist: CrisisChecklist = .standard) -> CrisisRun {
        CrisisRun(id: CrisisRunID("cr-1"), student: StudentID("student-1"), startedBy: dutyTeacher,
                  startedAt: started, checklist: checklist)
    }

    func testDefaultChecklistHasTheNineStepsOfTheProtocolAndTheNationalHotlines() {
        let checklist = CrisisChecklist.standard
        XCTAssertEqual(checklist.steps.map(\.id), [
            "keep-safe", "tell-crisis-team", "assess-level", "tell-guardian", "emergency", "refer",
            "report-authority", "write-record", "follow-up",
        ])
        XCTAssertEqual(checklist.steps.first?.title.zh, "确保学生安全，不让学生独处")
        XCTAssertEqual(checklist.hotlines.map(\.number), ["12356", "12355", "12338", "12320"])
        XCTAssertEqual(Hotline.emergency.map(\.number), ["120", "110"])
        XCTAssertEqual(checklist.validate(), [])
    }

    func testRunRecordsWhoDidEachStepWhenWithANote() throws {
        var crisis = newRun()
        try crisis.record("keep-safe", .done, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 20), note: "陪同在辅导室")
        try crisis.record("tell-crisis-team", .done, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 24))
        let record = try XCTUnwrap(crisis.stepRecord(for: "keep-safe"))
        XCTAssertEqual(record.by, dutyTeacher)
        XCTAssertEqual(record.outcome, .done)
        XCTAssertEqual(record.note, "陪同在辅导室")
        XCTAssertEqual(crisis.pendingSteps.count, 7)
        XCTAssertEqual(crisis.pendingSteps.first?.id, "assess-level")
        XCTAssertFalse(crisis.isComplete)
    }

    func testSkippingAStepNeedsANote() throws {
        var crisis = newRun()
        XCTAssertThrowsError(try crisis.record("emergency", .skipped, by: counselor, at: started)) {
            XCTAssertEqual($0 as? CrisisRunError, .skipWithoutNote)
            XCTAssertEqual(($0 as? CrisisRunError)?.message.en, "Skipping a step needs a note saying why")
        }
        try crisis.record("emergency", .skipped, by: counselor, at: started, note: "评估为一般，非重大危机")
        XCTAssertEqual(crisis.stepRecord(for: "emergency")?.outcome, .skipped)
    }

    func testEachStepIsRecordedOnceAndOnlyForStepsOfTheChecklist() throws {
        var crisis = newRun()
        try crisis.record("keep-safe", .done, by: dutyTeacher, at: started)
        XCTAssertThrowsError(try crisis.record("keep-safe", .done, by: counselor, at: started)) {
            XCTAssertEqual($0 as? CrisisRunError, .alreadyRecorded)
        }
        XCTAssertThrowsError(try crisis.record("no-such-step", .done, by: counselor, at: started)) {
            XCTAssertEqual($0 as? CrisisRunError, .unknownStep)
        }
        XCTAssertThrowsError(try crisis.record("refer", .done, by: counselor, at: at(day(2026, 9, 15), 12, 0))) {
            XCTAssertEqual($0 as? CrisisRunError, .beforeStart)
        }
    }

    func testRunCompletesWhenEveryStepIsDoneOrSkipped() throws {
        var crisis = newRun()
        for (offset, step) in CrisisChecklist.standard.steps.enumerated() {
            try crisis.record(step.id, offset == 4 ? .skipped : .done, by: counselor,
                              at: started.adding(minutes: offset), note: offset == 4 ? "非重大" : "")
        }
        XCTAssertTrue(crisis.isComplete)
        XCTAssertEqual(try roundTrip(crisis).decoded, crisis)
    }

    func testSchoolEditsItsChecklistAndRegionalHotlinesWithoutChangingPastRuns() throws {
        let past = newRun()
        var edited = CrisisChecklist.standard
        edited.region = "内蒙古自治区"
        edited.steps.insert(CrisisChecklist.Step(id: "tell-head-teacher", title: LocalizedText(
            zh: "通知班主任", en: "Tell the head teacher")), at: 2)
        edited.hotlines.append(Hotline(number: "0471-5550000", name: LocalizedText(zh: "市心理援助热线", en: "city help line")))
        XCTAssertEqual(edited.validate(), [])
        XCTAssertEqual(past.checklist.steps.count, 9, "a run keeps the checklist it started with")
        XCTAssertEqual(newRun(edited).pendingSteps.count, 10)
    }

    func testChecklistWithDuplicateStepsOrBadHotlineIsRejected() {
        var edited = CrisisChecklist.standard
        edited.steps.append(edited.steps[0])
        edited.hotlines.append(Hotline(number: "call me", name: LocalizedText(zh: "无效", en: "invalid")))
        XCTAssertEqual(edited.validate(), [.duplicate(.stepTitle), .invalidPhone(.hotline)])
    }

    func testHandOverToAnotherCounselorOnceKeepingTheStepsSoFar() throws {
        var crisis = newRun()
        try crisis.record("keep-safe", .done, by: dutyTeacher, at: started)
        XCTAssertThrowsError(try crisis.handOver(to: dutyTeacher, by: dutyTeacher, at: started, note: "")) {
            XCTAssertEqual($0 as? CrisisRunError, .handoverToSelf)
        }
        XCTAssertThrowsError(try crisis.handOver(to: counselor, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 0), note: "")) {
            XCTAssertEqual($0 as? CrisisRunError, .beforeStart)
        }
        try crisis.handOver(to: counselor, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 30), note: "学生在辅导室，由李老师接手")
        XCTAssertEqual(crisis.handover?.to, counselor)
        XCTAssertEqual(crisis.handover?.by, dutyTeacher)
        XCTAssertEqual(crisis.handover?.note, "学生在辅导室，由李老师接手")
        XCTAssertEqual(crisis.stepRecord(for: "keep-safe")?.by, dutyTeacher)
        XCTAssertThrowsError(try crisis.handOver(to: secondCounselor, by: dutyTeacher, at: at(day(2026, 9, 15), 12, 40), note: "")) {
            XCTAssertEqual($0 as? CrisisRunError, .alreadyHandedOver)
        }
    }
}
