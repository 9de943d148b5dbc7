import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// The term's statistics of a small school whose every record is written
/// here and counted by hand in the comments: period 2026-09-07 (Mon) to
/// 2026-09-20 (Sun, a make-up school day), computed on 2026-10-01.
final class TermStatisticsStoreTests: XCTestCase {
    private let first = Fixture.day(2026, 9, 7), last = Fixture.day(2026, 9, 20)
    private let asOf = Fixture.at(Fixture.day(2026, 10, 1), 8)
    private static let markers = ["VISIT-BRIEF-MARKER", "APPT-PURPOSE-MARKER", "LEVEL-REASON-MARKER", "REFERRAL-FEEDBACK-MARKER",
                                  "INSTITUTION-MARKER", "CONTACT-NOTE-MARKER", "CLOSING-REASON-MARKER", "DECLINE-MARKER", "LEAVING-MARKER"]

    private func d(_ m: Int, _ day: Int) -> Day { Fixture.day(2026, m, day) }
    private func at(_ m: Int, _ day: Int, _ h: Int, _ min: Int = 0) -> LocalDateTime { Fixture.at(d(m, day), h, min) }

    /// s1 boy 初一, s2 girl 初一, s3 boy 初二, s4 girl 初二, s5 girl 初二,
    /// s6 boy 初一 who transferred out on 09-15.
    private func school() throws -> Store {
        func student(_ n: Int, _ gender: Gender, _ grade: Int) -> Student {
            var s = Fixture.student(n, grade: grade)
            s.gender = gender
            s.className = grade == 7 ? "初一(1)班" : "初二(1)班"
            return s
        }
        let students = [student(1, .male, 7), student(2, .female, 7), student(3, .male, 8), student(4, .female, 8),
                        student(5, .female, 8), student(6, .male, 7)]
        let store = try Fixture.store(students: students)
        let s6 = try store.student(StudentID("s6"))
        try store.execute(.recordLeaving(s6.id, EnrolmentEvent(change: .left(.transferredOut), on: d(9, 15), reason: "LEAVING-MARKER",
                                                              by: Fixture.admin, at: at(9, 15, 10)), basedOn: s6),
                          as: .admin, at: at(9, 15, 10))
        let id = { (n: String) in StudentID(n) }
        func visit(_ n: String, _ student: String?, _ channel: Visit.Channel, _ start: LocalDateTime, _ reasons: Set<Visit.Reason>) -> Visit {
            Visit(id: VisitID(n), student: student.map(id), loggedBy: Fixture.duty, channel: channel, start: start,
                  end: start.adding(minutes: 30), reasons: reasons, brief: "VISIT-BRIEF-MARKER")
        }
        func appointment(_ n: String, _ student: String, _ start: LocalDateTime, _ status: Appointment.Status) -> Appointment {
            Appointment(id: AppointmentID(n), student: id(student), requestedBy: .student, channel: .inPerson,
                        slot: TimeSpan(start: start, end: start.adding(minutes: 45)), counselor: Fixture.counselor,
                        purpose: "APPT-PURPOSE-MARKER", status: status, statusChangedAt: start)
        }
        func level(_ n: String, _ student: String, _ from: WarningLevel, _ to: WarningLevel, _ when: LocalDateTime,
                   _ source: LevelChange.Source = .assessment) -> LevelChange {
            LevelChange(id: LevelChangeID(n), student: id(student), from: from, to: to, by: Fixture.counselor, at: when,
                        reason: "LEVEL-REASON-MARKER", source: source)
        }
        func contact(_ n: String, _ student: String, _ when: LocalDateTime, _ purpose: GuardianContact.Purpose,
                     _ outcome: GuardianContact.Outcome) -> GuardianContact {
            GuardianContact(id: GuardianContactID(n), student: id(student), guardianName: "张父", relation: .father, by: Fixture.counselor,
                            at: when, purpose: purpose, method: .phone, outcome: outcome, note: "CONTACT-NOTE-MARKER")
        }
        var tally = ScreeningCampaign.ClassTally(classRef: ClassRef(stage: .junior, grade: 7, className: "初一(1)班"))
        tally.screened = 2; tally.invalid = 1; tally.flagged = 1; tally.proposed = 1; tally.confirmed = 1
        let campaign = ScreeningCampaign(id: ScreeningCampaignID("c1"), name: "2026秋 PHQ-9", instruments: [.phq9], versions: ["v1"],
                                         firstDay: d(9, 14), lastDay: d(9, 16), grades: [7], consent: "", tallies: [tally])
        let earlier = ScreeningCampaign(id: ScreeningCampaignID("c0"), name: "试测", instruments: [.gad7], versions: ["v1"],
                                        firstDay: d(8, 25), lastDay: d(8, 26), grades: [8], consent: "", tallies: [tally])
        var approved = CaseClosing(id: CaseClosingID("cl1"), student: id("s2"), author: Fixture.counselor, requestedAt: at(9, 16, 10),
                                   reason: "CLOSING-REASON-MARKER", newLevel: .general, approver: Fixture.head, approvedAt: at(9, 18, 9))
        approved.reason = "CLOSING-REASON-MARKER"
        var declined = CaseClosing(id: CaseClosingID("cl2"), student: id("s6"), author: Fixture.counselor, requestedAt: at(9, 12, 10),
                                   reason: "CLOSING-REASON-MARKER", newLevel: .general)
        declined.declinedBy = Fixture.head; declined.declinedAt = at(9, 14, 9); declined.declineReason = "DECLINE-MARKER"
        try store.seed([
            visit("v1", "s1", .walkIn, at(9, 7, 9), [.study]),
            visit("v2", "s2", .appointment, at(9, 8, 10), [.emotions, .family]),
            visit("v3", nil, .phone, at(9, 9, 12), [.other]),
            visit("v4", "s1", .walkIn, at(9, 14, 12, 30), [.relationships]),
            visit("v5", "s3", .online, at(9, 16, 16), [.study]),
            visit("v6", "s6", .walkIn, at(9, 10, 12), [.emotions]),
            visit("v7", "s4", .walkIn, at(9, 21, 9), [.study]),   // the day after the period
            visit("v8", "s5", .walkIn, at(9, 4, 12), [.study]),   // before it
            appointment("a1", "s2", at(9, 8, 10), .done),
            appointment("a2", "s3", at(9, 15, 16), .noShow),
            appointment("a3", "s4", at(9, 17, 12), .cancelled),
            appointment("a4", "s1", at(9, 22, 12), .requested),   // after
            level("l1", "s1", .none, .general, at(9, 1, 10)),
            level("l2", "s1", .general, .severe, at(9, 10, 9)),
            level("l3", "s2", .none, .severe, at(8, 20, 9)),
            level("l4", "s2", .severe, .general, at(9, 18, 9), .caseClosing(CaseClosingID("cl1"))),
            level("l5", "s3", .none, .major, at(9, 25, 9)),       // after the period, before it was computed
            level("l6", "s6", .none, .major, at(9, 2, 9)),
            campaign, earlier,
            Referral(id: ReferralID("r1"), student: id("s2"), institution: "INSTITUTION-MARKER", referredOn: d(9, 9), greenChannel: true,
                     by: Fixture.counselor, status: .feedbackReceived, feedbackOn: d(9, 15), feedbackSummary: "REFERRAL-FEEDBACK-MARKER"),
            Referral(id: ReferralID("r2"), student: id("s1"), institution: "INSTITUTION-MARKER", referredOn: d(9, 12), greenChannel: false,
                     by: Fixture.counselor, status: .feedbackReceived, feedbackOn: d(9, 25), feedbackSummary: "REFERRAL-FEEDBACK-MARKER"),
            Referral(id: ReferralID("r3"), student: id("s3"), institution: "INSTITUTION-MARKER", referredOn: d(9, 18), greenChannel: false,
                     by: Fixture.counselor, status: .declined),
            Referral(id: ReferralID("r4"), student: id("s4"), institution: "INSTITUTION-MARKER", referredOn: d(9, 1), greenChannel: true,
                     by: Fixture.counselor),
            contact("g1", "s2", at(9, 8, 15), .notification, .reached),
            contact("g2", "s1", at(9, 11, 15), .notification, .notReached),
            contact("g3", "s3", at(9, 16, 15), .routine, .reached),
            contact("g4", "s1", at(9, 21, 15), .routine, .reached),   // after
            approved, declined,
        ])
        // Levels now: s1 watch 2, s2 watch 1, s3 watch 3, s6 watch 3 (left);
        // s4 watch 1 from before any change was recorded (no change on record).
        try store.writer.write { db in
            for (s, l) in [("s1", WarningLevel.severe), ("s2", .general), ("s3", .major), ("s4", .general), ("s6", .major)] {
                try store.setStanding(id(s), level: l, db)
            }
        }
        return store
    }

