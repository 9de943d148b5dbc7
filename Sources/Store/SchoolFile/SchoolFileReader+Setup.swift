import Counseling
import Foundation
import TOMLKit

/// The parts of the school file, each read and checked where it stands.
extension SchoolFileReader {
    mutating func setup(_ root: TOMLTable) -> SchoolSetup? {
        for key in root.keys where !Self.rootTables.contains(key) {
            problems.append(SchoolFile.Problem(
                line: lines.root(key), place: key,
                what: LocalizedText(zh: "没有 \(key) 这一部分", en: "there is no part \(key)"),
                instead: LocalizedText(zh: "可用的部分：" + Self.rootTables.joined(separator: "、"),
                                       en: "one of: " + Self.rootTables.joined(separator: ", "))))
        }
        let profile = school(root)
        let calendar = calendar(root, stages: profile?.stages ?? [])
        let policy = opening(root)
        let intervals = followUp(root)
        let checklist = crisis(root)
        let screeningRules = screening(root)
        guard let profile, let calendar, let policy, let intervals, let checklist, let screeningRules else { return nil }
        let setup = SchoolSetup(profile: profile, calendar: calendar, openingPolicy: policy,
                                followUpIntervals: intervals, crisisChecklist: checklist, screeningRules: screeningRules)
        // Each rule was asked where its item stands; this catches any rule
        // of the whole that has no single line, so nothing invalid passes.
        if problems.isEmpty {
            for problem in setup.validate() { fail(Place(table: "school"), nil, problem) }
        }
        return setup
    }

    mutating func school(_ root: TOMLTable) -> SchoolProfile? {
        let place = Place(table: "school")
        guard let t = table(root, "school", required: true) else { return nil }
        knownKeys(t, place, ["name", "stages"])
        let name = string(t, place, "name")
        if let name, let problem = TextCheck.line(name, field: .schoolName, required: false, maximumLength: 100) { fail(place, "name", problem) }
        guard t["stages"] != nil else { missing(place, "stages"); return nil }
        guard let words = strings(t, place, "stages") else { return nil }
        var stages: [SchoolStage] = []
        for word in words {
            do { stages.append(try SchoolStage.parse(word)) } catch { fail(place, "stages", error) }
        }
        if words.isEmpty { fail(place, "stages", .empty(.stage)) }
        if Set(stages).count != stages.count { fail(place, "stages", .duplicate(.stage)) }
        guard let name, stages.count == words.count else { return nil }
        return SchoolProfile(name: name, stages: stages)
    }

    mutating func calendar(_ root: TOMLTable, stages: [SchoolStage]) -> SchoolCalendar? {
        let place = Place(table: "calendar")
        var weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        var makeUp: [Day] = [], years: [Int] = []
        if let t = table(root, "calendar", required: false) {
            knownKeys(t, place, ["school_weekdays", "make_up_days", "public_holiday_years"])
            if t["school_weekdays"] != nil, let words = strings(t, place, "school_weekdays") {
                weekdays = words.compactMap { word in
                    let key = word.lowercased()
                    if let day = Weekday.allCases.first(where: { [$0.rawValue, $0.displayName.zh, String($0.rawValue.prefix(3))].contains(key) }) {
                        return day
                    }
                    fail(place, "school_weekdays", LocalizedText(zh: "\(word) 不是星期几", en: "\(word) is not a weekday"))
                    return nil
                }
            }
            for item in list(t, place, "make_up_days") ?? [] {
                if let day = day(item, place, "make_up_days") { makeUp.append(day) }
            }
            if Set(makeUp).count != makeUp.count { fail(place, "make_up_days", .duplicate(.date)) }
            for item in list(t, place, "public_holiday_years") ?? [] {
                guard let year = item.int, (2000...2100).contains(year) else {
                    fail(place, "public_holiday_years", LocalizedText(zh: "年份应是 2000 到 2100 之间的整数", en: "a year must be a whole number from 2000 to 2100"))
                    continue
                }
                years.append(year)
            }
        }
        let terms = terms(root)
        let holidays = dayRanges(root, "holiday", field: .holiday)
        let noClasses = dayRanges(root, "no_classes", field: .dayWithoutClasses)
        let timetables = timetables(root, stages: stages)
        guard let first = timetables.first else {
            if root["timetable"] == nil {
                fail(Place(table: "timetable"), nil, LocalizedText(zh: "缺少课表 [[timetable]]", en: "the timetable [[timetable]] is missing"),
                     instead: LocalizedText(zh: "[[timetable]]、class_minutes = 45、periods = [\"08:00\", \"08:55\"]",
                                            en: "[[timetable]], class_minutes = 45, periods = [\"08:00\", \"08:55\"]"))
            }
            return nil
        }
        return SchoolCalendar(terms: terms, holidays: holidays, makeUpWorkdays: makeUp, schoolWeekdays: weekdays,
                              timetable: first, otherTimetables: Array(timetables.dropFirst()), daysWithoutClasses: noClasses,
                              publicHolidayYears: years)
    }

