/// Class hours (学时) as every report, export and screen writes them: one
/// rounding everywhere. A figure is cut, never rounded up, to one decimal —
/// 449 minutes of 45-minute class hours is 9.9, not 10.0 — so an open time
/// below its requirement never reads as reaching it. When a week that did
/// not meet its requirement would still read the same as the requirement,
/// both figures get a second decimal.
public enum ClassHours {
    /// `seconds` in class hours of `classHourMinutes`, cut to `decimals`
    /// places: `9.9`, `10.0`, `8.86`.
    public static func text(seconds: Int, classHourMinutes: Int, decimals: Int = 1) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = max(0, seconds) * scale / (classHourMinutes * 60)
        return format(units, scale: scale, decimals: decimals)
    }

    /// A value already in class hours (a chart's bar), cut the same way.
    public static func text(hours: Double) -> String {
        format(Int((max(0, hours) * 10 + 1e-9).rounded(.down)), scale: 10, decimals: 1)
    }

    /// A week's open and required figures, written so that a week that did
    /// not meet its requirement never shows the two as equal.
    public static func week(_ week: WeekCompliance) -> (open: String, required: String?) {
        func pair(_ decimals: Int) -> (String, String?) {
            (text(seconds: week.openSeconds, classHourMinutes: week.classHourMinutes, decimals: decimals),
             week.requiredSeconds.map { text(seconds: $0, classHourMinutes: week.classHourMinutes, decimals: decimals) })
        }
        let short = pair(1)
        guard let required = week.requiredSeconds, week.openSeconds < required, short.0 == short.1 else { return short }
        return pair(2)
    }

    /// The unit's name: class hours (学时), or hours for a 60-minute unit
    /// (the university's rule of hours a workday).
    public static func unit(_ classHourMinutes: Int) -> LocalizedText {
        classHourMinutes == 60 ? LocalizedText(zh: "小时", en: "hours") : LocalizedText(zh: "学时", en: "class hours")
    }

    private static func format(_ units: Int, scale: Int, decimals: Int) -> String {
        let digits = String(units % scale)
        return "\(units / scale)." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}
