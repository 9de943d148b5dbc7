import Counseling
import Store
import Terminal
import XCTest
@testable import Workstation

/// The student list a duty teacher gets holds no level or flag, and the
/// filter cannot be used to find out who has one.
final class ListPrivacyTests: XCTestCase {
    typealias F = WorkstationFixture

    func testDutyTeacherListHasNoLevelsOrFlagsAndLevelWordsAreText() throws {
        let counselor = try F.state("counselor", [.counselor])
        let keyStudents = counselor.students.filter { $0.level == .major }
        XCTAssertFalse(keyStudents.isEmpty, "the demo school has level-3 students")
        XCTAssertFalse(counselor.students.allSatisfy { $0.flags.isEmpty }, "the demo school has flagged students")

        var duty = try F.state("duty", [.duty])
        XCTAssertEqual(Set(duty.students.map(\.level)), [WarningLevel.none])
        XCTAssertTrue(duty.students.allSatisfy { $0.flags.isEmpty })
        _ = F.press(&duty, .character("/"))
        _ = F.type(&duty, "L3")
        XCTAssertEqual(duty.visible, [], "L3 is plain text: no student's number, name or class holds it")
        _ = F.press(&duty, .escape)
        _ = F.press(&duty, .character("/"))
        _ = F.type(&duty, "#留守")
        XCTAssertEqual(duty.visible, [])
        _ = F.press(&duty, .escape)
        _ = F.press(&duty, .character("/"))
        _ = F.type(&duty, keyStudents[0].number)
        let rows = F.screen(duty).split(separator: "\n").filter { line in keyStudents.contains { line.contains($0.name) } }
        XCTAssertFalse(rows.isEmpty, "a level-3 student is on the duty teacher's screen")
        for row in rows {
            for level in [WarningLevel.general, .severe, .major] { XCTAssertFalse(row.contains(level.displayName.en), String(row)) }
        }
    }

    func testCounselorFiltersByLevelAndFlag() throws {
        var s = try F.state("counselor", [.counselor])
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, "L3")
        XCTAssertEqual(Set(s.visible.map { s.students[$0].level }), [.major])
        _ = F.press(&s, .escape)
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, "#留守")
        XCTAssertFalse(s.visible.isEmpty)
        XCTAssertTrue(s.visible.allSatisfy { s.students[$0].flags.contains(.leftBehind) })
        XCTAssertEqual(s.visible.count, s.students.filter { $0.flags.contains(.leftBehind) }.count)
    }
}
