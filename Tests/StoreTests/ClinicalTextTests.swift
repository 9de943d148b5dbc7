import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// The room's records stay readable to every account (the visit register,
/// the crisis pane), but what a person wrote in their own words in them is
/// sealed to the clinical tier: a duty teacher writes it and cannot read it
/// back; a counselor reads it.
final class ClinicalTextTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)
    private let pupil = StudentID("s1")
    private let brief = "想家，适应住校生活有困难"
    private let stepNote = "陪同在辅导室，没有独处"
    private let handoverNote = "学生情绪仍激动，说不想活了"
    private let appointmentNote = "班主任说最近常一个人发呆"
    private let appointmentPurpose = "和父母吵架后不想回家"

    /// A duty teacher's visit, appointment and crisis run (one step, then a hand-over) about s1.
    private func store() throws -> Store {
        let store = try Fixture.store(students: [Fixture.student(1)], at: now)
        try store.execute(.logVisit(Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: now,
                                          reasons: [.family], brief: brief)), as: .duty, at: now)
        let slot = TimeSpan(start: now.adding(minutes: 60), end: now.adding(minutes: 90))
        try store.execute(.bookAppointment(Appointment(id: AppointmentID("a1"), student: pupil, requestedBy: .teacher, channel: .inPerson,
                                                       slot: slot, counselor: Fixture.counselor, purpose: appointmentPurpose,
                                                       note: appointmentNote, statusChangedAt: now), outsideHoursConfirmed: true),
                          as: .duty, at: now)
        try store.execute(.startCrisisRun(CrisisRun(id: CrisisRunID("r1"), student: pupil, startedBy: Fixture.duty, startedAt: now,
                                                    checklist: .standard)), as: .duty, at: now)
        try store.execute(.recordCrisisStep(CrisisRunID("r1"), step: "keep-safe", outcome: .done, note: stepNote), as: .duty, at: now)
        try store.execute(.handOverCrisis(CrisisRunID("r1"), to: Fixture.counselor, note: handoverNote), as: .duty, at: now)
        return store
    }

    func testTheStoredRowsHoldNoneOfTheTextButTheRestOfTheRoomRecord() throws {
        let rows = try store().rawRows("records")
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            let body: String = row["body"]
            for text in [brief, stepNote, handoverNote, appointmentNote, appointmentPurpose] { XCTAssertFalse(body.contains(text), "\(row["kind"] as String)") }
            XCTAssertEqual(row["student"] as String, "s1", "a room record says whom it is about")
            XCTAssertTrue(body.contains("\u{E000}x1:"), "the text is there, sealed")
        }
        let visit = try XCTUnwrap(rows.first { $0["kind"] == "visit" })
        XCTAssertTrue((visit["body"] as String).contains("\"family\""), "the register's reasons stay readable")
    }

    func testACounselorReadsTheTextBackAndOthersSeeItWithheld() throws {
        let counselor = try store()
        let run = try XCTUnwrap(try counselor.record(CrisisRun.self, id: CrisisRunID("r1")))
        XCTAssertEqual(run.records.map(\.note), [stepNote])
        XCTAssertEqual(run.handover?.note, handoverNote)
        XCTAssertEqual(try counselor.records(Visit.self, of: pupil).map(\.brief), [brief])
        XCTAssertEqual(try counselor.records(Appointment.self, of: pupil).map(\.note), [appointmentNote])
        XCTAssertEqual(try counselor.records(Appointment.self, of: pupil).map(\.purpose), [appointmentPurpose])
        XCTAssertEqual(try counselor.handoversAwaitingCounselor().map { $0.handover?.note }, [handoverNote])

        for session in [try counselor.dutySession(), try counselor.headSession()] {
            let seen = try XCTUnwrap(try session.record(CrisisRun.self, id: CrisisRunID("r1")), "the run itself is the room's")
            XCTAssertEqual(seen.records.map(\.stepID), ["keep-safe"])
            XCTAssertEqual(seen.records.map { SealedText.visibility($0.note) }, [.withheld])
            XCTAssertEqual(seen.handover.map { SealedText.visibility($0.note) }, .withheld)
            XCTAssertEqual(try session.records(Visit.self, of: pupil).map { SealedText.visibility($0.brief) }, [.withheld])
            XCTAssertEqual(try session.records(Appointment.self, of: pupil).map { SealedText.visibility($0.note) }, [.withheld])
            XCTAssertEqual(try session.records(Appointment.self, of: pupil).map { SealedText.visibility($0.purpose) }, [.withheld])
        }
    }

    /// A duty teacher carries on with a run whose notes it cannot read: the
    /// sealed notes are written on unchanged, and the counselor still reads them.
    func testADutyTeacherCarriesOnARunWithoutOpeningItsNotes() throws {
        let counselor = try store()
        try counselor.writer.write { db in
            try db.execute(sql: "DELETE FROM records WHERE kind = 'crisis'")
        }
        let duty = try counselor.dutySession()
        try duty.execute(.startCrisisRun(CrisisRun(id: CrisisRunID("r2"), student: pupil, startedBy: Fixture.duty, startedAt: now,
                                                   checklist: .standard)), as: .duty, at: now)
        try duty.execute(.recordCrisisStep(CrisisRunID("r2"), step: "keep-safe", outcome: .done, note: stepNote), as: .duty, at: now)
        try duty.execute(.recordCrisisStep(CrisisRunID("r2"), step: "tell-crisis-team", outcome: .done, note: "已电话告知组长"),
                         as: .duty, at: now.adding(minutes: 2))
        let run = try XCTUnwrap(try counselor.record(CrisisRun.self, id: CrisisRunID("r2")))
        XCTAssertEqual(run.records.map(\.note), [stepNote, "已电话告知组长"])
        XCTAssertEqual(try counselor.revisions(of: CrisisRun.self, id: CrisisRunID("r2")).map { $0.value.records.map(\.note) },
                       [[], [stepNote]], "earlier versions keep their own sealed notes")
    }

    func testAHeadsReasonForDecliningIsForCounselors() throws {
        let store = try Fixture.store(at: now)
        let followUp = FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day)
        try store.execute(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .severe, at: now), followUp: followUp),
                          as: .counselor, at: now)
        try store.execute(.savePlan(Fixture.plan("p1", pupil, at: now, reviewed: true), basedOn: nil), as: .counselor, at: now)
        try store.execute(.completeFollowUp(followUp.completed(at: now, by: Fixture.counselor, note: "情绪稳定"), basedOn: followUp),
                          as: .counselor, at: now)
        let request = CaseClosing(id: CaseClosingID("c1"), student: pupil, author: Fixture.counselor, requestedAt: now,
                                  reason: "连续六周情绪稳定", newLevel: .general)
        try store.execute(.requestClosing(request), as: .counselor, at: now)

        let head = try store.headSession()
        let pending = try XCTUnwrap(try head.openRecords(CaseClosing.self).first)
        XCTAssertEqual(SealedText.visibility(pending.reason), .withheld)
        try head.execute(.decideClosing(try pending.declined(by: Fixture.head, at: now, reason: "复诊结论未出")), as: .head, at: now)
        let declined = try XCTUnwrap(try head.record(CaseClosing.self, id: request.id))
        XCTAssertEqual(declined.declinedBy, Fixture.head)
        XCTAssertEqual(declined.declineReason.map(SealedText.visibility), .withheld, "the head wrote it and cannot read it back")
        let read = try XCTUnwrap(try store.record(CaseClosing.self, id: request.id))
        XCTAssertEqual(read.declineReason, "复诊结论未出")
        XCTAssertEqual(read.reason, "连续六周情绪稳定", "the request's reason went through the head's session unopened")
        XCTAssertEqual(try store.records(FollowUp.self, of: pupil).map(\.note), ["情绪稳定"])
        XCTAssertEqual(try head.records(FollowUp.self, of: pupil).map { SealedText.visibility($0.note) }, [.withheld])
    }
}
