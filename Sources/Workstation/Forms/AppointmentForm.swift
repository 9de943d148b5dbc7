import Counseling
import Store
import Terminal

/// Booking a 30-minute appointment for the selected student.
extension FormModal {
    static func appointment(_ student: StudentSummary, _ s: AppState) -> FormModal {
        let L = s.language
        return FormModal(.appointment(student: student.id), title: S.bookTitle.text(L) + " · " + student.name,
                         hint: S.channel.text(L) + " " + codes(Appointment.Channel.allCases, L) + S.thirtyMinutes.text(L),
                         fields: [Form.Field(label: S.date.text(L), text: s.now.day.adding(days: 1).description),
                                  Form.Field(label: S.time.text(L), text: "12:20"),
                                  Form.Field(label: S.channel.text(L), text: "1")])
    }
}

enum AppointmentInput {
    static func read(_ f: inout FormModal, student: StudentID, _ s: inout AppState) -> Effect? {
        let L = s.language
        let day = f.day(0, .date, L, today: s.now.day)
        var time: TimeOfDay?
        do { time = try TimeOfDay.parse(f.text(1), field: .time) } catch { f.fail(1, error.message, L) }
        let channel = f.choice(2, Appointment.Channel.self, L)
        guard f.isValid, let day, let time, let channel else { return nil }
        let start = LocalDateTime(day, time)
        let appointment = Appointment(id: s.nextID("appointment"), student: student, requestedBy: .student, channel: channel,
                                      slot: TimeSpan(start: start, end: LocalDateTime(secondsSinceEpoch: start.secondsSinceEpoch + 30 * 60)),
                                      counselor: s.staff.first { $0.roles.contains(.counselor) }?.id, statusChangedAt: s.now)
        if let problem = appointment.validate().first {
            f.fail(0, problem.message, L)
            return nil
        }
        return .execute(.bookAppointment(appointment))
    }
}