    mutating func terms(_ root: TOMLTable) -> [SchoolCalendar.Term] {
        var terms: [(SchoolCalendar.Term, Place)] = []
        for (t, place) in arrayTables(root, "term") {
            knownKeys(t, place, ["name", "start", "end"])
            let name = string(t, place, "name")
            if let name, let problem = TextCheck.line(name, field: .term, maximumLength: 100) { fail(place, "name", problem) }
            guard let name, let first = requiredDay(t, place, "start"), let last = requiredDay(t, place, "end") else { continue }
            if last < first { fail(place, "end", .endNotAfterStart(.term)) }
            terms.append((SchoolCalendar.Term(name: name, first: first, last: last), place))
        }
        let sorted = terms.sorted { $0.0.first < $1.0.first }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where earlier.0.last >= later.0.first {
            fail(later.1, "start", LocalizedText(zh: "与学期“\(earlier.0.name)”时间重叠", en: "overlaps the term \"\(earlier.0.name)\""),
                 instead: LocalizedText(zh: "start = \(earlier.0.last.adding(days: 1)) 或更晚", en: "start = \(earlier.0.last.adding(days: 1)) or later"))
        }
        return terms.map(\.0)
    }

    /// `[[holiday]]` or `[[no_classes]]`: a name, an optional English name,
    /// and a first and last day (one day when `end` is left out).
    mutating func dayRanges(_ root: TOMLTable, _ name: String, field: Field) -> [SchoolCalendar.Holiday] {
        var ranges: [SchoolCalendar.Holiday] = []
        for (t, place) in arrayTables(root, name) {
            knownKeys(t, place, ["name", "en", "start", "end"])
            let zh = string(t, place, "name")
            let en = string(t, place, "en", default: zh ?? "")
            for (key, text) in [("name", zh), ("en", en)] {
                if let text, let problem = TextCheck.line(text, field: field, maximumLength: 100) { fail(place, key, problem) }
            }
            guard let zh, let en, let first = requiredDay(t, place, "start") else { continue }
            let last = t["end"] == nil ? first : requiredDay(t, place, "end")
            guard let last else { continue }
            if last < first { fail(place, "end", .endNotAfterStart(field)) }
            ranges.append(SchoolCalendar.Holiday(name: LocalizedText(zh: zh, en: en), first: first, last: last))
        }
        return ranges
    }

