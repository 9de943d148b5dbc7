/// Lesson time, as the compliance view counts "outside lessons".
extension SchoolCalendar {
    /// An exam day, a sports day: students are at school without lessons.
    public func hasNoClasses(on day: Day) -> Bool {
        daysWithoutClasses.contains { $0.contains(day) }
    }

    /// The lesson time of `day`, in time order: none on a day without
    /// classes; with several stages, only the time every stage is in class,
    /// because a break of one stage is when its students can come.
    public func lessons(on day: Day) -> [TimeSpan] {
        guard !hasNoClasses(on: day) else { return [] }
        return otherTimetables.reduce(timetable.lessons(on: day)) { shared, other in
            let theirs = other.lessons(on: day)
            // Both lists are disjoint and sorted, so the pairwise overlaps are too.
            return shared.flatMap { lesson in theirs.compactMap { lesson.intersection($0) } }
        }
    }

    /// Every timetable, the first stage's first.
    public var timetables: [Timetable] { [timetable] + otherTimetables }

    /// This calendar with the public holidays and make-up working days of
    /// `publicHolidays` added (each once), and their years known.
    public func adding(publicHolidays: [Holiday], makeUpWorkdays extra: [Day], years: [Int]) -> SchoolCalendar {
        var merged = self
        merged.holidays += publicHolidays.filter { !holidays.contains($0) }
        merged.makeUpWorkdays += extra.filter { !makeUpWorkdays.contains($0) }
        merged.publicHolidayYears = Array(Set(publicHolidayYears + years)).sorted()
        return merged
    }
}
