import Counseling
import Store
import Terminal

/// Booking a 30-minute appointment for the selected student, as the
/// register (预约登记表) records it: when, with which counselor, why, and
/// how it was asked for (001: in person, phone, online).
extension FormModal {
    static func appointment(_ student: StudentSummary, _ s: AppState) -> FormModal {
        let L = s.language
        let counselors = AppointmentInput.counselors(s)
        return FormModal(.appointment(student: student.id), title: S.bookTitle.text(L) + " · " + student.name,
                         hint: S.bookingCounselor.text(L) + " " + counselors.enumerated().map { "\($0.offset + 1) \($0.element.name)" }
                            .joined(separator: " ") + S.semicolon.text(L) + S.bookingChannel.text(L) + " "
                            + codes(Appointment.Channel.allCases, L) + S.thirtyMinutes.text(L),
                         fields: [Form.Field(label: S.date.text(L), text: AppointmentInput.nextSchoolDay(s).description),
                                  Form.Field(label: S.time.text(L), text: "12:20"),
                                  Form.Field(label: S.bookingCounselor.text(L), text: counselors.isEmpty ? "" : "1"),
                                  Form.Field(label: S.bookingPurpose.text(L), text: ""),
                                  Form.Field(label: S.bookingChannel.text(L), text: "1")])
    }
}

enum AppointmentInput {
    /// The first school day after today (the room opens on school days), or
    /// tomorrow when the calendar is not loaded or has none in two weeks.
    static func nextSchoolDay(_ s: AppState) -> Day {
        (1...14).lazy.map { s.now.day.adding(days: $0) }.first { s.calendar?.isSchoolDay($0) ?? false } ?? s.now.day.adding(days: 1)
    }

    /// The counselors an appointment can be booked with, in the order the hint numbers them.
    static func counselors(_ s: AppState) -> [Staff] { s.staff.filter { $0.roles.contains(.counselor) } }

    /// `confirmedSlot`: the slot the teacher already confirmed outside the
    /// opening hours (the store asked once); a changed date or time asks again.
    static func read(_ f: inout FormModal, student: StudentID, confirmedSlot: TimeSpan?, _ s: inout AppState) -> Effect? {
        let L = s.language
        let day = f.day(0, .date, L, today: s.now.day)
        var time: TimeOfDay?
        do { time = try TimeOfDay.parse(f.text(1), field: .time) } catch { f.fail(1, error.message, L) }
        let counselor = self.counselor(&f, s)
        if f.text(3).isEmpty { f.fail(3, ValidationError.empty(.purpose).message, L) }
        let channel = f.choice(4, Appointment.Channel.self, L)
        guard f.isValid, let day, let time, let counselor, let channel else { return nil }
        let start = LocalDateTime(day, time)
        let slot = TimeSpan(start: start, end: start.adding(minutes: 30))
        let appointment = Appointment(id: s.nextID("appointment"), student: student, requestedBy: .student, channel: channel,
                                      slot: slot, counselor: counselor, purpose: f.text(3), statusChangedAt: s.now)
        // What the screen can tell at once; the store checks all of it again.
        if let problem = appointment.validate().first {
            f.fail(problem.field == .purpose ? 3 : 1, problem.message, L)
            return nil
        }
        if slot.start < s.now {
            f.fail(1, AppointmentBookingProblem.inPast(slot).message, L)
            return nil
        }
        return .execute(.bookAppointment(appointment, outsideHoursConfirmed: confirmedSlot == slot))
    }

    /// A counselor typed as the hint's number or by name (its start is enough when only one name starts so).
    private static func counselor(_ f: inout FormModal, _ s: AppState) -> StaffID? {
        let all = counselors(s), text = f.text(2)
        if let n = Int(text), all.indices.contains(n - 1) { return all[n - 1].id }
        let named = all.filter { !text.isEmpty && ($0.name == text || $0.id.rawValue == text) }
        let starting = all.filter { !text.isEmpty && $0.name.hasPrefix(text) }
        if let one = named.first ?? (starting.count == 1 ? starting.first : nil) { return one.id }
        f.fail(2, text.isEmpty ? ValidationError.empty(.counselor).message
                   : LocalizedText(zh: "没有叫“\(text)”的心理教师，请填提示里的编号或姓名",
                                   en: "No counselor is called “\(text)”; type the number or name the hint shows"), s.language)
        return nil
    }
}