    private func counts(_ statistics: TermStatistics) -> [String: Figure] {
        Dictionary(uniqueKeysWithValues: statistics.figures.map { ($0.key.rawValue, $0.value) })
    }

    func testTheFiguresEqualTheHandCountedFiguresOfTheFixtureSchool() throws {
        let statistics = try school().termStatistics(from: first, through: last, now: asOf)
        let expected: [String: Int] = [
            // No check-in at all: every school day closed. School days 09-07…11,
            // 09-14…18 and the make-up Sunday 09-20: 11; both weeks complete, not met.
            "compliance.weeks.met": 0, "compliance.weeks.not-met": 2, "compliance.weeks.incomplete": 0,
            "compliance.school-days": 11, "compliance.days.met": 0,
            "compliance.violations.closed": 11, "compliance.violations.week-below-minimum": 2,
            "compliance.violations.unstaffed-day": 0, "compliance.violations.unstaffed-shift": 0,
            // The weekly table: nobody open; the rule asks 10 class hours of 45 minutes a week.
            "compliance.week.2026-09-07.open-minutes": 0, "compliance.week.2026-09-07.required-minutes": 450,
            "compliance.week.2026-09-14.open-minutes": 0, "compliance.week.2026-09-14.required-minutes": 450,
            // v1…v6 (v7 after, v8 before); named students s1, s2, s3, s6.
            "visits.total": 6, "visits.students": 4,
            "visits.channel.walkIn": 3, "visits.channel.appointment": 1, "visits.channel.phone": 1,
            "visits.channel.online": 1, "visits.channel.group": 0,
            // 初一: v1 v2 v4 v6; 初二: v5; anonymous: v3.
            "visits.grade.junior-7": 4, "visits.grade.junior-8": 1, "visits.grade.unknown": 1,
            // boys: v1 v4 (s1), v5 (s3), v6 (s6); girls: v2 (s2).
            "visits.gender.male": 4, "visits.gender.female": 1, "visits.gender.unknown": 1,
            // v2 has two reasons, each counted.
            "visits.reason.study": 2, "visits.reason.relationships": 1, "visits.reason.family": 1,
            "visits.reason.emotions": 2, "visits.reason.selfHarmThoughts": 0, "visits.reason.other": 1,
            // a1 done, a2 no-show, a3 cancelled (a4 after).
            "appointments.total": 3, "appointments.status.done": 1, "appointments.status.noShow": 1,
            "appointments.status.cancelled": 1, "appointments.status.requested": 0, "appointments.status.confirmed": 0,
            // c1 only (c0 began before); 初一 on the lists on 09-16: s1, s2 (s6 left 09-15).
            "screening.campaigns": 1, "screening.eligible": 2, "screening.screened": 2, "screening.invalid": 1,
            "screening.flagged": 1, "screening.confirmed": 1,
            // Start (09-07 00:00, all six on the lists): s1 watch 1 (l1), s4 watch 1 (no change on record),
            // s2 watch 2 (l3), s6 watch 3 (l6); s3 none (l5 comes later).
            "levels.start.general": 2, "levels.start.severe": 1, "levels.start.major": 1,
            // End (09-21 00:00; s6 left): s2 watch 1 (l4), s4 watch 1, s1 watch 2 (l2); s3 still none.
            "levels.end.general": 2, "levels.end.severe": 1, "levels.end.major": 0,
            // l2 raised, l4 lowered (l5 after the period).
            "levels.changes": 2, "levels.raised": 1, "levels.lowered": 1,
            // r1 r2 r3 (r4 before); r1 green; r1's feedback by 09-20 (r2's on 09-25); r3 declined.
            "referrals.total": 3, "referrals.green-channel": 1, "referrals.feedback": 1, "referrals.declined": 1,
            // g1 g2 g3 (g4 after); only g1 reached a guardian to notify; g3 routine.
            "contacts.total": 3, "contacts.notifications": 1, "contacts.routine": 1,
            // cl2 requested 09-12, cl1 09-16; cl1 approved 09-18; cl2 declined 09-14.
            "closings.requested": 2, "closings.approved": 1, "closings.declined": 1,
        ]
        let got = counts(statistics)
        for (key, n) in expected { XCTAssertEqual(got[key], .count(n), key) }
        XCTAssertEqual([got["groups.sessions"], got["groups.attendances"], got["groups.students"]], [.count(0), .count(0), .count(0)],
                       "the fixture school held no group session")
    }