    mutating func timetables(_ root: TOMLTable, stages: [SchoolStage]) -> [Timetable] {
        var timetables: [Timetable] = []
        var seen: Set<SchoolStage> = []
        for (t, place) in arrayTables(root, "timetable") {
            knownKeys(t, place, ["stage", "class_minutes", "periods"])
            var stage: SchoolStage?
            if t["stage"] != nil, let word = string(t, place, "stage") {
                do {
                    let parsed = try SchoolStage.parse(word)
                    if !stages.isEmpty && !stages.contains(parsed) {
                        fail(place, "stage", LocalizedText(zh: "\(word) 不是 [school] stages 中的学段", en: "\(word) is not one of the stages under [school]"))
                    } else if seen.contains(parsed) {
                        fail(place, "stage", LocalizedText(zh: "这个学段已有一张课表", en: "this stage has a timetable already"))
                    }
                    seen.insert(parsed)
                    stage = parsed
                } catch { fail(place, "stage", error) }
            } else if stages.count > 1 {
                fail(place, "stage", LocalizedText(zh: "学校有多个学段，每张课表要写明学段", en: "the school has several stages: name each timetable's stage"))
            }
            let minutes = requiredInt(t, place, "class_minutes", Timetable.allowedClassHourMinutes)
            guard t["periods"] != nil else { missing(place, "periods"); continue }
            guard let words = strings(t, place, "periods") else { continue }
            var starts: [TimeOfDay] = []
            for word in words {
                do { starts.append(try TimeOfDay.parse(word, field: .lessonPeriod)) } catch { fail(place, "periods", error) }
            }
            guard let minutes, starts.count == words.count else { continue }
            let timetable = Timetable(classHourMinutes: minutes, starts: starts, stage: stage)
            for problem in timetable.validate() {
                fail(place, problem.field == .classHourLength ? "class_minutes" : "periods", problem)
            }
            timetables.append(timetable)
        }
        return timetables
    }

    mutating func opening(_ root: TOMLTable) -> OpeningPolicy? {
        let place = Place(table: "opening")
        guard let t = table(root, "opening", required: true) else { return nil }
        knownKeys(t, place, ["profile", "open_every_school_day", "weekly_class_hours", "outside_lesson_minutes",
                             "daily_minutes", "short_week", "lesson_time_counts"])
        var profile: OpeningPolicy.Profile?
        if let word = string(t, place, "profile") {
            profile = OpeningPolicy.Profile.allCases.first {
                [$0.rawValue, $0.displayName.zh, $0.displayName.en].contains(word.trimmingCharacters(in: .whitespaces).lowercased())
            }
            if profile == nil { fail(place, "profile", LocalizedText(zh: "\(word) 不是规定来源", en: "\(word) is not a profile")) }
        }
        let weekly = int(t, place, "weekly_class_hours", 0...60)
        let outside = int(t, place, "outside_lesson_minutes", 0...600)
        let daily = int(t, place, "daily_minutes", 0...(24 * 60))
        var share = false
        if t["short_week"] != nil, let word = string(t, place, "short_week") {
            switch word {
            case "full": share = false
            case "share": share = true
            default: fail(place, "short_week", LocalizedText(zh: "\(word) 不是 full 或 share", en: "\(word) is neither full nor share"))
            }
        }
        let everyDay = bool(t, place, "open_every_school_day", default: true)
        let lessonTime = bool(t, place, "lesson_time_counts", default: true)
        guard let profile, let weekly, let outside, let daily else { return nil }
        return OpeningPolicy(profile: profile, openEverySchoolDay: everyDay, minimumOutsideLessonMinutesPerDay: outside,
                             minimumClassHoursPerWeek: weekly, minimumMinutesPerSchoolDay: daily,
                             prorateShortWeeks: share, lessonTimeCounts: lessonTime)
    }

