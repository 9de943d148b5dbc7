import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// The first-run checklist reads what the store holds: a new school has
/// done nothing, and each setup step is seen as soon as it is stored.
final class SetupFactsTests: XCTestCase {
    typealias F = Fixture

    func testANewSchoolHasEveryStepToDoAndEachIsSeenOnceStored() throws {
        let store = try F.store(students: [], accounts: [.admin])
        let today = F.termStart.day
        var facts = try store.setupFacts(today: today)
        XCTAssertEqual(facts, SetupFacts(schoolFileApplied: false, accounts: [.admin: 1], students: 0, upcomingShifts: 0))
        XCTAssertTrue(facts.isNewSchool)
        XCTAssertEqual(facts.missingRoles, [.duty, .counselor, .head])
        XCTAssertEqual(SetupStep.allCases.filter { $0.isDone(facts) }, [])

        try store.execute(.importStudents([F.student(1)]), as: .admin, at: F.termStart)
        let tomorrow = LocalDateTime(today.adding(days: 1), TimeOfDay(hour: 12, minute: 0)!)
        try store.execute(.importShifts([PlannedShift(id: PlannedShiftID("s-1"), person: F.duty,
                                                      span: TimeSpan(start: tomorrow, end: tomorrow.adding(minutes: 60)))]),
                          as: .head, at: F.termStart)
        try store.set(.calendar, try store.calendar(), by: F.head, at: F.termStart)
        facts = try store.setupFacts(today: today)
        XCTAssertFalse(facts.isNewSchool)
        XCTAssertEqual(SetupStep.allCases.filter { $0.isDone(facts) }, [.schoolFile, .students, .roster])
        // A shift that is over does not make a roster for the weeks ahead.
        XCTAssertEqual(try store.setupFacts(today: today.adding(days: 2)).upcomingShifts, 0)
    }

    func testAccountsStepIsDoneWhenDutyCounselorAndHeadEachHaveAnAccount() {
        var facts = SetupFacts(schoolFileApplied: true, accounts: [.head: 1, .admin: 1], students: 5, upcomingShifts: 3)
        XCTAssertEqual(facts.missingRoles, [.duty, .counselor])
        XCTAssertTrue(SetupStep.accounts.how(facts).zh.contains("还缺：值班教师、心理教师"))
        XCTAssertTrue(SetupStep.accounts.how(facts).en.contains("--role duty"))
        XCTAssertFalse(facts.isComplete)
        facts.accounts[.duty] = 2
        facts.accounts[.counselor] = 1
        XCTAssertTrue(facts.isComplete)
    }
}
