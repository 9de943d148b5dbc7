import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// Duty records after the fact at the store's boundary: a paper duty log
/// entered (补录), a check-in corrected (更正), a violation explained.
/// Heads and administrators only; the times in the past, on one day, out
/// after in, no overlap with the same person's other check-ins; a
/// correction names its reason and the version it was based on.
final class DutyAfterwardsStoreTests: XCTestCase {
    // A normal school week (2026-10-12 to 16) and the Monday after it.
    private let monday = Fixture.day(2026, 10, 12), tuesday = Fixture.day(2026, 10, 13)
    private var nextMonday: Day { monday.adding(days: 7) }

    private func logged(_ id: String, _ person: StaffID, _ day: Day, _ from: (Int, Int), _ to: (Int, Int),
                        note: String = "值班登记本") -> DutyCheckIn {
        DutyCheckIn(id: DutyCheckInID(id), person: person, checkIn: Fixture.at(day, from.0, from.1),
                    checkOut: Fixture.at(day, to.0, to.1),
                    amendment: CheckInAmendment(kind: .entered, by: person, at: Fixture.at(day, 0), reason: note))
    }

    // MARK: - hand-computed compliance

    /// Monday 12:00–13:00 (all outside lessons) and Tuesday 11:30–12:30
    /// (the 4th lesson ends 11:50: 40 minutes outside) entered afterwards.
    /// Both days are met; Wednesday to Friday nobody was in (closed, three
    /// violations); the week has 120 of 450 minutes (10 class hours of
    /// 45): NOT MET. Both entries are marked 补录 with who and when.
    func testACheckInEnteredAfterwardsCountsAndIsMarked() throws {
        let store = try Fixture.store(students: [])
        let enteredAt = Fixture.at(nextMonday, 9)
        let outcome = try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (13, 0)),
                                                        logged("p2", Fixture.duty, tuesday, (11, 30), (12, 30), note: "")]),
                                        as: .head, at: enteredAt)
        XCTAssertEqual(outcome.added, 2)
        let report = try store.compliance(from: monday, through: monday.adding(days: 4), now: Fixture.at(nextMonday, 10))
        XCTAssertEqual(report.days.map(\.openSeconds), [3600, 3600, 0, 0, 0])
        XCTAssertEqual(report.days.map(\.outsideLessonSeconds), [3600, 2400, 0, 0, 0])
        XCTAssertEqual(report.days.map(\.status), [.met, .met, .closed, .closed, .closed])
        XCTAssertEqual(report.weeks.map(\.openSeconds), [7200])
        XCTAssertEqual(report.weeks.map(\.met), [false])
        XCTAssertEqual(report.violations.map(\.kind), [.weekBelowMinimum(openMinutes: 120, requiredMinutes: 450, classHourMinutes: 45),
                                                      .notOpen(.closed), .notOpen(.closed), .notOpen(.closed)])
        // Marked, with the store's who and when (not the caller's).
        XCTAssertEqual(report.amendedCheckIns.map(\.id), [DutyCheckInID("p1"), DutyCheckInID("p2")])
        XCTAssertEqual(report.amendments(on: monday), [.entered])
        XCTAssertEqual(report.amendments(on: monday.adding(days: 2)), [])
        let first = try XCTUnwrap(report.amendedCheckIns.first?.amendment)
        XCTAssertEqual(first, CheckInAmendment(kind: .entered, by: Fixture.head, at: enteredAt, reason: "值班登记本"))
        // The entry is the original: nothing replaced, nothing in revisions.
        XCTAssertEqual(try store.revisions(of: DutyCheckIn.self, id: DutyCheckInID("p1")).count, 0)
        XCTAssertEqual(try store.auditActions(), ["duty.checkin.enter", "duty.checkin.enter"])
        XCTAssertEqual(try store.verifyAuthorship(), [], "a head writes check-ins through amendDutyRecord")
    }

    /// The duty teacher checked in at 12:00 with F5 and forgot to check
    /// out: a missing check-out, the day counts nothing (closed). The head
    /// corrects the check-out to 13:30 from the paper log: 90 minutes, all
    /// outside lessons, the day is met and the missing check-out is gone.
    /// The original (no check-out) stays in revisions, and on the record.
    func testACorrectedCheckInCountsItsNewTimesAndKeepsTheOriginal() throws {
        let store = try Fixture.store(students: [])
        let noon = Fixture.at(monday, 12)
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("c1"), person: Fixture.duty, checkIn: noon)), as: .duty, at: noon)
        let later = Fixture.at(nextMonday, 10)
        let before = try store.compliance(from: monday, through: monday, now: later)
        XCTAssertEqual(before.days.map(\.status), [.closed])
        XCTAssertEqual(before.violations.map(\.kind), [.notOpen(.closed), .missingCheckOut(DutyCheckInID("c1"), person: Fixture.duty)])
        XCTAssertEqual(before.amendedCheckIns, [])

        let original = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("c1")))
        var asked = original
        asked.checkOut = Fixture.at(monday, 13, 30)
        let correctedAt = Fixture.at(tuesday, 9)
        try store.execute(.correctCheckIn(asked, reason: "忘记签退，按值班登记本", basedOn: original), as: .head, at: correctedAt)

        let after = try store.compliance(from: monday, through: monday, now: later)
        XCTAssertEqual(after.days.map(\.openSeconds), [5400])
        XCTAssertEqual(after.days.map(\.outsideLessonSeconds), [5400])
        XCTAssertEqual(after.days.map(\.status), [.met])
        XCTAssertEqual(after.violations.map(\.kind), [])
        XCTAssertEqual(after.amendments(on: monday), [.corrected])
        let amendment = try XCTUnwrap(after.amendedCheckIns.first?.amendment)
        XCTAssertEqual(amendment, CheckInAmendment(kind: .corrected, by: Fixture.head, at: correctedAt, reason: "忘记签退，按值班登记本",
                                                   originalCheckIn: noon, originalCheckOut: nil))
        let revisions = try store.revisions(of: DutyCheckIn.self, id: DutyCheckInID("c1"))
        XCTAssertEqual(revisions.map(\.value), [original])
        XCTAssertEqual(revisions.map(\.replacedBy), [Fixture.head])
        XCTAssertEqual(revisions.map(\.replacedAt), [correctedAt])

        // Corrected again: the times first recorded stay those of F5.
        let current = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("c1")))
        var again = current
        again.checkOut = Fixture.at(monday, 13, 15)
        try store.execute(.correctCheckIn(again, reason: "登记本写的是13:15", basedOn: current), as: .admin, at: Fixture.at(tuesday, 10))
        let twice = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("c1")))
        XCTAssertEqual(twice.checkOut, Fixture.at(monday, 13, 15))
        XCTAssertEqual(twice.amendment?.originalCheckIn, noon)
        XCTAssertNil(twice.amendment?.originalCheckOut)
        XCTAssertEqual(twice.amendment?.by, Fixture.admin)
        XCTAssertEqual(try store.revisions(of: DutyCheckIn.self, id: DutyCheckInID("c1")).map(\.value), [original, current])
        XCTAssertEqual(try store.auditActions(), ["duty.checkin", "duty.checkin.correct", "duty.checkin.correct"])
        XCTAssertEqual(try store.verifyAuthorship(), [])
    }

    // MARK: - who may

    func testTheDutyTeacherMayNotBackDateTheirOwnNorMayACounselor() throws {
        let store = try Fixture.store(students: [])
        let noon = Fixture.at(monday, 12)
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("c1"), person: Fixture.duty, checkIn: noon)), as: .duty, at: noon)
        let original = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("c1")))
        var earlier = original
        earlier.checkIn = Fixture.at(monday, 11)
        earlier.checkOut = Fixture.at(monday, 14)
        let before = try store.snapshot()
        for account in [Account.duty, .counselor] {
            XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p1", account.id, monday, (15, 0), (16, 0))]),
                                                   as: account, at: Fixture.at(tuesday, 9))) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.amendDutyRecord))
            }
            XCTAssertThrowsError(try store.execute(.correctCheckIn(earlier, reason: "补", basedOn: original), as: account,
                                                   at: Fixture.at(tuesday, 9))) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.amendDutyRecord))
            }
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    // MARK: - the times

    func testACheckInInTheFutureIsRefused() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(monday, 12, 30)
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (13, 0))]), as: .head, at: now)) {
            XCTAssertEqual($0 as? DutyProblem, .inFuture)
        }
        XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p1", Fixture.duty, tuesday, (8, 0), (9, 0))]), as: .head, at: now)) {
            XCTAssertEqual($0 as? DutyProblem, .inFuture)
        }
        XCTAssertEqual(try store.snapshot(), before)
        // Up to now is the past.
        try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (12, 30))]), as: .head, at: now)
    }

    func testTimesOutOfOrderOrOverMidnightOrWithoutCheckOutAreRefused() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(nextMonday, 9)
        var noOut = logged("p1", Fixture.duty, monday, (12, 0), (13, 0))
        noOut.checkOut = nil
        var overnight = logged("p2", Fixture.duty, monday, (22, 0), (23, 0))
        overnight.checkOut = Fixture.at(tuesday, 1)
        let cases: [(DutyCheckIn, DutyProblem)] = [
            (logged("p3", Fixture.duty, monday, (13, 0), (12, 0)), .outNotAfterIn),
            (logged("p4", Fixture.duty, monday, (13, 0), (13, 0)), .outNotAfterIn),
            (overnight, .notWithinOneDay),
            (noOut, .checkOutMissing),
        ]
        let before = try store.snapshot()
        for (checkIn, problem) in cases {
            XCTAssertThrowsError(try store.execute(.enterCheckIns([checkIn]), as: .head, at: now)) {
                XCTAssertEqual($0 as? DutyProblem, problem, "\(checkIn.id)")
            }
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testAnOverlapWithTheSamePersonsCheckInIsRefusedAndNothingOfTheBatchIsStored() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(nextMonday, 9)
        try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (13, 0))]), as: .head, at: now)
        let before = try store.snapshot()
        // The good first row is not stored when the second overlaps.
        XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p2", Fixture.duty, tuesday, (12, 0), (13, 0)),
                                                               logged("p3", Fixture.duty, monday, (12, 30), (13, 30))]),
                                               as: .head, at: now)) {
            XCTAssertEqual($0 as? DutyProblem, .overlaps(Fixture.at(monday, 12), Fixture.at(monday, 13)))
        }
        // Two rows of the same log that overlap each other.
        XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p4", Fixture.duty, tuesday, (12, 0), (13, 0)),
                                                               logged("p5", Fixture.duty, tuesday, (12, 59), (14, 0))]),
                                               as: .head, at: now)) {
            XCTAssertEqual($0 as? DutyProblem, .overlaps(Fixture.at(tuesday, 12), Fixture.at(tuesday, 13)))
        }
        XCTAssertEqual(try store.snapshot(), before)
        // Back to back, or another person at the same time, is no overlap.
        try store.execute(.enterCheckIns([logged("p6", Fixture.duty, monday, (13, 0), (14, 0)),
                                          logged("p7", Fixture.counselor, monday, (12, 0), (13, 0))]), as: .admin, at: now)
        // A correction that would run into the person's next check-in.
        let p1 = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("p1")))
        var longer = p1
        longer.checkOut = Fixture.at(monday, 13, 10)
        XCTAssertThrowsError(try store.execute(.correctCheckIn(longer, reason: "登记有误", basedOn: p1), as: .head, at: now)) {
            XCTAssertEqual($0 as? DutyProblem, .overlaps(Fixture.at(monday, 13), Fixture.at(monday, 14)))
        }
    }

    func testAnEntryOverlappingACheckInLeftOpenThatDayIsRefused() throws {
        let store = try Fixture.store(students: [])
        let noon = Fixture.at(monday, 12)
        try store.execute(.checkIn(DutyCheckIn(id: DutyCheckInID("c1"), person: Fixture.duty, checkIn: noon)), as: .duty, at: noon)
        XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (15, 0), (16, 0))]),
                                               as: .head, at: Fixture.at(tuesday, 9))) {
            XCTAssertEqual($0 as? DutyProblem, .overlaps(noon, nil))
            XCTAssertTrue(($0 as? DutyProblem)?.message.zh.contains("请更正那一条") == true)
        }
        // Earlier that day is fine.
        try store.execute(.enterCheckIns([logged("p2", Fixture.duty, monday, (8, 0), (9, 0))]), as: .head, at: Fixture.at(tuesday, 9))
    }

    func testAnUnknownPersonOrABadNoteIsRefused() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(nextMonday, 9)
        XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p1", StaffID("nobody"), monday, (12, 0), (13, 0))]),
                                               as: .head, at: now)) {
            guard case .invalid(let problems) = $0 as? StoreError else { return XCTFail("\($0)") }
            XCTAssertEqual(problems.map(\.field), [.person])
        }
        XCTAssertThrowsError(try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (13, 0), note: "a\u{202E}b")]),
                                               as: .head, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.controlCharacters(.note)]))
        }
        XCTAssertEqual(try store.auditActions(), [])
    }

    func testACorrectionNeedsAReasonAndAChange() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(nextMonday, 9)
        try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (13, 0))]), as: .head, at: now)
        let p1 = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("p1")))
        var changed = p1
        changed.checkIn = Fixture.at(monday, 11, 50)
        XCTAssertThrowsError(try store.execute(.correctCheckIn(changed, reason: "  ", basedOn: p1), as: .head, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.empty(.reason)]))
        }
        XCTAssertThrowsError(try store.execute(.correctCheckIn(p1, reason: "看错了", basedOn: p1), as: .head, at: now)) {
            XCTAssertEqual($0 as? DutyProblem, .nothingChanged)
        }
        XCTAssertEqual(try store.revisionCount(), 0)
    }

    /// Two heads correct the same check-in: the second, based on the
    /// version before the first's, is refused and told who and when.
    func testAStaleCorrectionIsRefusedWithWhoAndWhen() throws {
        let store = try Fixture.store(students: [])
        let now = Fixture.at(nextMonday, 9)
        try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (13, 0))]), as: .head, at: now)
        let seen = try XCTUnwrap(try store.record(DutyCheckIn.self, id: DutyCheckInID("p1")))
        var theirs = seen
        theirs.checkOut = Fixture.at(monday, 13, 30)
        let t1 = Fixture.at(nextMonday, 10)
        try store.execute(.correctCheckIn(theirs, reason: "登记本", basedOn: seen), as: .admin, at: t1)
        let afterTheirs = try store.snapshot()
        var mine = seen
        mine.checkIn = Fixture.at(monday, 11, 55)
        XCTAssertThrowsError(try store.execute(.correctCheckIn(mine, reason: "看错了", basedOn: seen), as: .head, at: Fixture.at(nextMonday, 11))) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .checkin, by: "admin", at: t1))
        }
        XCTAssertEqual(try store.snapshot(), afterTheirs)
    }

    // MARK: - explained violations

    /// A check-in on the Friday before the week, so the week is judged: a
    /// school with nothing recorded is judged from its first record on
    /// (`ComplianceStart`).
    private func schoolFirstRecorded(before day: Day, _ store: Store) throws {
        let friday = day.adding(days: -3)
        try store.seed([DutyCheckIn(id: DutyCheckInID("first"), person: Fixture.duty, checkIn: Fixture.at(friday, 12),
                                    checkOut: Fixture.at(friday, 13))], by: Fixture.duty)
    }

    func testAHeadExplainsAViolationBesideItAndTheWeekStillCountsNotMet() throws {
        let store = try Fixture.store(students: [])
        try schoolFirstRecorded(before: monday, store)
        let later = Fixture.at(nextMonday, 10)
        let report = try store.compliance(from: monday, through: monday.adding(days: 4), now: later)
        let week = try XCTUnwrap(report.violations.first { if case .weekBelowMinimum = $0.kind { true } else { false } })
        XCTAssertEqual(week.key, "week:2026-10-12")
        let t1 = Fixture.at(nextMonday, 9)
        try store.execute(.explainViolation(ViolationNote(about: week, text: "全校停课", by: Fixture.duty, at: later), basedOn: nil),
                          as: .head, at: t1)
        let explained = try store.compliance(from: monday, through: monday.adding(days: 4), now: later)
        XCTAssertEqual(explained.violations, report.violations, "an explanation hides nothing")
        XCTAssertEqual(explained.weeks.map(\.met), [false])
        XCTAssertEqual(explained.termly.map(\.violations), report.termly.map(\.violations))
        let note = try XCTUnwrap(explained.note(for: week))
        XCTAssertEqual([note.text, note.by.rawValue], ["全校停课", "head"], "who is the store's, not the caller's")
        XCTAssertEqual(note.at, t1)
        XCTAssertEqual(explained.notes.count, 1)
        XCTAssertNil(explained.note(for: explained.violations[0]))

        // Edited: the earlier text is kept; an edit based on it after that is stale.
        var edited = note
        edited.text = "全校停课（流感）"
        let t2 = Fixture.at(nextMonday, 9, 30)
        try store.execute(.explainViolation(edited, basedOn: note), as: .head, at: t2)
        XCTAssertEqual(try store.revisions(of: ViolationNote.self, id: note.id).map(\.value.text), ["全校停课"])
        XCTAssertThrowsError(try store.execute(.explainViolation(edited, basedOn: note), as: .head, at: later)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .violationNote, by: "head", at: t2))
        }
        // A second "new" explanation would overwrite the first unseen: refused, with who and when.
        XCTAssertThrowsError(try store.execute(.explainViolation(edited, basedOn: nil), as: .head, at: later)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .violationNote, by: "head", at: t2))
        }
        XCTAssertEqual(try store.auditActions(), ["compliance.violation.explain", "compliance.violation.explain"])
        XCTAssertEqual(try store.verifyAuthorship(), [])
    }

    func testOnlyAHeadExplainsAndAnExplanationIsNeverEmpty() throws {
        let store = try Fixture.store(students: [])
        try schoolFirstRecorded(before: monday, store)
        let later = Fixture.at(nextMonday, 10)
        let violation = try XCTUnwrap(try store.compliance(from: monday, through: monday, now: later).violations.first)
        XCTAssertEqual(violation.key, "day:2026-10-12")
        let note = ViolationNote(about: violation, text: "运动会", by: Fixture.head, at: later)
        let before = try store.snapshot()
        for account in [Account.duty, .counselor, .admin] {
            XCTAssertThrowsError(try store.execute(.explainViolation(note, basedOn: nil), as: account, at: later)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.explainViolation))
            }
        }
        var empty = note
        empty.text = " "
        XCTAssertThrowsError(try store.execute(.explainViolation(empty, basedOn: nil), as: .head, at: later)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.empty(.note)]))
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    // MARK: - the spreadsheet for the inspection

    func testTheComplianceCSVMarksTheDayAndListsTheEntryAndTheExplanationBesideItsViolation() throws {
        let store = try Fixture.store(students: [])
        let at = Fixture.at(nextMonday, 9)
        try store.execute(.enterCheckIns([logged("p1", Fixture.duty, monday, (12, 0), (13, 0))]), as: .head, at: at)
        let tuesdayClosed = ComplianceViolation(day: tuesday, kind: .notOpen(.closed))
        try store.execute(.explainViolation(ViolationNote(about: tuesdayClosed, text: "全校停课", by: Fixture.head, at: at), basedOn: nil),
                          as: .head, at: at)
        let report = try store.compliance(from: monday, through: tuesday, now: Fixture.at(nextMonday, 10))
        let zh = ComplianceCSV.rows(report, staff: try store.staff(), .zhHans)
        XCTAssertEqual(zh.first { $0.first == "2026-10-12" }, ["2026-10-12", "达标", "60", "60", "duty", "补录"])
        XCTAssertEqual(zh.first { $0.first == "2026-10-13" && $0.count == 6 }?.last, "")
        XCTAssertEqual(zh.last { $0.first == "2026-10-13" },
                       ["2026-10-13", "学生在校日辅导室未开放", "说明：全校停课（head 10月19日 09:00）"])
        XCTAssertEqual(zh.last, ["2026-10-12 12:00–13:00 duty 补录（head 10月19日 09:00：值班登记本）"])
        let en = ComplianceCSV.rows(report, staff: try store.staff(), .en)
        XCTAssertEqual(en.last { $0.first == "2026-10-13" }?.last, "Explanation: 全校停课 (head, 2026-10-19 09:00)")
        XCTAssertEqual(en.last, ["2026-10-12 12:00–13:00 duty entered afterwards (head, 2026-10-19 09:00: 值班登记本)"])
    }
}
