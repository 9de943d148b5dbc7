import Counseling
@testable import Store
import XCTest

/// The school file: what `render` prints, `parse` reads back as the same
/// setup; a file with mistakes names each one's line and what to write.
final class SchoolFileTests: XCTestCase {
    let bundled = try! HolidayFile.bundled()

    func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    func time(_ h: Int, _ m: Int) -> TimeOfDay { TimeOfDay(hour: h, minute: m)! }

    /// A 九年一贯制 school with every kind of entry, and text that needs escaping.
    var fullSetup: SchoolSetup {
        let calendar = SchoolCalendar(
            terms: [SchoolCalendar.Term(name: "2027年春季学期", first: day(2027, 3, 1), last: day(2027, 7, 9))],
            holidays: [SchoolCalendar.Holiday(name: LocalizedText(zh: "清明节", en: "Qingming"), first: day(2027, 4, 5), last: day(2027, 4, 5))],
            makeUpWorkdays: [day(2027, 4, 10)], schoolWeekdays: [.monday, .tuesday, .wednesday, .thursday, .friday],
            timetable: Timetable(classHourMinutes: 40, starts: [time(8, 0), time(8, 50)], stage: .primary),
            otherTimetables: [Timetable(classHourMinutes: 45, starts: [time(8, 0), time(8, 55)], stage: .junior)],
            daysWithoutClasses: [SchoolCalendar.Holiday(name: LocalizedText(zh: "运动会", en: "sports day"), first: day(2027, 4, 22), last: day(2027, 4, 23))],
            publicHolidayYears: [2027])
        var policy = OpeningPolicy.primarySecondary
        policy.prorateShortWeeks = true
        policy.lessonTimeCounts = false
        policy.minimumMinutesPerSchoolDay = 30
        let intervals = FollowUpIntervals(generalDays: 30, severeDays: 10, majorDays: 5, specialPeriods: [
            SpecialPeriod(kind: .beforeExams, name: "期末考试前两周", first: day(2027, 6, 21), last: day(2027, 7, 2), followUpDays: 3)])
        let checklist = CrisisChecklist(region: "内蒙古自治区", steps: [CrisisChecklist.Step(
            id: "keep-safe", title: LocalizedText(zh: "确保学生安全，不让学生“独处”", en: "Keep the student \"safe\" \\ never alone"))],
            hotlines: [Hotline(number: "0471-12356", name: LocalizedText(zh: "呼和浩特市心理援助热线", en: "Hohhot help line"))])
        return SchoolSetup(profile: SchoolProfile(name: "第一学校", stages: [.primary, .junior]), calendar: calendar,
                           openingPolicy: policy, followUpIntervals: intervals, crisisChecklist: checklist)
    }

    var defaultSetup: SchoolSetup {
        SchoolSetup(profile: .unnamed, calendar: HolidayFile.defaultSchoolCalendar(), openingPolicy: .primarySecondary,
                    followUpIntervals: .standard, crisisChecklist: .standard)
    }

    func testWhatIsShownReadsBackAsTheSameSetup() throws {
        for setup in [defaultSetup, fullSetup] {
            let text = SchoolFile.render(setup, bundled: bundled)
            XCTAssertEqual(try SchoolFile.parse(text), setup, text)
            XCTAssertEqual(SchoolFile.diff(from: setup, to: try SchoolFile.parse(text), bundled: bundled), [])
        }
        let text = SchoolFile.render(fullSetup, bundled: bundled)
        XCTAssertTrue(text.contains("法定节假日已内置 2025、2026 年"), "the file says which years are built in")
        XCTAssertTrue(text.contains("zh = \"确保学生安全，不让学生“独处”\""))
        XCTAssertTrue(text.contains("en = \"Keep the student \\\"safe\\\" \\\\ never alone\""))
    }

