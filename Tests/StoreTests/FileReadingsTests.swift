import Counseling
import Foundation
import XCTest
@testable import Store

/// Who opened a student's file, from the audit log: a head reads who and
/// when (the entries are under the student's oversight link), a duty
/// teacher's keys find nothing, and no entry's detail is read.
final class FileReadingsTests: XCTestCase {
    func testAHeadReadsWhoOpenedTheFileAndADutyTeacherNothing() throws {
        let now = Fixture.at(Fixture.day(2026, 10, 20), 10)
        let store = try Fixture.store(students: [Fixture.student(1), Fixture.student(2, name: "李四")])
        let s1 = StudentID("s1")
        _ = try store.openFile(s1, as: .counselor, at: now)
        _ = try store.openFile(s1, as: .counselor2, at: Fixture.at(now.day, 11))
        _ = try store.openFile(StudentID("s2"), as: .counselor, at: now)
        let head = try store.headSession()
        XCTAssertEqual(try head.fileReadings(of: s1).map(\.actor), [Fixture.counselor, Fixture.counselor2])
        XCTAssertEqual(try head.fileReadings(of: s1).map(\.at), [now, Fixture.at(now.day, 11)])
        XCTAssertEqual(try head.fileReadings(of: s1, in: Fixture.day(2026, 10, 21)...Fixture.day(2026, 10, 31)), [])
        XCTAssertEqual(try store.dutySession().fileReadings(of: s1), [], "no link key: no entry can be told to be the student's")
    }
}