    func testAHeadsStatisticsHoldNoTextAndSayWhichFiguresNeedTheClinicalKey() throws {
        let store = try school()
        let head = try store.headSession()
        let statistics = try head.termStatistics(from: first, through: last, now: asOf)
        let got = counts(statistics)
        for key in ["referrals.total", "referrals.green-channel", "referrals.feedback", "referrals.declined",
                    "contacts.total", "contacts.notifications", "contacts.routine"] {
            XCTAssertEqual(got[key], .needs(.clinical), key)
        }
        // What the oversight key opens is counted as for a counselor.
        XCTAssertEqual(got["levels.start.general"], .count(2))
        XCTAssertEqual(got["closings.declined"], .count(1))
        XCTAssertEqual(got["visits.total"], .count(6))
        let text = try head.sealedStatistics(from: first, through: last, now: asOf, fileID: "f", suppressingSmallCounts: true).canonicalText
        XCTAssertTrue(text.contains("referrals.total = needs-clinical-key"), text)
        let counselorText = try store.sealedStatistics(from: first, through: last, now: asOf, fileID: "f", suppressingSmallCounts: false).canonicalText
        for marker in Self.markers + ["张三", "张父", "王老师", "2026000"] {
            XCTAssertFalse(text.contains(marker), marker)
            XCTAssertFalse(counselorText.contains(marker), marker)
        }
        // A duty teacher's session reads neither tier: no level is a zero.
        let duty = counts(try store.dutySession().termStatistics(from: first, through: last, now: asOf))
        XCTAssertEqual(duty["levels.end.severe"], .needs(.oversight))
        XCTAssertEqual(duty["screening.campaigns"], .needs(.oversight))
    }

