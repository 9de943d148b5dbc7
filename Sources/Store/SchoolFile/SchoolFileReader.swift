import Counseling
import Foundation
import TOMLKit

/// Reads a parsed school file into a `SchoolSetup`, collecting every
/// problem with its line (`SchoolFileLines`) and an example of what to
/// write instead. The domain's own rules (`validate()` of each part) are
/// asked item by item, so each refusal points at the item's line.
struct SchoolFileReader {
    let lines: SchoolFileLines
    var problems: [SchoolFile.Problem] = []

    /// A table of the file: `[opening]`, or the n-th `[[term]]`.
    struct Place {
        var table: String
        var index = 0
        var isArray = false

        var label: String { isArray ? "[[\(table)]] \(index + 1)" : "[\(table)]" }
    }

    static let rootTables = ["school", "calendar", "term", "holiday", "no_classes", "timetable", "opening", "follow_up",
                             "special_period", "crisis", "crisis_step", "hotline", "screening", "screening_levels"]

    /// What to write, by key, for a teacher who wrote something else.
    static let examples: [String: LocalizedText] = [
        "name": LocalizedText(zh: "name = \"第一中学\"（加英文双引号）", en: "name = \"No. 1 Middle School\" (in double quotes)"),
        "en": LocalizedText(zh: "en = \"midterm exams\"", en: "en = \"midterm exams\""),
        "stages": LocalizedText(zh: "stages = [\"junior\"]，可选 primary、junior、senior、vocational、university",
                                en: "stages = [\"junior\"], from primary, junior, senior, vocational, university"),
        "stage": LocalizedText(zh: "stage = \"primary\"（学校的学段之一）", en: "stage = \"primary\" (one of the school's stages)"),
        "school_weekdays": LocalizedText(zh: "school_weekdays = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\"]",
                                         en: "school_weekdays = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\"]"),
        "make_up_days": LocalizedText(zh: "make_up_days = [2026-09-20, 2026-10-10]（每天只写一次）",
                                      en: "make_up_days = [2026-09-20, 2026-10-10] (each day once)"),
        "public_holiday_years": LocalizedText(zh: "public_holiday_years = [2027]", en: "public_holiday_years = [2027]"),
        "start": LocalizedText(zh: "start = 2026-09-01（不加引号）", en: "start = 2026-09-01 (no quotes)"),
        "end": LocalizedText(zh: "end = 2027-01-22，不早于 start", en: "end = 2027-01-22, not before start"),
        "class_minutes": LocalizedText(zh: "class_minutes = 40（小学）或 45（中学），30 到 60 之间",
                                       en: "class_minutes = 40 (primary) or 45 (secondary), between 30 and 60"),
        "periods": LocalizedText(zh: "periods = [\"08:00\", \"08:55\"]，每节课开始时间，互不重叠",
                                 en: "periods = [\"08:00\", \"08:55\"], the start of each lesson, not overlapping"),
        "profile": LocalizedText(zh: "profile = \"primary-secondary\"（中小学）或 \"university\"（高校）",
                                 en: "profile = \"primary-secondary\" or \"university\""),
        "open_every_school_day": LocalizedText(zh: "open_every_school_day = true 或 false", en: "open_every_school_day = true or false"),
        "weekly_class_hours": LocalizedText(zh: "weekly_class_hours = 10（0 到 60），不要求时删去此行",
                                            en: "weekly_class_hours = 10 (0 to 60), or leave the line out"),
        "outside_lesson_minutes": LocalizedText(zh: "outside_lesson_minutes = 20（0 到 600），不要求时删去此行",
                                                en: "outside_lesson_minutes = 20 (0 to 600), or leave the line out"),
        "daily_minutes": LocalizedText(zh: "daily_minutes = 360（0 到 1440），不要求时删去此行",
                                       en: "daily_minutes = 360 (0 to 1440), or leave the line out"),
        "short_week": LocalizedText(zh: "short_week = \"full\"（全周学时）或 \"share\"（按上课天数折算）",
                                    en: "short_week = \"full\" (the whole minimum) or \"share\" (by school days)"),
        "lesson_time_counts": LocalizedText(zh: "lesson_time_counts = true 或 false", en: "lesson_time_counts = true or false"),
        "general_days": LocalizedText(zh: "general_days = 30（1 到 365），不定期时删去此行", en: "general_days = 30 (1 to 365), or leave the line out"),
        "severe_days": LocalizedText(zh: "severe_days = 14（1 到 365）", en: "severe_days = 14 (1 to 365)"),
        "major_days": LocalizedText(zh: "major_days = 7（1 到 365）", en: "major_days = 7 (1 to 365)"),
        "kind": LocalizedText(zh: "kind = \"before-exams\"，可选 term-start、before-exams、after-exams、graduation",
                              en: "kind = \"before-exams\", from term-start, before-exams, after-exams, graduation"),
        "follow_up_days": LocalizedText(zh: "follow_up_days = 3（1 到 365）", en: "follow_up_days = 3 (1 to 365)"),
        "region": LocalizedText(zh: "region = \"内蒙古自治区\"，全国时写 \"\"", en: "region = \"内蒙古自治区\", or \"\" for national"),
        "id": LocalizedText(zh: "id = \"keep-safe\"（每个步骤不同，改名时不要改）", en: "id = \"keep-safe\" (one per step; keep it when renaming)"),
        "zh": LocalizedText(zh: "zh = \"确保学生安全\"（一行，不超过 200 字）", en: "zh = \"确保学生安全\" (one line, at most 200 characters)"),
        "number": LocalizedText(zh: "number = \"0471-12356\"（数字和连字符）", en: "number = \"0471-12356\" (digits and hyphens)"),
    ]