    mutating func followUp(_ root: TOMLTable) -> FollowUpIntervals? {
        var intervals = FollowUpIntervals.standard
        if let t = table(root, "follow_up", required: false) {
            let place = Place(table: "follow_up")
            knownKeys(t, place, ["general_days", "severe_days", "major_days"])
            guard let general = int(t, place, "general_days", 1...365), let severe = int(t, place, "severe_days", 1...365),
                  let major = int(t, place, "major_days", 1...365) else { return nil }
            intervals = FollowUpIntervals(generalDays: general, severeDays: severe, majorDays: major)
        }
        let before = problems.count
        for (t, place) in arrayTables(root, "special_period") {
            knownKeys(t, place, ["kind", "name", "start", "end", "follow_up_days"])
            var kind: SpecialPeriod.Kind?
            if let word = string(t, place, "kind") {
                kind = SpecialPeriod.Kind.allCases.first { [$0.rawValue, $0.displayName.zh, $0.displayName.en].contains(word) }
                if kind == nil { fail(place, "kind", LocalizedText(zh: "\(word) 不是特殊时期的种类", en: "\(word) is not a kind of special period")) }
            }
            let name = string(t, place, "name")
            let days = requiredInt(t, place, "follow_up_days", 1...365)
            guard let kind, let name, let days, let first = requiredDay(t, place, "start"),
                  let last = requiredDay(t, place, "end") else { continue }
            let period = SpecialPeriod(kind: kind, name: name, first: first, last: last, followUpDays: days)
            for problem in period.validate() {
                fail(place, problem.field == .specialPeriod ? "name" : problem.field == .followUpInterval ? "follow_up_days" : "end", problem)
            }
            intervals.specialPeriods.append(period)
        }
        return problems.count == before ? intervals : nil
    }

    mutating func crisis(_ root: TOMLTable) -> CrisisChecklist? {
        var region = ""
        if let t = table(root, "crisis", required: false) {
            let place = Place(table: "crisis")
            knownKeys(t, place, ["region"])
            region = string(t, place, "region", default: "") ?? ""
            if let problem = TextCheck.line(region, field: .hotline, required: false, maximumLength: 100) { fail(place, "region", problem) }
        }
        let before = problems.count
        var steps: [CrisisChecklist.Step] = []
        for (t, place) in arrayTables(root, "crisis_step") {
            knownKeys(t, place, ["id", "zh", "en"])
            let id = string(t, place, "id"), zh = string(t, place, "zh")
            let en = string(t, place, "en", default: zh ?? "")
            if let id, id.trimmingCharacters(in: .whitespaces).isEmpty || TextCheck.line(id, field: .stepTitle, maximumLength: 60) != nil {
                fail(place, "id", .empty(.stepTitle))
            } else if let id, steps.contains(where: { $0.id == id }) {
                fail(place, "id", .duplicate(.stepTitle))
            }
            for (key, text) in [("zh", zh), ("en", en)] {
                if let text, let problem = TextCheck.line(text, field: .stepTitle, maximumLength: 200) { fail(place, key, problem) }
            }
            guard let id, let zh, let en else { continue }
            steps.append(CrisisChecklist.Step(id: id, title: LocalizedText(zh: zh, en: en)))
        }
        if steps.isEmpty && problems.count == before {
            fail(Place(table: "crisis_step"), nil, LocalizedText(zh: "危机处置清单没有步骤", en: "the crisis checklist has no steps"),
                 instead: LocalizedText(zh: "[[crisis_step]]、id = \"keep-safe\"、zh = \"确保学生安全\"",
                                        en: "[[crisis_step]], id = \"keep-safe\", zh = \"Keep the student safe\""))
        }
        var hotlines: [Hotline] = []
        for (t, place) in arrayTables(root, "hotline") {
            knownKeys(t, place, ["number", "zh", "en"])
            let number = string(t, place, "number"), zh = string(t, place, "zh")
            let en = string(t, place, "en", default: zh ?? "")
            guard let number, let zh, let en else { continue }
            let hotline = Hotline(number: number, name: LocalizedText(zh: zh, en: en))
            for problem in hotline.validate() {
                fail(place, problem == .invalidPhone(.hotline) ? "number" : "zh", problem)
            }
            hotlines.append(hotline)
        }
        return problems.count == before ? CrisisChecklist(region: region, steps: steps, hotlines: hotlines) : nil
    }
}
