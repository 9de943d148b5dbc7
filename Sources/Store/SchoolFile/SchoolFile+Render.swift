import Counseling
import Foundation

/// `xindesk school show`: the school's whole setup as a TOML file with
/// comments in Chinese and English, so a teacher can edit it and apply it
/// again (`SchoolFile.parse`). Rendering what `parse` reads gives the same
/// setup back: the file is the setup, comments aside.
extension SchoolFile {
    public static func render(_ setup: SchoolSetup, bundled: HolidayFile.Contents) -> String {
        var out: [String] = [
            "# 学校设置文件 · School setup file",
            "# 修改后运行 xindesk school apply 本文件；# 开头的行是说明，不会被读取。",
            "# Edit it, then run xindesk school apply FILE; lines starting with # are comments.",
            "# 日期写作 2026-09-01，时间写作 08:00。 Dates like 2026-09-01, times like 08:00.",
            "",
            "[school]",
            "# 学校名称 · the school's name",
            "name = \(quoted(setup.profile.name))",
            "# 学段，第一个学段的课时长度用于计算每周开放学时 · stages; the weekly minimum counts in the first stage's class hour",
            "# primary 小学 · junior 初中 · senior 高中 · vocational 中职 · university 大学",
            "stages = [\(setup.profile.stages.map { quoted($0.rawValue) }.joined(separator: ", "))]",
            "",
        ]
        let calendar = setup.calendar
        let years = bundled.years.map(String.init).joined(separator: "、")
        out += [
            "[calendar]",
            "# 每周上课的日子 · the weekdays with lessons: monday … sunday",
            "school_weekdays = [\(calendar.schoolWeekdays.map { quoted($0.rawValue) }.joined(separator: ", "))]",
            "# 调休上课日（周末补课）· make-up school days (a weekend day with lessons)",
            "make_up_days = [\(calendar.makeUpWorkdays.map(\.description).joined(separator: ", "))]",
            "# 法定节假日已内置 \(years) 年（国务院通知）。其他年份的节假日请写在 [[holiday]] 中，并把年份写在这里。",
            "# Public holidays are built in for \(bundled.years.map(String.init).joined(separator: ", ")). Enter another year's",
            "# under [[holiday]] and list the year here; until then its term days are flagged as not covered.",
            "public_holiday_years = [\(calendar.publicHolidayYears.map(String.init).joined(separator: ", "))]",
            "",
            "# 学期（校历）：学期外的日子不是上课日 · terms: days outside every term are not school days",
        ]
        for term in calendar.terms {
            out += ["[[term]]", "name = \(quoted(term.name))", "start = \(term.first)", "end = \(term.last)", ""]
        }
        if calendar.terms.isEmpty { out += example(["[[term]]", "name = \"2026年秋季学期\"", "start = 2026-09-01", "end = 2027-01-22"]) }
        out.append("# 学校自定的放假日（法定节假日已内置）· the school's own days off (public holidays are built in)")
        out += ranges(calendar.holidays, table: "holiday", example: ("校庆日", "school anniversary", "2026-11-11"))
        out.append("# 无课日：学生在校但不上课（考试、运动会），整天算课余时间 · days without classes (exams, sports day):")
        out.append("# students are at school, the room must open, and the whole day counts as outside lessons")
        out += ranges(calendar.daysWithoutClasses, table: "no_classes", example: ("期中考试", "midterm exams", "2026-11-05"))
        out.append("# 课表：每个学段一张；课时 40 分钟（小学常见）或 45 分钟（中学常见）· one timetable per stage;")
        out.append("# lessons of 40 minutes (usual in primary) or 45 (usual in secondary); periods are the start times")
        for timetable in calendar.timetables {
            out.append("[[timetable]]")
            if let stage = timetable.stage { out.append("stage = \(quoted(stage.rawValue))") }
            out.append("class_minutes = \(timetable.classHourMinutes)")
            let starts = timetable.periods.sorted { $0.number < $1.number }.map { quoted("\($0.start)") }
            out += ["periods = [\(starts.joined(separator: ", "))]", ""]
        }
        out += renderOpening(setup.openingPolicy)
        out += renderFollowUp(setup.followUpIntervals)
        out += renderCrisis(setup.crisisChecklist)
        out += renderScreening(setup.screeningRules)
        return out.joined(separator: "\n") + "\n"
    }

