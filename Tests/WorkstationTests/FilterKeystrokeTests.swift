import Counseling
import Store
import Terminal
import XCTest
@testable import Workstation

/// A keystroke in the filter is pure work on what the unlock loaded: it
/// asks the store nothing and decodes no JSON (the debug hook counts every
/// decode the store makes), so the list stays fast whatever the school's size.
final class FilterKeystrokeTests: XCTestCase {
    typealias F = WorkstationFixture

    func testTypingAndDeletingAFilterAsksTheStoreNothingAndDecodesNoJSON() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        XCTAssertEqual(F.press(&s, .character("/")), [])
        let before = StoredJSON.decodeCount
        var narrowed = false
        for query in ["zs", "2026", "g7 l", "#留守", "初一", "L3"] {
            for c in query {
                XCTAssertEqual(F.press(&s, .character(c)), [], "\(query): a keystroke asks for no effect")
                _ = Render.frame(s)
            }
            narrowed = narrowed || (s.visible.count < s.students.count && !s.visible.isEmpty)
            for _ in query {
                XCTAssertEqual(F.press(&s, .backspace), [])
                _ = Render.frame(s)
            }
        }
        XCTAssertTrue(narrowed, "the filter found some students and left others out")
        XCTAssertEqual(StoredJSON.decodeCount, before, "no JSON decoded while filtering")
    }
}
