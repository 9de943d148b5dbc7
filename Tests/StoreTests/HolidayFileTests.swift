import Counseling
import Foundation
import XCTest
@testable import Store

final class HolidayFileTests: XCTestCase {
    func testBundledFileHasNationalDayAndMakeUpSchoolDays() throws {
        let calendar = try HolidayFile.bundledCalendar()
        XCTAssertFalse(calendar.isSchoolDay(Fixture.day(2026, 10, 1)), "National Day")
        XCTAssertTrue(calendar.isSchoolDay(Fixture.day(2026, 9, 20)), "make-up Sunday")
        XCTAssertTrue(calendar.isSchoolDay(Fixture.day(2026, 10, 10)), "make-up Saturday")
        XCTAssertTrue(calendar.isSchoolDay(Fixture.day(2026, 10, 12)))
        XCTAssertFalse(calendar.isSchoolDay(Fixture.day(2026, 10, 11)), "an ordinary Sunday")
        let contents = try HolidayFile.parse(BundledHolidays.text)
        XCTAssertEqual(contents.holidays.count, 13)
        XCTAssertEqual(contents.makeUpWorkdays.count, 11)
    }

    func testBundledTextIsTheSharedDataFile() throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/data/cn-public-holidays.toml").standardizedFileURL.path
        guard let text = try? String(contentsOfFile: shared, encoding: .utf8) else {
            throw XCTSkip("the shared data file is not beside this checkout")
        }
        XCTAssertEqual(text.trimmingCharacters(in: .newlines), BundledHolidays.text)
    }

    func testMalformedFileNamesTheLine() {
        let text = """
            [2026]
            holidays = [
              { name = "国庆节", en = "National Day", from = 2026-10-01, to = 2026-13-07 },
            ]
            """
        XCTAssertThrowsError(try HolidayFile.parse(text, file: "bad.toml")) { error in
            let e = error as? HolidayFile.ParseError
            XCTAssertEqual(e?.line, 3)
            XCTAssertEqual(e?.file, "bad.toml")
            XCTAssertTrue(e?.message.zh.contains("第 3 行") ?? false)
        }
        XCTAssertThrowsError(try HolidayFile.parse("[2026]\nvacation = [2026-01-01]\n")) { error in
            XCTAssertEqual((error as? HolidayFile.ParseError)?.line, 2)
        }
        XCTAssertThrowsError(try HolidayFile.parse("holidays = [\n")) { error in
            XCTAssertEqual((error as? HolidayFile.ParseError)?.line, 1)
        }
    }
}
