import Counseling
import XCTest

/// What a teacher types into a date field, read relative to today
/// (Monday 2026-12-07 here; weeks run Monday to Sunday).
final class DayTypedTests: XCTestCase {
    let today = day(2026, 12, 7)

    private func typed(_ text: String) throws -> Day { try Day.parse(typed: text, today: today, field: .dueDate) }

    func testFullDatesAsSpreadsheetsWriteThem() throws {
        for text in ["2026-12-14", "2026/12/14", "2026年12月14日", "20261214", " ２０２６-１２-１４ "] {
            XCTAssertEqual(try typed(text), day(2026, 12, 14), text)
        }
    }

    func testMonthAndDayAreThisYears() throws {
        for text in ["12-14", "12/14", "12.14", "12月14日", "12月14号", "１２月１４日"] {
            XCTAssertEqual(try typed(text), day(2026, 12, 14), text)
        }
        XCTAssertEqual(try typed("1-5"), day(2026, 1, 5))
        XCTAssertThrowsError(try typed("2-30")) { XCTAssertEqual($0 as? ValidationError, .invalidDate(.dueDate)) }
    }

    func testWordsSaidAloud() throws {
        XCTAssertEqual(try typed("今天"), today)
        XCTAssertEqual(try typed("明天"), day(2026, 12, 8))
        XCTAssertEqual(try typed("Tomorrow"), day(2026, 12, 8))
        XCTAssertEqual(try typed("后天"), day(2026, 12, 9))
        XCTAssertEqual(try typed("昨天"), day(2026, 12, 6))
    }

    func testWeekdaysInTheWeekTheyName() throws {
        XCTAssertEqual(try typed("下周一"), day(2026, 12, 14))
        XCTAssertEqual(try typed("下星期三"), day(2026, 12, 16))
        XCTAssertEqual(try typed("下周日"), day(2026, 12, 20))
        XCTAssertEqual(try typed("next monday"), day(2026, 12, 14))
        XCTAssertEqual(try typed("Next Fri"), day(2026, 12, 18))
        XCTAssertEqual(try typed("本周五"), day(2026, 12, 11))
        // A bare weekday is the next one, today included.
        XCTAssertEqual(try typed("周一"), today)
        XCTAssertEqual(try typed("周三"), day(2026, 12, 9))
        XCTAssertEqual(try typed("sunday"), day(2026, 12, 13))
        // From a Saturday, 下周一 is two days on and 周一 the same day.
        let saturday = day(2026, 12, 12)
        XCTAssertEqual(try Day.parse(typed: "下周一", today: saturday, field: .date), day(2026, 12, 14))
        XCTAssertEqual(try Day.parse(typed: "周一", today: saturday, field: .date), day(2026, 12, 14))
    }

    func testAnythingElseIsRefusedNamingTheField() {
        XCTAssertThrowsError(try typed("")) { XCTAssertEqual($0 as? ValidationError, .empty(.dueDate)) }
        for text in ["三", "周八", "next", "mo", "14", "2026-13-01", "下周", "soon"] {
            XCTAssertThrowsError(try typed(text), text) { XCTAssertEqual($0 as? ValidationError, .invalidDate(.dueDate)) }
        }
    }

    /// The spreadsheet reader stays strict: relative words mean nothing in
    /// a file read on another day.
    func testImportsStillTakeOnlyFullDates() {
        XCTAssertThrowsError(try Day.parse("明天", field: .date))
        XCTAssertThrowsError(try Day.parse("12-14", field: .date))
    }
}

/// A reason says something: letters, a Chinese character counting twice.
final class ReasonTextTests: XCTestCase {
    func testTooShortReasonsAreRefusedWithAMessageInBothLanguages() {
        for short in ["3", "测", "ok", "3 3 3", "!!!", "a1b"] {
            XCTAssertEqual(TextCheck.reason(short), .tooShort(.reason), short)
        }
        for enough in ["好转", "情绪稳定", "calm", "复诊结论正常"] { XCTAssertNil(TextCheck.reason(enough), enough) }
        XCTAssertEqual(TextCheck.reason("  "), .empty(.reason))
        XCTAssertEqual(TextCheck.reason("好转\u{1B}[2J"), .controlCharacters(.reason))
        let message = ValidationError.tooShort(.reason).message
        XCTAssertTrue(message.zh.hasPrefix("原因太短"))
        XCTAssertTrue(message.en.hasPrefix("The reason is too short"))
    }

    func testALevelChangeWithAOneCharacterReasonIsRefused() {
        XCTAssertThrowsError(try LevelChange.make(id: LevelChangeID("l"), student: StudentID("s"), from: .none, to: .severe,
                                                  by: StaffID("li"), at: at(day(2026, 12, 7), 10, 0), reason: "3")) {
            XCTAssertEqual($0 as? LevelChangeError, .invalidReason(.tooShort(.reason)))
        }
    }
}
