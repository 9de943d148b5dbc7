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

    func testDemoSurnamesIncludeCommonAndPolyphonicOnes() throws {
        let demo = try school(seed: 3, students: 3000)
        let surnames = Dictionary(grouping: demo.students, by: { String($0.name.prefix(1)) }).mapValues(\.count)
        XCTAssertGreaterThan(surnames["王"] ?? 0, surnames["魏"] ?? 0)
        XCTAssertGreaterThan(surnames.count, 40)
    }
}