    static func renderOpening(_ policy: OpeningPolicy) -> [String] {
        [
            "[opening]",
            "# 规定来源：primary-secondary 中小学 · university 高校 · which rules: primary and secondary schools, or university",
            "profile = \(quoted(policy.profile.rawValue))",
            "# 每个上课日都要开放 · open on every school day",
            "open_every_school_day = \(policy.openEverySchoolDay)",
            "# 每周最少开放学时（鞍山：10）· minimum class hours open per teaching week (Anshan: 10)",
            optional("weekly_class_hours", policy.minimumClassHoursPerWeek, example: 10),
            "# 每天课余（课间、午休、放学后）最少开放分钟数 · minimum minutes open outside lessons each school day",
            optional("outside_lesson_minutes", policy.minimumOutsideLessonMinutesPerDay, example: 20),
            "# 每个工作日最少开放分钟数（高校：360）· minimum minutes open each workday (universities: 360)",
            optional("daily_minutes", policy.minimumMinutesPerSchoolDay, example: 360),
            "# 不足五天的教学周：full 仍须达到全周学时；share 按上课天数折算 · a teaching week of fewer than five",
            "# school days: full = the whole weekly minimum; share = the minimum times school days / 5",
            "short_week = \(quoted(policy.prorateShortWeeks ? "share" : "full"))",
            "# 上课时间的开放是否计入每周学时 · whether time open during lessons counts towards the weekly minimum",
            "lesson_time_counts = \(policy.lessonTimeCounts)",
            "",
        ]
    }

    static func renderFollowUp(_ intervals: FollowUpIntervals) -> [String] {
        var out = [
            "[follow_up]",
            "# 各预警等级的追踪间隔天数（不写：不定期）· days between follow-ups by warning level (left out: no fixed rhythm)",
            optional("general_days", intervals.generalDays, example: 30),
            optional("severe_days", intervals.severeDays, example: 14),
            optional("major_days", intervals.majorDays, example: 7),
            "",
            "# 特殊时期：开学初、考前、考后、毕业季，追踪间隔缩短为 follow_up_days 天",
            "# special periods: kind is term-start, before-exams, after-exams or graduation; follow-ups every follow_up_days days",
        ]
        for period in intervals.specialPeriods {
            out += ["[[special_period]]", "kind = \(quoted(period.kind.rawValue))", "name = \(quoted(period.name))",
                    "start = \(period.first)", "end = \(period.last)", "follow_up_days = \(period.followUpDays)", ""]
        }
        if intervals.specialPeriods.isEmpty {
            out += example(["[[special_period]]", "kind = \"before-exams\"", "name = \"期末考试前两周\"", "start = 2027-01-04",
                            "end = 2027-01-15", "follow_up_days = 3"])
        }
        return out
    }

    static func renderCrisis(_ checklist: CrisisChecklist) -> [String] {
        var out = [
            "[crisis]",
            "# 热线适用的地区（空：全国）· where the hotlines apply (empty: national)",
            "region = \(quoted(checklist.region))",
            "",
            "# 危机处置步骤，按顺序；id 是步骤的固定代号，改名时不要改 id · the crisis steps in order; keep each id",
            "# when renaming a step: records of past runs point at it",
        ]
        for step in checklist.steps {
            out += ["[[crisis_step]]", "id = \(quoted(step.id))", "zh = \(quoted(step.title.zh))", "en = \(quoted(step.title.en))", ""]
        }
        out.append("# 求助热线，显示在危机处置清单上 · hotlines shown on the crisis checklist")
        for hotline in checklist.hotlines {
            out += ["[[hotline]]", "number = \(quoted(hotline.number))", "zh = \(quoted(hotline.name.zh))",
                    "en = \(quoted(hotline.name.en))", ""]
        }
        if checklist.hotlines.isEmpty {
            out += example(["[[hotline]]", "number = \"12356\"", "zh = \"全国统一心理援助热线\"", "en = \"national psychological assistance\""])
        }
        return out
    }

    static func ranges(_ ranges: [SchoolCalendar.Holiday], table: String, example sample: (String, String, String)) -> [String] {
        var out: [String] = []
        for range in ranges {
            out += ["[[\(table)]]", "name = \(quoted(range.name.zh))", "en = \(quoted(range.name.en))",
                    "start = \(range.first)", "end = \(range.last)", ""]
        }
        if ranges.isEmpty {
            out += example(["[[\(table)]]", "name = \(quoted(sample.0))", "en = \(quoted(sample.1))",
                            "start = \(sample.2)", "end = \(sample.2)"])
        }
        return out
    }

    /// A commented-out example of a table the school has none of.
    static func example(_ lines: [String]) -> [String] {
        ["# 例如 · for example:"] + lines.map { "# " + $0 } + [""]
    }

    static func optional(_ key: String, _ value: Int?, example: Int) -> String {
        value.map { "\(key) = \($0)" } ?? "# \(key) = \(example)"
    }

    /// A TOML basic string: quotes, backslashes, control characters and the
    /// characters that reorder text (bidi controls) escaped, so what `show`
    /// prints is plain text a terminal draws as it is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || [0x200E, 0x200F].contains(scalar.value)
                    || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
