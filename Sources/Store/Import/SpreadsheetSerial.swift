import Counseling
import Foundation

/// Dates and times as an import column holds them, including those a
/// spreadsheet wrote as its own numbers: a cell that lost its date format
/// is exported as the day count since 1899-12-30 (46365 is 2026-12-09), a
/// time as the fraction of a day (0.5 is 12:00). Only columns that hold a
/// date or a time read them, where a plain number can mean nothing else.
enum SpreadsheetSerial {
    /// Serial 25569 is 1970-01-01; years 2000 to 2099 only, so a stray
    /// number is not taken for a date.
    static func day(_ text: String, field: Field) throws(ValidationError) -> Day {
        if text.count == 5, text.allSatisfy(\.isASCII), let serial = Int(text), (36526...73050).contains(serial) {
            return Day(daysSinceEpoch: serial - 25569)
        }
        return try Day.parse(text, field: field)
    }

    static func time(_ text: String, field: Field) throws(ValidationError) -> TimeOfDay {
        // To the minute: the fraction's last digits would make 12:10 read 12:09:59.
        if text.hasPrefix("0."), let fraction = Double(text), fraction < 1,
           let time = TimeOfDay(secondsSinceMidnight: Int((fraction * 1440).rounded()) * 60) {
            return time
        }
        return try TimeOfDay.parse(text, field: field)
    }
}
