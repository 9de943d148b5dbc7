import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// `Store.execute` is the one way in: the account's roles decide what it
/// may do, records are made in the account's own name, the domain's rules
/// are checked there, and a refused command writes nothing (no record, no
/// audit entry).
final class WriteBoundaryTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 11, 2), 10)
    private let pupil = StudentID("s1")

    private func note(_ id: String = "n1", by author: StaffID = Fixture.counselor, text: String = "谈到考试压力") -> CaseNote {
        CaseNote(id: CaseNoteID(id), student: pupil, author: author, at: now, text: text)
    }

    private func raise(_ id: String = "l1", reason: String = "评估后列入", followUp: FollowUp? = nil) throws -> StoreCommand {
        .changeLevel(LevelChange(id: LevelChangeID(id), student: pupil, from: .none, to: .severe, by: Fixture.counselor, at: now,
                                 reason: reason, source: .assessment),
                     followUp: followUp ?? FollowUp(id: FollowUpID("f-" + id), student: pupil, due: now.day.adding(days: 7)))
    }

    private func assertRefused(_ store: Store, _ command: StoreCommand, as account: Account, _ expected: StoreError,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(command, as: account, at: now), file: file, line: line) {
            XCTAssertEqual($0 as? StoreError, expected, "\($0)", file: file, line: line)
        }
        XCTAssertEqual(try store.snapshot(), before, "nothing written", file: file, line: line)
    }

    // MARK: - permissions

    func testADutyTeacherCannotWriteTheFileOrImportAndNothingIsWritten() throws {
        let store = try Fixture.store()
        let commands: [(StoreCommand, Action)] = [
            (.writeNote(note(by: Fixture.duty)), .writeCaseNote),
            (try raise(), .changeWarningLevel),
            (.savePlan(Fixture.plan("p1", pupil, owner: Fixture.duty, at: now), basedOn: nil), .editSupportPlan),
            (.importStudents([Fixture.student(2, name: "李四")]), .importStudents),
        ]
        for (command, action) in commands {
            try assertRefused(store, command, as: .duty, .notAllowed(action))
        }
        XCTAssertEqual(try store.auditActions(), ["student.import"], "only the fixture's own import")
        XCTAssertEqual(try store.studentCount(), 1)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).caseNotes, [])
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).level, WarningLevel.none)
        // The same commands in a counselor's name are fine: it was the role.
        try store.execute(.writeNote(note()), as: .counselor, at: now)
        try store.execute(try raise(), as: .counselor, at: now)
        try store.execute(.savePlan(Fixture.plan("p1", pupil, at: now), basedOn: nil), as: .counselor, at: now)
        XCTAssertEqual(try store.auditActions(), ["student.import", "note.add", "level.change", "followup.add", "plan.add"])
    }

    func testTheHeadOfGuidanceWritesNoNoteAndOpensNoFile() throws {
        let store = try Fixture.store()
        try assertRefused(store, .writeNote(note(by: Fixture.head)), as: .head, .notAllowed(.writeCaseNote))
        try assertRefused(store, try raise(), as: .head, .notAllowed(.changeWarningLevel))
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.openFile(pupil, as: .head, at: now)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.readStudentArchive))
        }
        XCTAssertThrowsError(try store.openFile(pupil, as: .duty, at: now)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.readStudentArchive))
        }
        XCTAssertThrowsError(try store.reloadFile(pupil, as: .duty))
        XCTAssertEqual(try store.snapshot(), before, "a refused view is not audited as a view")
    }

    func testOnlyAnAdministratorImportsStudents() throws {
        let store = try Fixture.store()
        let newcomer = Fixture.student(2, name: "李四")
        try assertRefused(store, .importStudents([newcomer]), as: .counselor, .notAllowed(.importStudents))
        try assertRefused(store, .importStudents([newcomer]), as: .head, .notAllowed(.importStudents))
        let outcome = try store.execute(.importStudents([newcomer]), as: .counselorAdmin, at: now)
        XCTAssertEqual(outcome.added, 1)
        XCTAssertEqual(try store.studentCount(), 2)
        XCTAssertEqual(try store.auditEntries().last?.actor, "counselor-admin")
    }

    // MARK: - one's own name

    func testANoteInAnotherAccountsNameIsRefused() throws {
        let store = try Fixture.store()
        try assertRefused(store, .writeNote(note(by: Fixture.counselor2)), as: .counselor, .notYours)
        try assertRefused(store, .logVisit(Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.counselor, channel: .walkIn,
                                                 start: now, reasons: [.study], brief: "")),
                          as: .duty, .notYours)
    }

    func testAColleaguesNoteIsNotEditedButAddedTo() throws {
        let store = try Fixture.store()
        let original = note()
        try store.execute(.writeNote(original), as: .counselor, at: now)
        var rewritten = original
        rewritten.text = "改写同事的记录"
        try assertRefused(store, .editNote(rewritten, basedOn: original), as: .counselor2, .notYours)
        var claimed = rewritten
        claimed.author = Fixture.counselor2
        try assertRefused(store, .editNote(claimed, basedOn: original), as: .counselor2, .notYours)
        XCTAssertEqual(try store.record(CaseNote.self, id: original.id), original)
        XCTAssertEqual(try store.revisionCount(), 0)
        // The colleague writes a note of their own beside it.
        try store.execute(.writeNote(note("n2", by: Fixture.counselor2, text: "补充")), as: .counselor2, at: now)
        XCTAssertEqual(try store.reloadFile(pupil, as: .counselor).caseNotes.map(\.author), [Fixture.counselor, Fixture.counselor2])
    }

    // MARK: - the domain's rules, at the store

    func testALevelChangeWithoutAReasonIsRefused() throws {
        let store = try Fixture.store()
        for blank in ["", "   ", "\n\t"] {
            let before = try store.snapshot()
            XCTAssertThrowsError(try store.execute(try raise(reason: blank), as: .counselor, at: now)) {
                XCTAssertEqual($0 as? LevelChangeError, .reasonMissing, "reason \(blank.debugDescription)")
            }
            XCTAssertEqual(try store.snapshot(), before)
        }
        XCTAssertThrowsError(try store.execute(try raise(reason: "评估\u{1B}[2J"), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? LevelChangeError, .invalidReason(.controlCharacters(.reason)))
        }
        XCTAssertThrowsError(try store.execute(.changeLevel(LevelChange(id: LevelChangeID("l0"), student: pupil, from: .none, to: .none,
                                                                        by: Fixture.counselor, at: now, reason: "复评",
                                                                        source: .assessment),
                                                            followUp: FollowUp(id: FollowUpID("f0"), student: pupil, due: now.day)),
                                               as: .counselor, at: now)) {
            XCTAssertEqual($0 as? LevelChangeError, .unchanged)
        }
        XCTAssertEqual(try store.listedLevel(pupil), WarningLevel.none)
        XCTAssertEqual(try store.records(LevelChange.self, of: pupil), [])
        XCTAssertEqual(try store.records(FollowUp.self, of: pupil), [])
        // A reason says something: "3" (typed into the wrong field), one
        // character or a short word is refused here, whatever the screen did.
        for short in ["3", "测", "ok", "3 3 3", "!!!", "测 1"] {
            let before = try store.snapshot()
            XCTAssertThrowsError(try store.execute(try raise(reason: short), as: .counselor, at: now)) {
                XCTAssertEqual($0 as? LevelChangeError, .invalidReason(.tooShort(.reason)), "reason \(short.debugDescription)")
            }
            XCTAssertEqual(try store.snapshot(), before, "nothing written for \(short.debugDescription)")
        }
        try store.execute(try raise(reason: "好转"), as: .counselor, at: now)
        XCTAssertEqual(try store.records(LevelChange.self, of: pupil).map(\.reason), ["好转"])
    }

    /// The same minimum for the other reasons a colleague acts on: a
    /// closing request and a screening dismissal.
    func testAClosingOrADismissalWithAOneCharacterReasonIsRefused() throws {
        let store = try Fixture.store()
        try store.execute(try raise(), as: .counselor, at: now)
        let closing = CaseClosing(id: CaseClosingID("c1"), student: pupil, author: Fixture.counselor, requestedAt: now,
                                  reason: "3", newLevel: .general)
        XCTAssertThrowsError(try store.execute(.requestClosing(closing), as: .counselor, at: now)) {
            XCTAssertTrue(($0 as? CaseClosingRejection)?.problems.contains(.invalidReason(.tooShort(.reason))) ?? false, "\($0)")
        }
        XCTAssertEqual(try store.records(CaseClosing.self, of: pupil), [])
        let proposal = ScreeningProposal(id: ScreeningProposalID("p1"), student: pupil, result: ScreeningResultID("r1"),
                                         suggestedLevel: .severe, raisedOn: now.day)
        XCTAssertThrowsError(try proposal.dismiss(by: Fixture.counselor, at: now, reason: "3")) {
            XCTAssertEqual($0 as? ScreeningDecisionError, .invalidReason(.tooShort(.reason)))
        }
    }

    /// A key-attention student leaves the list only through an approved
    /// closing: `.changeLevel` is an assessment, and refused downwards.
    func testAKeyAttentionLevelIsNotLoweredByAnAssessment() throws {
        let store = try Fixture.store()
        try store.execute(try raise(), as: .counselor, at: now)
        let lower = LevelChange(id: LevelChangeID("l2"), student: pupil, from: .severe, to: .general, by: Fixture.counselor, at: now,
                                reason: "好转", source: .caseClosing(CaseClosingID("c-made-up")))
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.changeLevel(lower, followUp: FollowUp(id: FollowUpID("f2"), student: pupil,
                                                                                       due: now.day.adding(days: 7))),
                                               as: .counselor, at: now)) {
            XCTAssertEqual($0 as? LevelChangeError, .closingRequired)
        }
        XCTAssertEqual(try store.snapshot(), before)
        XCTAssertEqual(try store.listedLevel(pupil), .severe)
    }

    func testAVisitWithNoReasonIsRefused() throws {
        let store = try Fixture.store()
        try assertRefused(store, .logVisit(Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn,
                                                 start: now, reasons: [], brief: "来坐了一会儿")),
                          as: .duty, .invalid([.empty(.reason)]))
        try assertRefused(store, .logVisit(Visit(id: VisitID("v1"), student: StudentID("nobody"), loggedBy: Fixture.duty,
                                                 channel: .walkIn, start: now, reasons: [.study], brief: "")),
                          as: .duty, .unknownStudent(StudentID("nobody")))
        XCTAssertEqual(try store.records(Visit.self, of: pupil), [])
    }

    // MARK: - the audit log

    /// Every command writes its own typed entries, in the acting account's
    /// name, about the student it concerns; a refused one writes none.
    func testEveryCommandWritesExactlyItsAuditActions() throws {
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")], at: Fixture.termStart)
        let s2 = StudentID("s2"), s3 = StudentID("s3")
        var covered = Set<AuditAction>()
        func expect(_ command: StoreCommand, as account: Account, at moment: LocalDateTime? = nil, _ actions: [AuditAction],
                    subject: StudentID?, line: UInt = #line) throws {
            let before = try store.auditEntries().count
            try store.execute(command, as: account, at: moment ?? now)
            let added = Array(try store.auditEntries().dropFirst(before))
            XCTAssertEqual(added.map(\.action), actions.map(\.rawValue), "\(command)", line: line)
            if !actions.isEmpty {
                XCTAssertEqual(Set(added.map(\.actor)), [account.id.rawValue], line: line)
                XCTAssertEqual(added.map(\.subject), actions.map { store.auditSubject($0, subject) }, line: line)
            }
            covered.formUnion(actions)
        }
        let morning = Fixture.at(now.day, 8)
        let slot = TimeSpan(on: now.day, from: TimeOfDay(secondsSinceMidnight: 14 * 3600)!, to: TimeOfDay(secondsSinceMidnight: 15 * 3600)!)

        try expect(.importStudents([Fixture.student(3, name: "王五")]), as: .admin, [.studentImport], subject: nil)
        try expect(.importShifts([PlannedShift(id: PlannedShiftID("sh1"), person: Fixture.duty, span: slot)]), as: .head,
                   [.rosterImport], subject: nil)
        try expect(.checkIn(DutyCheckIn(id: DutyCheckInID("c1"), person: Fixture.duty, checkIn: morning)), as: .duty, at: morning,
                   [.checkIn], subject: nil)
        try expect(.logVisit(Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: now,
                                   reasons: [.study], brief: "")), as: .duty, [.visitAdd], subject: pupil)
        try expect(.logVisit(Visit(id: VisitID("v2"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: now,
                                   reasons: [.selfHarmThoughts], brief: "")), as: .duty, [.visitAdd], subject: pupil)
        try expect(.takeEscalation(VisitID("v2")), as: .counselor, [.escalationTake], subject: pupil)
        let booked = Appointment(id: AppointmentID("a1"), student: pupil, requestedBy: .student, channel: .inPerson, slot: slot,
                                 counselor: Fixture.counselor, purpose: "学习压力", statusChangedAt: now)
        try expect(.bookAppointment(booked), as: .duty, [.appointmentBook], subject: pupil)
        try expect(.moveAppointment(try booked.moved(to: .confirmed, at: now), basedOn: booked), as: .counselor,
                   [.appointmentMove], subject: pupil)
        let followUp = FollowUp(id: FollowUpID("f1"), student: pupil, due: now.day)
        try expect(.changeLevel(try Fixture.levelChange("l1", pupil, from: .none, to: .severe, at: now), followUp: followUp),
                   as: .counselor, [.levelChange, .followUpAdd], subject: pupil)
        try expect(.completeFollowUp(followUp.completed(at: now, by: Fixture.counselor, note: "稳定"), basedOn: followUp),
                   as: .counselor, [.followUpDone], subject: pupil)
        let written = note(text: "不写进审计的内容")
        try expect(.writeNote(written), as: .counselor, [.noteAdd], subject: pupil)
        var edited = written
        edited.text = "改过的内容"
        try expect(.editNote(edited, basedOn: written), as: .counselor, [.noteEdit], subject: pupil)
        let plan = Fixture.plan("p1", pupil, at: now)
        try expect(.savePlan(plan, basedOn: nil), as: .counselor, [.planAdd], subject: pupil)
        var reviewed = plan
        reviewed.reviews = [SupportPlan.Review(at: now, by: Fixture.counselor, note: "风险解除")]
        try expect(.savePlan(reviewed, basedOn: plan), as: .counselor, [.planEdit], subject: pupil)
        try expect(.recordGuardianContact(GuardianContact(id: GuardianContactID("g1"), student: pupil, guardianName: "张父",
                                                          relation: .father, by: Fixture.counselor, at: now, purpose: .notification,
                                                          method: .phone, outcome: .reached)),
                   as: .counselor, [.contactAdd], subject: pupil)
        let referral = Referral(id: ReferralID("r1"), student: pupil, institution: "市精神卫生中心", referredOn: now.day,
                                greenChannel: true, by: Fixture.counselor)
        try expect(.recordReferral(referral), as: .counselor, [.referralAdd], subject: pupil)
        try expect(.recordReferralFeedback(try referral.withFeedback(on: now.day, summary: "建议门诊随访"), basedOn: referral),
                   as: .counselor, [.referralFeedback], subject: pupil)
        // A screening import names its campaign, never a student.
        let campaign = ScreeningCampaign(id: ScreeningCampaignID("c1"), name: "2026秋 PHQ-9", instruments: [.phq9], versions: ["PHQ-9"],
                                         firstDay: now.day, lastDay: now.day, grades: [7], consent: "")
        let entriesBefore = try store.auditEntries().count
        try store.execute(.importScreening(ScreeningImportBatch(campaign: campaign, results: [])), as: .counselor, at: now)
        let imported = Array(try store.auditEntries().dropFirst(entriesBefore))
        XCTAssertEqual(imported.map(\.action), [AuditAction.screeningImport.rawValue])
        XCTAssertEqual(imported.map(\.subject), ["campaign:c1"])
        covered.insert(.screeningImport)
        // These proposals are seeded as an import would raise them.
        let proposals = [ScreeningProposal(id: ScreeningProposalID("sp2"), student: s2, result: ScreeningResultID("sr2"),
                                           suggestedLevel: .major, raisedOn: now.day),
                         ScreeningProposal(id: ScreeningProposalID("sp3"), student: s3, result: ScreeningResultID("sr3"),
                                           suggestedLevel: .severe, raisedOn: now.day)]
        try store.seed(proposals)
        let change = try Fixture.levelChange("l2", s2, from: .none, to: .major, at: now)
        let (confirmed, _) = try proposals[0].confirm(level: .major, currentLevel: .none, by: Fixture.counselor, at: now,
                                                      reason: "访谈后确认", levelChangeID: change.id)
        try expect(.decideProposal(confirmed, levelChange: change, basedOn: proposals[0]), as: .counselor, [.proposalConfirmed],
                   subject: s2)
        try expect(.decideProposal(try proposals[1].dismiss(by: Fixture.counselor, at: now, reason: "误填"), levelChange: nil,
                                   basedOn: proposals[1]),
                   as: .counselor, [.proposalDismissed], subject: s3)
        try expect(.startCrisisRun(CrisisRun(id: CrisisRunID("run1"), student: s3, startedBy: Fixture.duty, startedAt: now,
                                             checklist: .standard)),
                   as: .duty, [.crisisStart], subject: s3)
        try expect(.recordCrisisStep(CrisisRunID("run1"), step: "keep-safe", outcome: .done, note: ""), as: .duty, [.crisisStep],
                   subject: s3)
        try expect(.handOverCrisis(CrisisRunID("run1"), to: Fixture.counselor, note: "已陪同"), as: .duty, [.crisisHandover],
                   subject: s3)
        try expect(.takeCrisisRun(CrisisRunID("run1")), as: .counselor, [.crisisTake, .followUpAdd], subject: s3)
        let request = CaseClosing(id: CaseClosingID("c1"), student: pupil, author: Fixture.counselor, requestedAt: now,
                                  reason: "风险解除", newLevel: .general)
        try expect(.requestClosing(request), as: .counselor, [.closingRequest], subject: pupil)
        try expect(.decideClosing(try request.declined(by: Fixture.head, at: now, reason: "再观察一周")), as: .head,
                   [.closingDecline], subject: pupil)
        var again = request
        again.id = CaseClosingID("c2")
        try expect(.requestClosing(again), as: .counselor, [.closingRequest], subject: pupil)
        try expect(.decideClosing(try again.approved(by: Fixture.head, at: now)), as: .head, [.closingApprove], subject: pupil)
        try expect(.keepDraft(body: Data("{\"text\":\"半句话\"}".utf8), about: pupil), as: .counselor, [.draftKeep], subject: pupil)
        try expect(.removeDraft, as: .counselor, [.draftRemove], subject: nil)
        try expect(.removeDraft, as: .counselor, [], subject: nil)
        try expect(.checkOut(DutyCheckInID("c1")), as: .duty, [.checkOut], subject: nil)
        try expect(.recordExport(.complianceCSV, detail: "2026-09-01–2026-11-02"), as: .head, [.complianceExport], subject: nil)
        try expect(.recordExport(.studentsCSV, detail: "3 students"), as: .admin, [.studentsExport], subject: nil)
        try expect(.recordExport(.keyAttentionReport, detail: "2 students"), as: .counselor, [.keyAttentionPrint], subject: nil)
        try expect(.recordExport(.districtBundle, detail: "2026-autumn"), as: .head, [.districtExport], subject: nil)
        try expect(.recordExport(.document(.visits, student: nil), detail: "visits 2026-09-01..2026-09-30 3"), as: .head,
                   [.documentPrint], subject: nil)
        try expect(.recordExport(.document(.plan, student: s2), detail: "plan all 1"), as: .counselor, [.documentPrint], subject: s2)
        try expect(.recordBackup(destination: "/media/usb/xindesk.db"), as: .admin, [.backupWrite], subject: nil)
        // Students one by one: the roster's entries name the student.
        let s4 = StudentID("s4")
        try expect(.addStudent(Fixture.student(4, name: "赵六")), as: .admin, [.studentAdd], subject: s4)
        var renamed = try store.student(s4)
        renamed.name = "赵陆"
        try expect(.editStudent(renamed, basedOn: try store.student(s4)), as: .admin, [.studentEdit], subject: s4)
        try expect(.recordLeaving(s4, EnrolmentEvent(change: .left(.leaveOfAbsence), on: now.day, reason: "因病", by: Fixture.admin, at: now),
                                  basedOn: try store.student(s4)), as: .counselor, [.studentLeave], subject: s4)
        try expect(.recordReturn(s4, EnrolmentEvent(change: .returned, on: now.day, reason: "", by: Fixture.admin, at: now),
                                 followUpDue: now.day.adding(days: 7), basedOn: try store.student(s4)),
                   as: .counselor, [.studentReturn, .followUpAdd], subject: s4)
        let peersBefore = try store.auditEntries().count
        try store.execute(.namePeerSupporters(ClassRef(of: Fixture.student(1)), [s2], basedOn: []), as: .head, at: now)
        XCTAssertEqual(try store.auditEntries().dropFirst(peersBefore).map { [$0.action, $0.subject, $0.detail] },
                       [[AuditAction.peerSupportersName.rawValue, "class:7:初一(1)班", "1"]])
        covered.insert(.peerSupportersName)
        // An account change's subject is the account.
        for (change, action) in [(AccountChange.added(roles: [.duty]), AuditAction.accountAdd),
                                 (.passphraseChanged, .accountPassphrase), (.removed, .accountRemove),
                                 (.granted(tiers: [.oversight, .clinical]), .accountGrant),
                                 (.renamed(displayName: "赵敏"), .accountRename)] {
            let before = try store.auditEntries().count
            try store.execute(.recordAccountChange(change, account: "bob"), as: .admin, at: now)
            XCTAssertEqual(try store.auditEntries().dropFirst(before).map { [$0.action, $0.actor, $0.subject] },
                           [[action.rawValue, "admin", "account:bob"]])
            covered.insert(action)
        }

        // The roster's entries name the shift, duty records after the fact
        // the check-in or the violation; none names a student.
        func expectNamed(_ command: StoreCommand, _ action: AuditAction, _ subject: String) throws {
            let before = try store.auditEntries().count
            try store.execute(command, as: .head, at: now)
            XCTAssertEqual(try store.auditEntries().dropFirst(before).map { [$0.action, $0.actor, $0.subject] },
                           [[action.rawValue, "head", subject]])
            covered.insert(action)
        }
        let shift = PlannedShift(id: PlannedShiftID("sh2"), person: Fixture.duty,
                                 span: TimeSpan(on: now.day.adding(days: 1), from: TimeOfDay(hour: 12, minute: 0)!,
                                                to: TimeOfDay(hour: 13, minute: 0)!))
        var moved = shift
        moved.person = Fixture.counselor
        let pattern = WeeklyDutyPattern(weekday: .thursday, start: TimeOfDay(hour: 12, minute: 0)!, end: TimeOfDay(hour: 13, minute: 0)!,
                                        person: Fixture.duty, first: now.day, last: now.day.adding(days: 14))
        for (command, action, subject) in [(StoreCommand.addShift(shift), AuditAction.shiftAdd, "shift:sh2"),
                                           (.moveShift(moved, basedOn: shift), .shiftMove, "shift:sh2"),
                                           (.removeShift(moved), .shiftRemove, "shift:sh2"),
                                           (.applyWeeklyPattern(pattern), .rosterPattern, "")] {
            try expectNamed(command, action, subject)
        }
        let sunday = now.day.adding(days: -1)
        try expectNamed(.enterCheckIns([DutyCheckIn(id: DutyCheckInID("c9"), person: Fixture.duty, checkIn: Fixture.at(sunday, 12),
                                                    checkOut: Fixture.at(sunday, 13))]), .checkInEnter, "checkin:c9")
        let entered = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("c9")))
        var corrected = entered
        corrected.checkOut = Fixture.at(sunday, 13, 30)
        try expectNamed(.correctCheckIn(corrected, reason: "登记本", basedOn: entered), .checkInCorrect, "checkin:c9")
        let violation = ComplianceViolation(day: sunday, kind: .notOpen(.closed))
        try expectNamed(.explainViolation(ViolationNote(about: violation, text: "运动会", by: Fixture.head, at: now), basedOn: nil),
                        .violationExplain, "violation:day:\(sunday)")

        // A group session's entry names the session and its count, no student.
        let groupBefore = try store.auditEntries().count
        try store.execute(.logGroupSession(GroupSession(id: GroupSessionID("g1"), start: Fixture.at(now.day, 9), end: Fixture.at(now.day, 10),
                                                        facilitator: Fixture.counselor, theme: "情绪管理", participantCount: 0, note: "",
                                                        loggedBy: Fixture.counselor), participants: [pupil, s2]), as: .counselor, at: now)
        XCTAssertEqual(try store.auditEntries().dropFirst(groupBefore).map { [$0.action, $0.subject, $0.detail] },
                       [[AuditAction.groupSessionLog.rawValue, "group-session:g1", "2 participants"]])
        covered.insert(.groupSessionLog)

        let before = try store.auditEntries().count
        _ = try store.openFile(pupil, as: .counselor, at: now)
        XCTAssertEqual(try store.auditEntries().dropFirst(before).map(\.action), ["student.view"])
        covered.insert(.studentView)

        // Written outside commands: settings (school setup) and the demo.
        XCTAssertEqual(Set(AuditAction.allCases).subtracting(covered), [.settingsChange, .demoGenerate])
        let entries = try store.auditEntries()
        XCTAssertFalse(entries.contains { $0.detail.contains("内容") || $0.detail.contains("半句话") }, "no note or draft text")
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: entries.count))
    }

    func testAnExportNeedsThePermissionToReadWhatLeaves() throws {
        let store = try Fixture.store()
        try assertRefused(store, .recordExport(.studentsCSV, detail: "1 students"), as: .counselor, .notAllowed(.exportStudents))
        try assertRefused(store, .recordExport(.complianceCSV, detail: ""), as: .duty, .notAllowed(.readComplianceReport))
        try assertRefused(store, .recordExport(.keyAttentionReport, detail: ""), as: .admin, .notAllowed(.readKeyAttentionList))
        try assertRefused(store, .recordExport(.districtBundle, detail: ""), as: .counselor, .notAllowed(.exportDistrictBundle))
        try assertRefused(store, .recordExport(.districtBundle, detail: ""), as: .duty, .notAllowed(.exportDistrictBundle))
    }

    func testOpeningAFileIsAuditedAndReloadingItAfterASaveIsNot() throws {
        let store = try Fixture.store()
        let before = try store.auditEntries().count
        let opened = try store.openFile(pupil, as: .counselor, at: now)
        XCTAssertEqual(opened.student.id, pupil)
        let view = try XCTUnwrap(try store.auditEntries().last)
        XCTAssertEqual([view.action, view.actor, view.subject], ["student.view", "counselor", store.auditSubject(.studentView, pupil)])
        // Under the oversight link: a head lists who opened a file (`print file-readers`), never what is in it.
        XCTAssertTrue(view.subject.hasPrefix("oversight:"), "a file view names the student only by a tier link")
        try store.execute(.writeNote(note()), as: .counselor, at: now)
        let afterSave = try store.auditEntries().count
        let reloaded = try store.reloadFile(pupil, as: .counselor)
        XCTAssertEqual(reloaded.caseNotes.map(\.id), [CaseNoteID("n1")])
        XCTAssertEqual(try store.auditEntries().count, afterSave, "the save is audited; the reload is no new view")
        XCTAssertEqual(afterSave, before + 2)
        XCTAssertThrowsError(try store.openFile(StudentID("nobody"), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? StoreError, .unknownStudent(StudentID("nobody")))
        }
        XCTAssertEqual(try store.auditEntries().count, afterSave)
    }

    func testAKeptDraftIsAuditedWithoutItsText() throws {
        let store = try Fixture.store()
        let text = "学生说晚上睡不着，想到过"
        try store.execute(.keepDraft(body: try JSONEncoder().encode(["text": text]), about: pupil), as: .counselor, at: now)
        let entry = try XCTUnwrap(try store.auditEntries().last)
        XCTAssertEqual(entry.action, "draft.keep")
        XCTAssertEqual(entry.subject, store.auditSubject(.draftKeep, pupil))
        XCTAssertEqual(entry.detail, "")
        XCTAssertEqual(try store.draft([String: String].self, of: Fixture.counselor)?["text"], text)
        let everything = try store.snapshot()
        XCTAssertFalse((everything["audit_log"] ?? []).joined().contains("睡不着"))
    }

    // MARK: - appointments

    /// Confirming an appointment stored without a counselor (booked before
    /// the register named one; a booking names one now) names one: the
    /// screen sets it on its copy, as `move`'s comment says the store takes.
    func testConfirmingAnAppointmentStoredWithoutACounselorNamesOne() throws {
        let store = try Fixture.store()
        let slot = TimeSpan(on: now.day, from: TimeOfDay(secondsSinceMidnight: 14 * 3600)!, to: TimeOfDay(secondsSinceMidnight: 15 * 3600)!)
        let booked = Appointment(id: AppointmentID("a1"), student: pupil, requestedBy: .guardian, channel: .phone, slot: slot,
                                 statusChangedAt: now)
        try store.writer.write { db in try store.insert(booked, by: Fixture.duty, db) }
        var named = booked
        named.counselor = Fixture.counselor
        let confirmed = try named.moved(to: .confirmed, at: now)
        XCTAssertNoThrow(try store.execute(.moveAppointment(confirmed, basedOn: booked), as: .counselor, at: now))
        let stored = try store.record(Appointment.self, id: booked.id)
        XCTAssertEqual(stored?.status, .confirmed)
        XCTAssertEqual(stored?.counselor, Fixture.counselor)
    }

    /// Only the status moves: a copy that changed the slot or the note does
    /// not carry those into the store.
    func testMovingAnAppointmentTakesOnlyItsStatus() throws {
        let store = try Fixture.store()
        let slot = TimeSpan(on: now.day, from: TimeOfDay(secondsSinceMidnight: 14 * 3600)!, to: TimeOfDay(secondsSinceMidnight: 15 * 3600)!)
        let booked = Appointment(id: AppointmentID("a1"), student: pupil, requestedBy: .student, channel: .inPerson, slot: slot,
                                 counselor: Fixture.counselor, purpose: "学习压力", note: "原备注", statusChangedAt: now)
        try store.execute(.bookAppointment(booked, outsideHoursConfirmed: true), as: .duty, at: now)
        var copy = try booked.moved(to: .confirmed, at: now)
        copy.note = "改过的备注"
        let later = Fixture.at(now.day, 11)
        try store.execute(.moveAppointment(copy, basedOn: booked), as: .counselor, at: later)
        let stored = try XCTUnwrap(try store.record(Appointment.self, id: booked.id))
        XCTAssertEqual(stored.status, .confirmed)
        XCTAssertEqual(stored.note, "原备注")
        XCTAssertEqual(stored.statusChangedAt, later)
        // A move from a version no longer stored is refused.
        XCTAssertThrowsError(try store.execute(.moveAppointment(try booked.moved(to: .cancelled, at: later), basedOn: booked),
                                               as: .counselor, at: later)) {
            guard case .stale(kind: .appointment, _, _)? = $0 as? StoreError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try store.record(Appointment.self, id: booked.id)?.status, .confirmed)
    }
}
