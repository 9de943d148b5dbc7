/// Days the school calendar cannot answer for. Outside every term the
/// calendar says "no school day" only for a break between two terms it
/// knows; before the first term or after the last it knows nothing. Inside
/// a term, a day of a year whose public holidays nobody entered may be a
/// holiday. Such days are never silently "no school day": the reports name
/// them and say how to fix the calendar.
public struct CalendarGap: Hashable, Codable, Sendable {
    public enum Reason: String, Codable, Sendable {
        /// Before the first term or after the last one.
        case outsideTerms
        /// In a term, in a year whose public holidays are not in the calendar.
        case publicHolidaysUnknown
    }

    public var first: Day
    public var last: Day
    public var reason: Reason

    public init(first: Day, last: Day, reason: Reason) {
        self.first = first
        self.last = last
        self.reason = reason
    }

    /// How a teacher fixes it, with the commands that do.
    public static let fix = LocalizedText(
        zh: "请运行 xindesk school show > school.toml，编辑后运行 xindesk school apply school.toml",
        en: "run xindesk school show > school.toml, edit it, then xindesk school apply school.toml")

    public var message: LocalizedText {
        let span = first == last ? "\(first)" : "\(first) – \(last)"
        switch reason {
        case .outsideTerms:
            return LocalizedText(
                zh: "校历未覆盖 \(span)（不在任何已录入的学期内），这些天未计入合规：请补充学期（[[term]]）。\(Self.fix.zh)",
                en: "The calendar does not cover \(span) (outside every term entered); those days are not counted: "
                    + "add the term ([[term]]); \(Self.fix.en)")
        case .publicHolidaysUnknown:
            return LocalizedText(
                zh: "校历缺少 \(first.year) 年的法定节假日，\(span) 按普通上课日计算：请在 [[holiday]] 中补充节假日，"
                    + "并把 \(first.year) 写入 public_holiday_years。\(Self.fix.zh)",
                en: "The calendar lacks the public holidays of \(first.year); \(span) is counted as ordinary school days: "
                    + "add the holidays ([[holiday]]) and \(first.year) to public_holiday_years; \(Self.fix.en)")
        }
    }
}

extension SchoolCalendar {
    /// Why the calendar cannot answer for `day`, or nil when it can.
    public func gapReason(_ day: Day) -> CalendarGap.Reason? {
        if term(containing: day) != nil {
            return publicHolidayYears.contains(day.year) ? nil : .publicHolidaysUnknown
        }
        let betweenTerms = terms.contains { $0.last < day } && terms.contains { $0.first > day }
        return betweenTerms ? nil : .outsideTerms
    }

    /// The days of `first...last` the calendar cannot answer for, as runs
    /// of consecutive days with one reason (a new year starts a new run).
    public func gaps(from first: Day, through last: Day) -> [CalendarGap] {
        guard first <= last else { return [] }
        var gaps: [CalendarGap] = []
        for day in first...last {
            guard let reason = gapReason(day) else { continue }
            if let previous = gaps.last, previous.reason == reason, previous.last.adding(days: 1) == day,
               previous.last.year == day.year {
                gaps[gaps.count - 1].last = day
            } else {
                gaps.append(CalendarGap(first: day, last: day, reason: reason))
            }
        }
        return gaps
    }
}
