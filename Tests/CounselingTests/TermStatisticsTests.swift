import Counseling
import XCTest

/// The pure counting of `TermStatistics`: the group-session hook, the
/// boundaries of the period, and the canonical values.
final class TermStatisticsTests: XCTestCase {
    private let first = day(2026, 9, 7), last = day(2026, 9, 13)

    private func input(students: [Student] = [], levels: Readable<TermStatisticsInput.LevelHistory> = .read(.init(changes: [], current: [:])),
                       groups: Readable<GroupSessionCounts>? = nil) -> TermStatisticsInput {
        let now = at(day(2026, 9, 30), 8, 0)
        let report = Compliance.evaluate(from: first, through: last, calendar: autumn2026(), policy: .preset(.primarySecondary),
                                         shifts: [], checkIns: [], now: now)
        return TermStatisticsInput(first: first, last: last, asOf: now, compliance: report, students: students, visits: [],
                                   appointments: [], levels: levels, campaigns: .read([]), referrals: .needs(.clinical),
                                   guardianContacts: .needs(.clinical), closings: .read([]), groupSessions: groups)
    }

    func testGroupSessionCountsPassedInBecomeTheGroupFigures() {
        let counted = TermStatistics(input(groups: .read(GroupSessionCounts(sessions: 3, attendances: 11, students: .read(7)))))
        XCTAssertEqual(counted.figures(in: .groups).map(\.key), [.groupSessions, .groupAttendances, .groupStudents])
        XCTAssertEqual(counted.figures(in: .groups).map(\.value), [.count(3), .count(11), .count(7)])
        XCTAssertEqual(counted.suppressingSmallCounts[.groupSessions], .fewerThanFive)
        XCTAssertEqual(counted.suppressingSmallCounts[.groupAttendances], .count(11))
        let unreadable = TermStatistics(input(groups: .needs(.clinical)))
        XCTAssertEqual(unreadable[.groupStudents], .needs(.clinical))
        // A head counts sessions and attendances, never who took part.
        let head = TermStatistics(input(groups: .read(GroupSessionCounts(sessions: 3, attendances: 11, students: .needs(.clinical)))))
        XCTAssertEqual(head.figures(in: .groups).map(\.value), [.count(3), .count(11), .needs(.clinical)])
        XCTAssertTrue(TermStatistics(input()).figures(in: .groups).isEmpty, "no hook, no figures")
        // What the session lacked stays unread through suppression: never a 0, never <5.
        XCTAssertEqual(unreadable.suppressingSmallCounts[.referrals], .needs(.clinical))
    }

    func testAChangeAtTheFirstInstantIsInThePeriodAndNotYetTheStartingLevel() {
        let s = student("20260001", "张三")
        let change = levelChange("l1", s.id, .none, .severe, at(first, 0, 0))
        let statistics = TermStatistics(input(students: [s], levels: .read(.init(changes: [change], current: [s.id: .severe]))))
        XCTAssertEqual(statistics[.levelAtStart(.severe)], .count(0))
        XCTAssertEqual(statistics[.levelAtEnd(.severe)], .count(1))
        XCTAssertEqual(statistics[.levelChanges], .count(1))
        XCTAssertEqual(statistics[.levelsRaised], .count(1))
    }

    func testAStudentOnLeaveIsOffTheListsUntilTheyReturn() {
        var s = student("20260002", "李四")
        s.enrolment = [EnrolmentEvent(change: .left(.leaveOfAbsence), on: day(2026, 9, 8), reason: "", by: counselor, at: at(day(2026, 9, 8), 9, 0)),
                       EnrolmentEvent(change: .returned, on: day(2026, 9, 11), reason: "", by: counselor, at: at(day(2026, 9, 11), 9, 0))]
        XCTAssertTrue(s.isEnrolled(on: day(2026, 9, 7)))
        XCTAssertFalse(s.isEnrolled(on: day(2026, 9, 8)))
        XCTAssertFalse(s.isEnrolled(on: day(2026, 9, 10)))
        XCTAssertTrue(s.isEnrolled(on: day(2026, 9, 11)))
    }

    func testFigureValuesReadBackAndNothingElseDoes() {
        for figure in [Figure.count(0), .count(12), .fewerThanFive, .needs(.clinical), .needs(.oversight)] {
            XCTAssertEqual(Figure(canonical: figure.canonical), figure)
        }
        for text in ["07", "-1", "x", "", "<5", "&lt;5", "needs-page-key", "1.0"] { XCTAssertNil(Figure(canonical: text), text) }
    }

    func testEveryFigureHasItsOwnASCIINameAndBothLanguages() {
        let s = student("20260003", "王五")
        let statistics = TermStatistics(input(students: [s], groups: .read(GroupSessionCounts(sessions: 0, attendances: 0, students: .read(0)))))
        let names = statistics.figures.map(\.key.rawValue)
        XCTAssertEqual(Set(names).count, names.count)
        XCTAssertTrue(names.allSatisfy { $0.allSatisfy { $0.isASCII && !$0.isWhitespace } }, "\(names)")
        for figure in statistics.figures {
            XCTAssertFalse(figure.key.displayName.zh.isEmpty)
            XCTAssertNotEqual(figure.key.displayName.zh, figure.key.displayName.en, figure.key.rawValue)
        }
        for section in StatisticsKey.Section.allCases { XCTAssertNotEqual(section.displayName.zh, section.displayName.en) }
    }
}
