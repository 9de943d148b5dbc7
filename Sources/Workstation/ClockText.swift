import Counseling
import Foundation

/// How the screen writes a moment: the clock within a day, the month and
/// day before it across days. Seconds are never shown.
extension LocalDateTime {
    /// `16:30`
    var clock: String { String(format: "%02d:%02d", time.hour, time.minute) }
    /// `11-20 16:30`
    var monthDayClock: String { String(format: "%02d-%02d ", day.month, day.day) + clock }
}
