/// Why a change to the duty roster (值班表) was refused, in words a head
/// of guidance understands: which day, which shift, and what to do instead.
public enum RosterError: TeacherReadableError, Equatable {
    /// The day is a holiday, a weekend or outside every term: students are
    /// not at school, so nobody is planned to staff the room.
    case notASchoolDay(Day, SchoolCalendar.DayKind)
    /// The same person already has a shift at an overlapping time.
    case overlapsShift(TimeSpan)
    /// A shift that has begun is part of the compliance record: moving or
    /// removing it would hide a gap from the inspection.
    case alreadyBegun(TimeSpan)
    /// The person is neither an account nor on the staff list.
    case unknownPerson(String)
    /// A weekly pattern whose dates hold no school day on its weekday.
    case patternHasNoSchoolDay(Weekday, first: Day, last: Day)

    public var message: LocalizedText {
        switch self {
        case .notASchoolDay(let day, let kind):
            LocalizedText(zh: "\(day)（\(kind.displayName.zh)）不是上课日，不排值班：请选上课日（调休上课日也可以）。",
                          en: "\(day) (\(kind.displayName.en)) is not a school day, so no duty is planned: choose a school day (a make-up school day works too).")
        case .overlapsShift(let span):
            LocalizedText(zh: "这位老师在 \(span.start.day) \(Self.clock(span)) 已有值班，时间重叠：请换个时间，或先移动那个班次。",
                          en: "This person already has a shift on \(span.start.day) at \(Self.clock(span)), which overlaps: choose another time or move that shift first.")
        case .alreadyBegun(let span):
            LocalizedText(zh: "\(span.start.day) \(Self.clock(span)) 的值班已经开始或过去，是开放合规的记录，不能移动或删除。",
                          en: "The \(span.start.day) \(Self.clock(span)) shift has begun or is over; it is part of the compliance record and cannot be moved or removed.")
        case .unknownPerson(let name):
            LocalizedText(zh: "“\(name)”不在教职工名单中：请填写名单上的编号、姓名或账号（新同事先用 xindesk user add 建账号）。",
                          en: "“\(name)” is not on the staff list: type a number, name or account from the list (add a new colleague with xindesk user add first).")
        case .patternHasNoSchoolDay(let weekday, let first, let last):
            LocalizedText(zh: "\(first) 至 \(last) 之间没有要排的\(weekday.displayName.zh)上课日，没有排任何值班：请检查星期和日期。",
                          en: "There is no school \(weekday.displayName.en) left to plan between \(first) and \(last); nothing was planned: check the weekday and the dates.")
        }
    }

    public var detail: String {
        switch self {
        case .notASchoolDay(let day, let kind): "shift on non-school day \(day): \(kind)"
        case .overlapsShift(let span): "overlaps the same person's shift \(span.start)–\(span.end)"
        case .alreadyBegun(let span): "shift \(span.start)–\(span.end) has begun; moving or removing it is refused"
        case .unknownPerson: "person matches no account or staff entry"
        case .patternHasNoSchoolDay(let weekday, let first, let last): "pattern \(weekday.rawValue) \(first)...\(last): no school day ahead"
        }
    }

    /// `12:00–13:30`, a shift to the end of its day ending at 24:00.
    public static func clock(_ span: TimeSpan) -> String {
        let end = span.end.day == span.start.day ? span.end.time : .endOfDay
        return "\(span.start.time)–\(end)"
    }
}
