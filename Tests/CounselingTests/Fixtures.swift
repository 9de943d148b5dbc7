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

let dutyTeacher = StaffID("staff-duty-1")
let secondDutyTeacher = StaffID("staff-duty-2")
let counselor = StaffID("staff-counselor-1")
let secondCounselor = StaffID("staff-counselor-2")
let head = StaffID("staff-head-1")

/// Autumn term 2026 with the State Council's 2026 holidays and make-up
/// working days (../shared/data/cn-public-holidays.toml) and DOMAIN.md's
/// junior-high timetable (45-minute class hours).
func autumn2026(timetable: Timetable = .juniorHighExample) -> SchoolCalendar {
    SchoolCalendar(
        terms: [SchoolCalendar.Term(name: "2026年秋季学期", first: day(2026, 9, 1), last: day(2027, 1, 22))],
        holidays: [
            SchoolCalendar.Holiday(name: LocalizedText(zh: "中秋节", en: "Mid-Autumn Festival"),
                                   first: day(2026, 9, 25), last: day(2026, 9, 27)),
            SchoolCalendar.Holiday(name: LocalizedText(zh: "国庆节", en: "National Day"),
                                   first: day(2026, 10, 1), last: day(2026, 10, 7)),
        ],
        makeUpWorkdays: [day(2026, 9, 20), day(2026, 10, 10)],
        timetable: timetable)
}

func student(_ number: String, _ name: String, id: String? = nil) -> Student {
    Student(id: StudentID(id ?? "student-\(number)"), number: number, name: name, gender: .male,
            stage: .junior, grade: 8, className: "3班", headTeacher: "赵老师",
            guardians: [Guardian(name: "张父", relation: .father, phone: "13800000001")])
}

func checkIn(_ id: String, _ person: StaffID, _ s: TimeSpan) -> DutyCheckIn {
    DutyCheckIn(id: DutyCheckInID(id), person: person, checkIn: s.start, checkOut: s.end)
}

func shift(_ id: String, _ person: StaffID, _ s: TimeSpan) -> PlannedShift {
    PlannedShift(id: PlannedShiftID(id), person: person, span: s)
}

func levelChange(_ id: String, _ student: StudentID, _ from: WarningLevel, _ to: WarningLevel,
                 _ moment: LocalDateTime, source: LevelChange.Source = .assessment) -> LevelChange {
    LevelChange(id: LevelChangeID(id), student: student, from: from, to: to, by: counselor, at: moment,
                reason: "测评后面谈评估", source: source)
}

/// Encodes and decodes `value`, returning the JSON text and the decoded copy.
func roundTrip<T: Codable>(_ value: T) throws -> (json: String, decoded: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(value)
    return (String(decoding: data, as: UTF8.self), try JSONDecoder().decode(T.self, from: data))
}
