import Counseling
import Foundation

/// Reads the public-holiday file (the format of `cn-public-holidays.toml`):
/// a table per year holding `holidays` (inline tables with name, en, from,
/// to) and `makeup_workdays` (a list of dates). A strict reader of just this
/// shape (older than the school file's use of TOMLKit); anything else is an
/// error naming its line.
public enum HolidayFile {
    public struct Contents: Equatable, Sendable {
        public var holidays: [SchoolCalendar.Holiday]
        public var makeUpWorkdays: [Day]
        /// The year tables the file holds: the years whose public holidays are known.
        public var years: [Int] = []
    }

    public struct ParseError: TeacherReadableError, Equatable {
        public var file: String
        public var line: Int
        public var reason: String

        public var message: LocalizedText {
            LocalizedText(zh: "节假日文件 \(file) 第 \(line) 行有误：\(reason)",
                          en: "The holiday file \(file) has an error on line \(line): \(reason)")
        }
        public var detail: String { "\(file):\(line): \(reason)" }
    }

    public static func parse(_ text: String, file: String = "cn-public-holidays.toml") throws(ParseError) -> Contents {
        var contents = Contents(holidays: [], makeUpWorkdays: [])
        var inHolidayList = false
        var year: Int?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func fail(_ reason: String) -> ParseError { ParseError(file: file, line: number, reason: reason) }
            let line = stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if inHolidayList {
                if line == "]" { inHolidayList = false; continue }
                contents.holidays.append(try holiday(line, fail: fail))
                continue
            }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), let y = Int(line.dropFirst().dropLast()), (2000...2100).contains(y) else {
                    throw fail("expected a year table like [2026]")
                }
                year = y
                contents.years.append(y)
                continue
            }
            guard year != nil else { throw fail("a value outside a year table") }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw fail("expected key = value") }
            switch parts[0] {
            case "holidays":
                guard parts[1] == "[" else { throw fail("holidays must start a list: holidays = [") }
                inHolidayList = true
            case "makeup_workdays":
                guard parts[1].hasPrefix("["), parts[1].hasSuffix("]") else { throw fail("makeup_workdays must be a one-line list") }
                for item in parts[1].dropFirst().dropLast().split(separator: ",") {
                    let text = item.trimmingCharacters(in: .whitespaces)
                    guard let day = date(text) else { throw fail("not a date: \(text)") }
                    contents.makeUpWorkdays.append(day)
                }
            default:
                throw fail("unknown key \(parts[0])")
            }
        }
        if inHolidayList { throw ParseError(file: file, line: text.split(separator: "\n").count, reason: "the holidays list is not closed with ]") }
        return contents
    }

    /// `{ name = "…", en = "…", from = 2026-10-01, to = 2026-10-07 },`
    static func holiday(_ line: String, fail: (String) -> ParseError) throws(ParseError) -> SchoolCalendar.Holiday {
        var body = Substring(line)
        if body.hasSuffix(",") { body = body.dropLast() }
        guard body.hasPrefix("{"), body.hasSuffix("}") else { throw fail("expected { name = …, en = …, from = …, to = … }") }
        var fields: [String: String] = [:]
        var rest = body.dropFirst().dropLast()
        while !rest.trimmingCharacters(in: .whitespaces).isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let eq = rest.firstIndex(of: "=") else { throw fail("expected key = value inside { }") }
            let key = rest[..<eq].trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: eq)...].drop { $0 == " " }
            let value: String
            if rest.hasPrefix("\"") {
                let afterQuote = rest.dropFirst()
                guard let close = afterQuote.firstIndex(of: "\"") else { throw fail("unterminated string for \(key)") }
                value = String(afterQuote[..<close])
                rest = afterQuote[afterQuote.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            fields[key] = value
        }
        guard let zh = fields["name"], let en = fields["en"], let fromText = fields["from"], let toText = fields["to"] else {
            throw fail("a holiday needs name, en, from and to")
        }
        guard let from = date(fromText), let to = date(toText) else { throw fail("from and to must be dates like 2026-10-01") }
        guard from <= to else { throw fail("from is after to") }
        return SchoolCalendar.Holiday(name: LocalizedText(zh: zh, en: en), first: from, last: to)
    }

    static func date(_ text: String) -> Day? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        return Day(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Drops a `#` comment that is not inside a string.
    static func stripComment(_ line: String) -> String {
        var inString = false
        for (i, c) in line.enumerated() {
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { return String(line.prefix(i)) }
        }
        return line
    }

    /// The calendar a new store starts with: the bundled holidays, the usual
    /// terms of the 2025/26 and 2026/27 school years and the example
    /// junior-high timetable, until the school enters its own.
    public static func bundledCalendar() throws -> SchoolCalendar {
        defaultSchoolCalendar().adding(publicHolidays: try bundled())
    }

    /// The bundled public holidays, make-up working days and their years.
    public static func bundled() throws -> Contents {
        do { return try parse(BundledHolidays.text) } catch { throw error }
    }

    /// The usual terms and the example timetable, without public holidays:
    /// what the school file shows until the school enters its own.
    public static func defaultSchoolCalendar() -> SchoolCalendar {
        func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
        return SchoolCalendar(
            terms: [
                .init(name: "2025秋", first: day(2025, 9, 1), last: day(2026, 1, 23)),
                .init(name: "2026春", first: day(2026, 3, 2), last: day(2026, 7, 10)),
                .init(name: "2026秋", first: day(2026, 9, 1), last: day(2027, 1, 22)),
            ],
            timetable: .juniorHighExample)
    }
}

extension SchoolCalendar {
    /// This calendar with the public holidays of a holiday file added.
    public func adding(publicHolidays contents: HolidayFile.Contents) -> SchoolCalendar {
        adding(publicHolidays: contents.holidays, makeUpWorkdays: contents.makeUpWorkdays, years: contents.years)
    }

    /// This calendar without what a holiday file holds: the school's own entries.
    public func removing(publicHolidays contents: HolidayFile.Contents) -> SchoolCalendar {
        var own = self
        own.holidays.removeAll { contents.holidays.contains($0) }
        own.makeUpWorkdays.removeAll { contents.makeUpWorkdays.contains($0) }
        own.publicHolidayYears.removeAll { contents.years.contains($0) }
        return own
    }
}
