import Counseling
import Foundation

/// A number cell as the sheet shows it, in the forms the imports read:
/// a date `2026-09-20`, a time `08:30`, both `2026-09-20 08:30`, any other
/// number to Excel's 15 significant digits without a trailing `.0`
/// (20260101 stays `20260101`, 2.2999999999999998 is `2.3`).
enum CellText {
    static func number(_ raw: String, format: NumberFormat, date1904: Bool) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        if format != .plain, let moment = moment(value, date1904: date1904) {
            switch format {
            case .date: return moment.day.description
            case .time: return moment.time.description
            case .dateTime, .plain: return "\(moment.day) \(moment.time)"
            }
        }
        if value == 0 { return "0" }
        return String(format: "%.15g", value)
    }

    /// Serial 25569 is 1970-01-01 in the 1900 date system, whose serials
    /// below 61 count a 29 February 1900 that never was; the 1904 system
    /// starts 1462 days later. Nil outside years 1900–9999.
    static func moment(_ serial: Double, date1904: Bool) -> (day: Day, time: TimeOfDay)? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * Double(TimeOfDay.secondsPerDay)).rounded())
        if seconds >= TimeOfDay.secondsPerDay { days += 1; seconds -= TimeOfDay.secondsPerDay }
        if date1904 { days += 1462 } else if days < 61 { days += 1 }
        guard let time = TimeOfDay(secondsSinceMidnight: seconds) else { return nil }
        return (Day(daysSinceEpoch: days - 25569), time)
    }
}
