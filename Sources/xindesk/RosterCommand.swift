import ArgumentParser
import Counseling
import Foundation
import Store
import Terminal

/// `xindesk roster list|add|remove|pattern`: the duty roster (值班表) shift
/// by shift, the workstation's roster pane on the command line. The store
/// checks the role (head of guidance or administrator), the school
/// calendar and the person's other shifts. Names pass the sanitizer.
struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Show or edit the duty roster (heads of guidance and administrators edit).",
        subcommands: [List.self, Add.self, Remove.self, Pattern.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the planned shifts of a period (default: the next 7 days).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "First day (YYYY-MM-DD; default: today).") var from: String?
        @Option(help: "Last day (YYYY-MM-DD; default: 6 days after the first).") var to: String?

        func run() throws {
            try StoreSession.run(global) { session in
                let first = try from.map { try Day.parse($0, field: .date) } ?? session.now.day
                let last = try to.map { try Day.parse($0, field: .date) } ?? first.adding(days: 6)
                let shifts = try session.store.records(PlannedShift.self, from: LocalDateTime(first, .midnight),
                                                       to: LocalDateTime(last.adding(days: 1), .midnight))
                let staff = try session.store.staff()
                guard !shifts.isEmpty else {
                    return [LocalizedText(zh: "\(first) 至 \(last) 没有排值班。", en: "No shifts are planned from \(first) to \(last).").text(session.language)]
                }
                return shifts.map { RosterCommand.line($0, staff, session.language) }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan a shift on a school day.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The day (YYYY-MM-DD).") var date: String
        @Argument(help: "Start (HH:MM).") var start: String
        @Argument(help: "End (HH:MM).") var end: String
        @Argument(help: "Who: an account or a name on the staff list.") var person: String

        func run() throws {
            try StoreSession.run(global) { session in
                let day = try Day.parse(date, field: .date)
                let span = TimeSpan(on: day, from: try TimeOfDay.parse(start, field: .start), to: try TimeOfDay.parse(end, field: .end))
                let staff = try session.store.staff()
                let shift = PlannedShift(id: Store.newID(), person: try RosterCommand.person(person, staff), span: span)
                try session.execute(.addShift(shift))
                return [LocalizedText(zh: "已添加值班：", en: "Shift added: ").text(session.language)
                        + RosterCommand.line(shift, staff, session.language)]
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the shift a person has on a day at a start time (the removed version is kept).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The day (YYYY-MM-DD).") var date: String
        @Argument(help: "Start (HH:MM).") var start: String
        @Argument(help: "Who: an account or a name on the staff list.") var person: String

        func run() throws {
            try StoreSession.run(global) { session in
                let day = try Day.parse(date, field: .date)
                let begins = LocalDateTime(day, try TimeOfDay.parse(start, field: .start))
                let staff = try session.store.staff()
                let who = try RosterCommand.person(person, staff)
                let shifts = try session.store.records(PlannedShift.self, from: begins, to: begins.adding(seconds: 1))
                guard let shift = shifts.first(where: { $0.person == who }) else { throw RosterCommand.NoSuchShift() }
                try session.execute(.removeShift(shift))
                return [LocalizedText(zh: "已删除值班（删除的版本已留档）：", en: "Shift removed (the removed version is kept): ").text(session.language)
                        + RosterCommand.line(shift, staff, session.language)]
            }
        }
    }

    struct Pattern: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a weekly shift on every school day of a weekday (holidays and weekends skipped).",
            discussion: "Example: xindesk roster pattern 周一 12:00 13:30 周明 (to the end of the term).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The weekday: 1–7, 周一 … 周日, or Monday … Sunday.") var weekday: String
        @Argument(help: "Start (HH:MM).") var start: String
        @Argument(help: "End (HH:MM).") var end: String
        @Argument(help: "Who: an account or a name on the staff list.") var person: String
        @Option(help: "First day (YYYY-MM-DD; default: today).") var from: String?
        @Option(help: "Last day (YYYY-MM-DD; default: the end of the term).") var to: String?

        func run() throws {
            try StoreSession.run(global) { session in
                let first = try from.map { try Day.parse($0, field: .date) } ?? session.now.day
                let calendar = try session.store.calendar()
                let termEnd = calendar.terms.sorted { $0.first < $1.first }.first { first <= $0.last }?.last ?? first
                let pattern = WeeklyDutyPattern(
                    weekday: try WeeklyDutyPattern.weekday(weekday), start: try TimeOfDay.parse(start, field: .start),
                    end: try TimeOfDay.parse(end, field: .end), person: try RosterCommand.person(person, try session.store.staff()),
                    first: first, last: try to.map { try Day.parse($0, field: .date) } ?? termEnd)
                let outcome = try session.execute(.applyWeeklyPattern(pattern))
                return [LocalizedText(zh: "已排 \(outcome.added) 个值班（\(pattern.first) 至 \(pattern.last) 的每个\(pattern.weekday.displayName.zh)上课日）。",
                                      en: "\(outcome.added) shifts planned (every school \(pattern.weekday.displayName.en) from \(pattern.first) to \(pattern.last)).")
                    .text(session.language)]
            }
        }
    }

    /// A person as typed: an account or a name on the staff list.
    static func person(_ text: String, _ staff: [Staff]) throws -> StaffID {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard let match = staff.first(where: { $0.id.rawValue == name }) ?? staff.first(where: { $0.name == name }) else {
            throw RosterError.unknownPerson(name)
        }
        return match.id
    }

    /// `2026-09-15 二 12:00–13:30 周明`.
    static func line(_ shift: PlannedShift, _ staff: [Staff], _ language: Language) -> String {
        let name = staff.first { $0.id == shift.person }?.name ?? shift.person.rawValue
        let weekday = language == .en ? String(shift.day.weekday.displayName.en.prefix(3))
            : String(shift.day.weekday.displayName.zh.suffix(1))
        return Sanitizer.oneLine("\(shift.day) \(weekday) \(RosterError.clock(shift.span)) \(name)")
    }

    /// `roster remove` named a shift that is not on the roster.
    struct NoSuchShift: TeacherReadableError {
        var message: LocalizedText {
            LocalizedText(zh: "这一天这个时间没有这位老师的值班：请用 xindesk roster list 查看已排的值班。",
                          en: "This person has no shift starting then: see the planned shifts with xindesk roster list.")
        }
        var detail: String { "no planned shift of that person at that start" }
    }
}