    func testEveryMistakeIsNamedByItsLineAndNothingIsRead() throws {
        var lines = SchoolFile.render(defaultSetup, bundled: bundled).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func replace(_ old: String, _ new: String, occurrence: Int = 0) -> Int {
            let index = lines.indices.filter { lines[$0] == old }[occurrence]
            lines[index] = new
            return index + 1
        }
        let badEnd = replace("end = 2026-01-23", "end = 2025-08-01")
        let overlap = replace("start = 2026-09-01", "start = 2026-07-01")
        let badMinutes = replace("class_minutes = 45", "class_minutes = 90")
        let badPeriod = replace("periods = [\"08:00\", \"08:55\", \"10:10\", \"11:05\", \"14:00\", \"14:55\", \"15:50\"]",
                                "periods = [\"08:00\", \"25:00\"]")
        let badProfile = replace("profile = \"primary-secondary\"", "profile = \"kindergarten\"")
        let unknown = replace("major_days = 7", "mayor_days = 7")
        let badHotline = replace("number = \"12338\"", "number = \"call us\"")
        do {
            _ = try SchoolFile.parse(lines.joined(separator: "\n"), file: "school.toml")
            XCTFail("a file with mistakes was read")
        } catch {
            XCTAssertEqual(error.problems.map(\.line), [badEnd, overlap, badMinutes, badPeriod, badProfile, unknown, badHotline])
            XCTAssertEqual(error.problems.map(\.place), ["[[term]] 1 · end", "[[term]] 3 · start", "[[timetable]] 1 · class_minutes",
                                                         "[[timetable]] 1 · periods", "[opening] · profile", "[follow_up] · mayor_days",
                                                         "[[hotline]] 3 · number"])
            XCTAssertEqual(error.problems[0].message.zh,
                           "第 \(badEnd) 行（[[term]] 1 · end）：学期：结束必须晚于开始。应写成：end = 2027-01-22，不早于 start")
            XCTAssertEqual(error.problems[1].message.en,
                           "line \(overlap) ([[term]] 3 · start): overlaps the term \"2026春\". Write instead: start = 2026-07-11 or later")
            XCTAssertTrue(error.message.zh.hasPrefix("学校设置文件 school.toml 有 7 处错误，未保存任何内容"), error.message.zh)
        }
    }

    func testASyntaxErrorNamesItsLine() {
        let text = "[school]\nname = \"第一中学\"\nstages = [\"junior\"\n"
        XCTAssertThrowsError(try SchoolFile.parse(text)) {
            let problems = ($0 as? SchoolFile.Problems)?.problems
            XCTAssertEqual(problems?.count, 1)
            XCTAssertEqual(problems?.first?.place, "TOML")
            XCTAssertGreaterThanOrEqual(problems?.first?.line ?? 0, 3)
        }
    }

    func testAMissingPartAndAWrongKindOfValueAreNamed() {
        let text = "[school]\nname = 12\nstages = [\"初中\"]\n\n[[timetable]]\nclass_minutes = \"45\"\nperiods = [\"08:00\"]\n"
        XCTAssertThrowsError(try SchoolFile.parse(text)) {
            let problems = ($0 as? SchoolFile.Problems)?.problems ?? []
            XCTAssertEqual(problems.map(\.line), [1, 1, 2, 6], "\(problems.map(\.message.en))")
            XCTAssertEqual(Set(problems.map(\.place)), ["[opening]", "[crisis_step]", "[school] · name", "[[timetable]] 1 · class_minutes"])
        }
    }

    func testAnUnknownPartAndATimetableOfAnotherStageAreNamed() throws {
        var text = SchoolFile.render(fullSetup, bundled: bundled)
        text = text.replacingOccurrences(of: "stage = \"junior\"", with: "stage = \"senior\"") + "\n[opening_hours]\nmonday = 1\n"
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        XCTAssertThrowsError(try SchoolFile.parse(text)) {
            let problems = ($0 as? SchoolFile.Problems)?.problems ?? []
            XCTAssertEqual(problems.map(\.place), ["[[timetable]] 2 · stage", "opening_hours"])
            XCTAssertEqual(problems.last?.line, lineCount - 2)
            XCTAssertEqual(problems.first?.message.en.contains("senior is not one of the stages under [school]"), true)
        }
    }

    func testTheDiffShowsWhatGoesAndComesUnderItsTable() throws {
        var edited = fullSetup
        edited.calendar.terms[0].last = day(2027, 7, 16)
        edited.followUpIntervals.majorDays = 7
        XCTAssertEqual(SchoolFile.diff(from: fullSetup, to: edited, bundled: bundled), [
            "[[term]]  name = \"2027年春季学期\"", "- end = 2027-07-09", "+ end = 2027-07-16",
            "[follow_up]", "- major_days = 5", "+ major_days = 7",
        ])
    }
}
