import Counseling
import XCTest

// Synthetic fixtures only: the names are the placeholder names 张三 / 李四 /
// 王五 of Chinese textbooks, the numbers are made up.

func day(_ year: Int, _ month: Int, _ day: Int, file: StaticString = #filePath, line: UInt = #line) -> Day {
    guard let result = Day(year: year, month: month, day: day) else {
        XCTFail("not a day: \(year)-\(month)-\(day)", file: file, line: line)
        return Day(daysSinceEpoch: 0)
    }
    return result
}

func time(_ hour: Int, _ minute: Int) -> TimeOfDay { TimeOfDay(hour: hour, minute: minute)! }

func at(_ d: Day, _ hour: Int, _ minute: Int) -> LocalDateTime { LocalDateTime(d, time(hour, minute)) }

func span(_ d: Day, _ h1: Int, _ m1: Int, _ h2: Int, _ m2: Int) -> TimeSpan {
    TimeSpan(on: d, from: time(h1, m1), to: time(h2, m2))
}

/// Encodes and decodes `value`, returning the JSON text and the decoded copy.
func roundTrip<T: Codable>(_ value: T) throws -> (json: String, decoded: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(value)
    return (String(decoding: data, as: UTF8.self), try JSONDecoder().decode(T.self, from: data))
}
