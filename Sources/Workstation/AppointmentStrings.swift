import Counseling

/// The words of the appointment register (the booking form and the list
/// in the roster pane), in Chinese and English.
extension S {
    public static let bookingCounselor = LocalizedText(zh: "心理教师", en: "Counselor")
    public static let bookingPurpose = LocalizedText(zh: "预约事由", en: "Purpose")
    /// The field's label is the word its errors use (`Field.channel`).
    public static let bookingChannel = LocalizedText(zh: "方式", en: "Channel")
    public static let semicolon = LocalizedText(zh: "；", en: "; ")
    /// After a booking that shares its time with another: saved, and which one.
    public static let appointmentDoubleBooked = LocalizedText(
        zh: "预约已保存。注意：%@ 已有预约（%@，%@），同一时间两个预约。",
        en: "Appointment saved. Note: %@ is already booked (%@, %@): two appointments at once.")
    /// `本周预约 12 个（待进行 3）· 今天 2 个`, then ` · 第 4/12 个` in the focused pane.
    public static let appointmentWeekLine = LocalizedText(zh: "本周预约 %d 个（待进行 %d）· 今天 %d 个",
                                                          en: "This week %d appointments (%d open) · today %d")
    public static let appointmentWeekShort = LocalizedText(zh: "本周预约 %d 个（待进行 %d）", en: "This week %d (%d open)")
    public static let appointmentPosition = LocalizedText(zh: " · 第 %d/%d 个", en: " · %d of %d")
    public static let noAppointmentsThisWeek = LocalizedText(zh: "本周没有预约", en: "No appointments this week")
}