    static func example(_ key: String?) -> LocalizedText {
        key.flatMap { examples[$0] ?? screeningExamples[$0] } ?? LocalizedText(zh: "照 xindesk school show 的写法", en: "as xindesk school show writes it")
    }

    mutating func fail(_ place: Place, _ key: String?, _ what: LocalizedText, instead: LocalizedText? = nil) {
        problems.append(SchoolFile.Problem(line: lines.line(place.table, place.index, key: key),
                                           place: place.label + (key.map { " · " + $0 } ?? ""),
                                           what: what, instead: instead ?? Self.example(key)))
    }

    mutating func fail(_ place: Place, _ key: String?, _ error: ValidationError) {
        fail(place, key, error.message)
    }

    // MARK: - values

    mutating func knownKeys(_ table: TOMLTable, _ place: Place, _ known: [String]) {
        for key in table.keys where !known.contains(key) {
            fail(place, key, LocalizedText(zh: "没有 \(key) 这个设置项", en: "there is no setting \(key)"),
                 instead: LocalizedText(zh: "可用的设置项：" + known.joined(separator: "、"), en: "one of: " + known.joined(separator: ", ")))
        }
    }

    mutating func missing(_ place: Place, _ key: String) {
        fail(place, key, LocalizedText(zh: "缺少 \(key)", en: "\(key) is missing"))
    }

    mutating func string(_ t: TOMLTable, _ place: Place, _ key: String, default fallback: String? = nil) -> String? {
        guard let value = t[key] else {
            if fallback == nil { missing(place, key) }
            return fallback
        }
        guard let text = value.string else {
            fail(place, key, LocalizedText(zh: "\(key) 应是加双引号的文字", en: "\(key) must be text in double quotes"))
            return nil
        }
        return text
    }

    /// An optional whole number in `range`; `.some(nil)` when left out.
    mutating func int(_ t: TOMLTable, _ place: Place, _ key: String, _ range: ClosedRange<Int>) -> Int?? {
        guard let value = t[key] else { return .some(nil) }
        guard let n = value.int, range.contains(n) else {
            fail(place, key, LocalizedText(zh: "\(key) 应是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数",
                                           en: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return .some(n)
    }

    mutating func requiredInt(_ t: TOMLTable, _ place: Place, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard t[key] != nil else { missing(place, key); return nil }
        return int(t, place, key, range) ?? nil
    }

    mutating func bool(_ t: TOMLTable, _ place: Place, _ key: String, default fallback: Bool) -> Bool {
        guard let value = t[key] else { return fallback }
        guard let b = value.bool else {
            fail(place, key, LocalizedText(zh: "\(key) 应是 true 或 false（不加引号）", en: "\(key) must be true or false (no quotes)"))
            return fallback
        }
        return b
    }

    /// A TOML date (`2026-09-01`), or the same in quotes.
    mutating func day(_ value: any TOMLValueConvertible, _ place: Place, _ key: String) -> Day? {
        if let date = value.date, let day = Day(year: date.year, month: date.month, day: date.day) { return day }
        if let text = value.string, let day = try? Day.parse(text, field: .date) { return day }
        fail(place, key, LocalizedText(zh: "\(key) 不是有效的日期", en: "\(key) is not a valid date"))
        return nil
    }

    mutating func requiredDay(_ t: TOMLTable, _ place: Place, _ key: String) -> Day? {
        guard let value = t[key] else { missing(place, key); return nil }
        return day(value, place, key)
    }

    /// A list; nil (and a problem) when the value is not one.
    mutating func list(_ t: TOMLTable, _ place: Place, _ key: String) -> [any TOMLValueConvertible]? {
        guard let value = t[key] else { return [] }
        guard let array = value.array else {
            fail(place, key, LocalizedText(zh: "\(key) 应是方括号中的列表", en: "\(key) must be a list in square brackets"))
            return nil
        }
        return Array(array)
    }

    mutating func strings(_ t: TOMLTable, _ place: Place, _ key: String) -> [String]? {
        guard let items = list(t, place, key) else { return nil }
        let texts = items.compactMap(\.string)
        guard texts.count == items.count else {
            fail(place, key, LocalizedText(zh: "\(key) 的每一项都应是加双引号的文字", en: "every item of \(key) must be text in double quotes"))
            return nil
        }
        return texts
    }

    /// The tables of `[[name]]`, each with its place.
    mutating func arrayTables(_ root: TOMLTable, _ name: String) -> [(TOMLTable, Place)] {
        guard let value = root[name] else { return [] }
        guard let array = value.array else {
            fail(Place(table: name), nil, LocalizedText(zh: "\(name) 应写成 [[\(name)]] 表", en: "\(name) must be written as [[\(name)]] tables"))
            return []
        }
        return array.enumerated().compactMap { index, item in
            item.table.map { ($0, Place(table: name, index: index, isArray: true)) }
        }
    }

    mutating func table(_ root: TOMLTable, _ name: String, required: Bool) -> TOMLTable? {
        guard let value = root[name] else {
            if required {
                fail(Place(table: name), nil, LocalizedText(zh: "缺少 [\(name)] 部分", en: "the [\(name)] part is missing"),
                     instead: LocalizedText(zh: "从 xindesk school show 的输出中复制 [\(name)] 部分",
                                            en: "copy the [\(name)] part from the output of xindesk school show"))
            }
            return nil
        }
        guard let table = value.table else {
            fail(Place(table: name), nil, LocalizedText(zh: "\(name) 应是 [\(name)] 表", en: "\(name) must be a [\(name)] table"))
            return nil
        }
        return table
    }
}
