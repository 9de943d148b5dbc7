import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

final class DemoSchoolTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 11, 20), 18)

    private func school(seed: UInt64, students: Int = 600) throws -> DemoSchool {
        DemoSchool.generate(students: students, seed: seed, now: now, calendar: try HolidayFile.bundledCalendar())
    }

    func testSameSeedGivesTheSameSchoolAndAnotherSeedAnother() throws {
        let a = try school(seed: 7), b = try school(seed: 7), c = try school(seed: 8)
        XCTAssertEqual(a.students, b.students)
        XCTAssertEqual(a.records.count, b.records.count)
        XCTAssertNotEqual(a.students.map(\.name), c.students.map(\.name))
        XCTAssertEqual(Set(a.students.map(\.number)).count, 600, "student numbers are unique")
    }

    func testDemoHasKeyAttentionStudentsViolationsAndOverdueFollowUps() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone, keys: .ephemeral())
        let demo = try school(seed: 1, students: 1200)
        try store.saveDemo(demo, by: DemoSchool.counselorID, at: now)
        let counts = try store.levelCounts()
        let key = (counts[.severe] ?? 0) + (counts[.major] ?? 0)
        XCTAssertEqual(key, 36, "3% of 1,200")
        XCTAssertGreaterThan(counts[.major] ?? 0, 0)
        let queue = try store.keyAttentionQueue(today: now.day)
        XCTAssertEqual(queue.count, 36)
        XCTAssertFalse(try store.overdueFollowUps(today: now.day).isEmpty)
        XCTAssertFalse(try store.referralsWithoutFeedback(today: now.day).isEmpty)
        let report = try store.compliance(from: Fixture.day(2026, 9, 1), through: now.day, now: now)
        let statuses = Set(report.days.map(\.status))
        XCTAssertTrue(statuses.contains(.openOnlyDuringLessons), "\(statuses)")
        XCTAssertTrue(statuses.contains(.unstaffed) || statuses.contains(.closed), "\(statuses)")
        XCTAssertTrue(report.shifts.contains { $0.coverage == .gap })
        XCTAssertTrue(report.violations.contains { if case .weekBelowMinimum = $0.kind { return true }; return false })
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 1))
    }

    /// `report screening` on the demo agrees with a count made here from
    /// the demo's own records, class by class, for a head and a counselor.
    func testTheScreeningReportMatchesTheDemosRecordsCountedByHand() throws {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone, keys: .ephemeral())
        let demo = try school(seed: 1, students: 1200)
        try store.saveDemo(demo, by: DemoSchool.counselorID, at: now)
        let results = demo.records.compactMap { $0 as? ScreeningResult }
        let proposals = demo.records.compactMap { $0 as? ScreeningProposal }
        let classOf = Dictionary(uniqueKeysWithValues: demo.students.map { ($0.id, $0.className) })
        let report = try store.screeningReport(year: SchoolYear(startYear: 2026))
        let section = try XCTUnwrap(report.sections.first)
        XCTAssertEqual(report.sections.count, 1)
        for row in section.rows {
            let mine = results.filter { classOf[$0.student] == row.tally.classRef.className }
            let theirs = proposals.filter { p in mine.contains { $0.id == p.result } }
            XCTAssertEqual(row.enrolled, demo.students.filter { $0.className == row.tally.classRef.className }.count)
            XCTAssertEqual(row.tally.screened, mine.count, row.tally.classRef.className)
            XCTAssertEqual(row.notScreened, row.enrolled - mine.count)
            XCTAssertEqual(row.tally.invalid, mine.filter(\.needsRetest).count)
            XCTAssertEqual(row.tally.flagged, mine.filter { $0.flag != .none }.count)
            XCTAssertEqual(row.tally.confirmed, theirs.filter { $0.status == .confirmed }.count)
            XCTAssertEqual(row.tally.pending, theirs.filter { $0.status == .pending }.count)
        }
        // The whole campaign, as counted once by hand for seed 1.
        let t = section.total
        XCTAssertEqual([t.screened, t.invalid, t.flagged, t.confirmed, t.dismissed, t.pending], [391, 12, 28, 11, 0, 17])
        XCTAssertEqual(report.coverage.map { "\($0.grade):\($0.screened)/\($0.enrolled)" }, ["7:391/400", "8:0/400", "9:0/400"])
        XCTAssertEqual(section.notScreened?.count, 9)
        XCTAssertEqual(section.retests?.count, 12)
        // A head reads the same counts and no name.
        let head = try store.headSession().screeningReport(year: SchoolYear(startYear: 2026))
        XCTAssertEqual(head.sections.first?.rows, section.rows)
        XCTAssertNil(head.sections.first?.notScreened)
    }

    func testDemoSurnamesIncludeCommonAndPolyphonicOnes() throws {
        let demo = try school(seed: 3, students: 3000)
        let surnames = Dictionary(grouping: demo.students, by: { String($0.name.prefix(1)) }).mapValues(\.count)
        XCTAssertGreaterThan(surnames["王"] ?? 0, surnames["魏"] ?? 0)
        XCTAssertGreaterThan(surnames.count, 40)
    }
}