    func testSmallCountsAboutStudentsShowAsFewerThanFiveAndZeroStaysZero() throws {
        let exact = try school().termStatistics(from: first, through: last, now: asOf)
        let shown = counts(exact.suppressingSmallCounts)
        XCTAssertTrue(exact.suppressingSmallCounts.smallCountsSuppressed)
        XCTAssertEqual(shown["visits.total"], .count(6))
        XCTAssertEqual(shown["visits.channel.walkIn"], .fewerThanFive)
        XCTAssertEqual(shown["visits.grade.junior-8"], .fewerThanFive)
        XCTAssertEqual(shown["visits.channel.group"], .count(0))
        XCTAssertEqual(shown["referrals.total"], .fewerThanFive)
        // The room's own figures name nobody: as they are.
        XCTAssertEqual(shown["compliance.weeks.not-met"], .count(2))
        XCTAssertEqual(shown["screening.campaigns"], .count(1))
        XCTAssertEqual(shown["compliance.school-days"], .count(11))
    }

    func testTheCanonicalTextReadsBackAsItWasWritten() throws {
        let store = try school()
        let sealed = try store.sealedStatistics(from: first, through: last, now: asOf, fileID: "abc123", suppressingSmallCounts: true)
        XCTAssertEqual(sealed.canonicalText, try store.sealedStatistics(from: first, through: last, now: asOf, fileID: "abc123",
                                                                        suppressingSmallCounts: true).canonicalText,
                       "the same records give the same text")
        let read = try EmbeddedStatistics(canonicalText: "<pre>\n" + sealed.canonicalText + "\n")
        XCTAssertEqual(read.seal, sealed.seal)
        XCTAssertTrue(read.smallCountsSuppressed)
        XCTAssertEqual(read.figures.map(\.key), sealed.statistics.figures.map(\.key.rawValue))
        XCTAssertEqual(read.figures.map(\.value), sealed.statistics.figures.map(\.value))
        XCTAssertThrowsError(try EmbeddedStatistics(canonicalText: "hello")) { XCTAssertEqual($0 as? StatisticsTextError, .notStatistics) }
        let altered = sealed.canonicalText.replacingOccurrences(of: "visits.total = 6", with: "visits.total = six")
        let alteredLine = altered.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("visits.total") }! + 1
        XCTAssertThrowsError(try EmbeddedStatistics(canonicalText: altered)) {
            XCTAssertEqual($0 as? StatisticsTextError, .badLine(alteredLine))
        }
        // Inside a whole HTML document, lines ending CR LF (saved on Windows).
        let html = "<!doctype html><html><body><h1>工作统计 &lt;5</h1>\n<pre class=\"seal\">\n" + sealed.canonicalText + "</pre></body></html>\n"
        XCTAssertEqual(try EmbeddedStatistics(canonicalText: html), read)
        XCTAssertEqual(try EmbeddedStatistics(canonicalText: html.replacingOccurrences(of: "\n", with: "\r\n")), read)
        XCTAssertFalse(sealed.canonicalText.contains { "<>&\"'".contains($0) }, "HTML holds it unescaped")
        let cut = sealed.canonicalText.replacingOccurrences(of: "end of xindesk term statistics", with: "")
        XCTAssertThrowsError(try EmbeddedStatistics(canonicalText: cut)) { XCTAssertEqual($0 as? StatisticsTextError, .cutShort) }
        let noHead = sealed.canonicalText.split(separator: "\n").filter { !$0.hasPrefix("audit-head") }.joined(separator: "\n")
        XCTAssertThrowsError(try EmbeddedStatistics(canonicalText: noHead)) { XCTAssertEqual($0 as? StatisticsTextError, .missingSeal) }
    }

    func testVerifyPassesUntouchedAndNamesTheFigureAndTheEntryOfAVisitAddedAfterPrinting() throws {
        let store = try school()
        let printed = try EmbeddedStatistics(canonicalText: try store.sealedStatistics(
            from: first, through: last, now: asOf, fileID: "file-1", suppressingSmallCounts: false).canonicalText)
        let untouched = try store.verifyStatistics(printed, fileID: "file-1")
        XCTAssertTrue(untouched.passes, "\(untouched.differing)")
        XCTAssertEqual(untouched.audit, .sameHead)
        XCTAssertTrue(untouched.laterEntries.isEmpty)
        XCTAssertFalse(try store.verifyStatistics(printed, fileID: "another-file").passes, "another database's document")

        // A walk-in on 09-15 entered on 10-02, into the printed period.
        let late = Visit(id: VisitID("v9"), student: StudentID("s4"), loggedBy: Fixture.duty, channel: .walkIn,
                         start: at(9, 15, 12), end: at(9, 15, 12, 30), reasons: [.study], brief: "")
        try store.execute(.logVisit(late), as: .duty, at: at(10, 2, 9))
        let after = try store.verifyStatistics(printed, fileID: "file-1")
        XCTAssertFalse(after.passes)
        XCTAssertEqual(after.audit, .sameHead, "nothing was rolled back")
        let differing = Dictionary(uniqueKeysWithValues: after.differing.map { ($0.key, ($0.printed, $0.now)) })
        XCTAssertEqual(differing["visits.total"]?.0, .count(6))
        XCTAssertEqual(differing["visits.total"]?.1, .count(7))
        XCTAssertEqual(Set(differing.keys), ["visits.total", "visits.students", "visits.channel.walkIn", "visits.grade.junior-8",
                                             "visits.gender.female", "visits.reason.study"])
        XCTAssertEqual(after.laterEntries.map(\.action), ["visit.add"])
        XCTAssertEqual(after.laterEntries.first?.actor, "duty")
    }

    func testAHeadCannotVerifyACounselorsClinicalFiguresAndVerifiesItsOwnPrint() throws {
        let store = try school(), head = try store.headSession()
        let counselors = try EmbeddedStatistics(canonicalText: try store.sealedStatistics(
            from: first, through: last, now: asOf, fileID: "f", suppressingSmallCounts: true).canonicalText)
        let byHead = try head.verifyStatistics(counselors, fileID: "f")
        XCTAssertFalse(byHead.passes, "a figure the head cannot count is not vouched for")
        XCTAssertTrue(byHead.differing.isEmpty)
        XCTAssertTrue(byHead.unchecked.contains { $0.key == "referrals.total" && $0.outcome == .cannotCheck(.clinical) })
        let own = try EmbeddedStatistics(canonicalText: try head.sealedStatistics(
            from: first, through: last, now: asOf, fileID: "f", suppressingSmallCounts: true).canonicalText)
        XCTAssertTrue(try head.verifyStatistics(own, fileID: "f").passes)
        // A counselor checks the head's print; what it did not show is not compared.
        let byCounselor = try store.verifyStatistics(own, fileID: "f")
        XCTAssertTrue(byCounselor.passes)
        XCTAssertTrue(byCounselor.figures.contains { $0.key == "referrals.total" && $0.outcome == .notPrinted })
    }

    func testVerifyTellsARollbackFromAnotherHistoryAfterTheSameEntryCount() throws {
        let store = try school()
        let earlier = try DatabaseQueue()
        try store.writer.backup(to: earlier)
        let walkIn = Visit(id: VisitID("v9"), student: nil, loggedBy: Fixture.duty, channel: .walkIn,
                           start: at(9, 15, 12), end: at(9, 15, 12, 30), reasons: [.study], brief: "")
        try store.execute(.logVisit(walkIn), as: .duty, at: at(10, 2, 9))
        let printed = try EmbeddedStatistics(canonicalText: try store.sealedStatistics(
            from: first, through: last, now: asOf, fileID: "f", suppressingSmallCounts: false).canonicalText)

        // Put back to the copy made before the visit: one entry fewer.
        let copy = try Store(writer: earlier, timeZone: store.timeZone, accounts: store.accounts, keys: store.keys)
        let rolledBack = try copy.verifyStatistics(printed, fileID: "f")
        XCTAssertEqual(rolledBack.audit, .rolledBack(entriesNow: printed.seal.auditEntries - 1))
        XCTAssertFalse(rolledBack.passes)
        XCTAssertTrue(rolledBack.differing.contains { $0.key == "visits.total" })

        // The copy then went on otherwise: as many entries, another one last.
        let phone = Visit(id: VisitID("v10"), student: nil, loggedBy: Fixture.duty, channel: .phone,
                          start: at(9, 16, 12), end: at(9, 16, 12, 30), reasons: [.other], brief: "")
        try copy.execute(.logVisit(phone), as: .duty, at: at(10, 2, 9))
        let other = try copy.verifyStatistics(printed, fileID: "f")
        XCTAssertEqual(other.audit, .otherHistory)
        XCTAssertFalse(other.passes)
        XCTAssertTrue(other.laterEntries.isEmpty, "nothing is 'since' a head this log does not hold")
    }
}
