import Foundation
import XCTest
@testable import Counseling

/// The byte reader of the stored forms must agree with the typed-input
/// parsers on every stored text, and leave everything else to them.
final class StoredDateFormTests: XCTestCase {
    func testStoredFormsReadBackWhatDescriptionWrote() {
        for days in stride(from: -800, through: 30_000, by: 37) {
            let day = Day(daysSinceEpoch: days)
            XCTAssertEqual(Day(stored: day.description), day)
        }
        for seconds in stride(from: 0, to: 86_400, by: 59) {
            let time = TimeOfDay(secondsSinceMidnight: seconds)!
            XCTAssertEqual(TimeOfDay(stored: time.description), time, time.description)
            let moment = LocalDateTime(Day(year: 2026, month: 2, day: 28)!, time)
            XCTAssertEqual(LocalDateTime(stored: moment.description), moment, moment.description)
        }
    }

    func testAnythingElseIsLeftToTheTypedParsers() throws {
        for text in ["2026-9-20", "2026/09/20", "2026-02-30", "2026-13-01", "20260920", "2026-09-2x", "２０２６-09-20", ""] {
            XCTAssertNil(Day(stored: text), text)
        }
        for text in ["8:00", "25:00", "08:60", "08:00:", "08-00", "08:00:61"] { XCTAssertNil(TimeOfDay(stored: text), text) }
        for text in ["2026-09-20 08:00", "2026-09-20T8:00", "2026-09-20T"] { XCTAssertNil(LocalDateTime(stored: text), text) }
        // Decoding still reads what a person wrote in a file.
        let decoded = try JSONDecoder().decode([Day].self, from: Data(#"["2026-09-20", "2026/9/20"]"#.utf8))
        XCTAssertEqual(decoded, [Day(year: 2026, month: 9, day: 20)!, Day(year: 2026, month: 9, day: 20)!])
        XCTAssertEqual(try JSONDecoder().decode([TimeOfDay].self, from: Data(#"["8:05"]"#.utf8)), [TimeOfDay(hour: 8, minute: 5)!])
        XCTAssertThrowsError(try JSONDecoder().decode([LocalDateTime].self, from: Data(#"["2026-09-20T24:00"]"#.utf8)),
                             "the end of the day is no moment")
    }
}
