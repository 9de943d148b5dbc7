/// The rules a new booking keeps against the appointment register as it
/// stands (预约登记, 001: booked in person, by phone or online for a time
/// the room is open), checked by the store under the write lock.
public enum AppointmentBooking {
    /// How many bookings may share a moment. The room has one counselor on
    /// duty and one room: a second booking at the same time is sometimes
    /// right (siblings, a student with a guardian booked separately) and is
    /// saved with a warning; a third cannot be served, so it is refused
    /// outright rather than confirmed — a confirmation would only record a
    /// promise to a student that the room cannot keep.
    public static let mostAtOnce = 2

    /// Why `appointment` cannot be booked at `now` (a `ValidationError` for
    /// a field, else an `AppointmentBookingProblem`), or the booking it
    /// double-books (saved, with a warning) when it may.
    ///
    /// - `booked`: the appointments stored around its slot (any status).
    /// - `counselors`: the staff who may take appointments.
    /// - `openHours`: when the room is open on the slot's day (the duty
    ///   roster's shifts); booking outside them needs `outsideHoursConfirmed`.
    public static func check(_ appointment: Appointment, booked: [Appointment], counselors: [StaffID],
                             openHours: [TimeSpan], outsideHoursConfirmed: Bool,
                             now: LocalDateTime) throws -> Appointment? {
        if let invalid = appointment.validate().first { throw invalid }
        if appointment.purpose.trimmed.isEmpty { throw ValidationError.empty(.purpose) }
        guard let counselor = appointment.counselor else { throw ValidationError.empty(.counselor) }
        guard counselors.contains(counselor) else { throw AppointmentBookingProblem.notACounselor }
        // A booking is for a time still ahead: one in the past is a typing
        // mistake (03:00 for 13:00, last month's date), never a plan.
        if appointment.slot.start < now { throw AppointmentBookingProblem.inPast(appointment.slot) }
        let open = TimeSpan.union(openHours)
        if !outsideHoursConfirmed && !open.contains(where: { $0.start <= appointment.slot.start && appointment.slot.end <= $0.end }) {
            throw AppointmentBookingProblem.outsideOpeningHours(appointment.slot, open: open)
        }
        let overlapping = booked.filter {
            $0.id != appointment.id && !$0.status.isFinal && $0.slot.overlaps(appointment.slot)
        }
        if overlapping.count + 1 > mostAtOnce {
            throw AppointmentBookingProblem.slotFull(appointment.slot, booked: overlapping.count)
        }
        // The same counselor's booking is the one to name; else any at that time.
        return overlapping.first { $0.counselor == counselor } ?? overlapping.first
    }
}

public enum AppointmentBookingProblem: TeacherReadableError, Equatable {
    case notACounselor
    case inPast(TimeSpan)
    case outsideOpeningHours(TimeSpan, open: [TimeSpan])
    case slotFull(TimeSpan, booked: Int)

    public var message: LocalizedText {
        switch self {
        case .notACounselor:
            return LocalizedText(zh: "所选人员不是心理教师，请选择一位心理教师", en: "The person chosen is not a counselor; choose a counselor")
        case .inPast(let slot):
            return LocalizedText(zh: "预约时间 \(Self.when(slot)) 已经过去，不能预约过去的时间，请检查日期和时间",
                                 en: "The time \(Self.when(slot)) has already passed; an appointment cannot be booked in the past. Check the date and time")
        case .outsideOpeningHours(let slot, let open):
            let hours = open.filter { $0.start.day == slot.start.day }.map(RosterError.clock).joined(separator: ", ")
            return hours.isEmpty
                ? LocalizedText(zh: "\(slot.start.day) 辅导室没有安排值班（不开放）；确需预约请再按 F2 确认",
                                en: "The room is not open on \(slot.start.day) (nobody on duty); press F2 again to book anyway")
                : LocalizedText(zh: "\(Self.when(slot)) 不在辅导室开放时间内（当天开放 \(hours)）；确需预约请再按 F2 确认",
                                en: "\(Self.when(slot)) is outside the room's opening hours (open \(hours) that day); press F2 again to book anyway")
        case .slotFull(let slot, let booked):
            return LocalizedText(zh: "\(Self.when(slot)) 已有 \(booked) 个预约，同一时间最多 \(AppointmentBooking.mostAtOnce) 个，请换一个时间",
                                 en: "\(Self.when(slot)) already has \(booked) appointments, at most \(AppointmentBooking.mostAtOnce) at once; choose another time")
        }
    }

    public var detail: String {
        switch self {
        case .notACounselor: "appointment: counselor lacks the counselor role"
        case .inPast(let slot): "appointment: slot \(slot.start) before now"
        case .outsideOpeningHours(let slot, let open):
            "appointment: slot \(slot.start)–\(slot.end) outside \(open.map { "\($0.start)–\($0.end)" }); needs outsideHoursConfirmed"
        case .slotFull(let slot, let booked): "appointment: \(booked) already booked over \(slot.start)–\(slot.end)"
        }
    }

    /// `2026-11-20 03:00–03:30`: a slot as a teacher reads it.
    static func when(_ slot: TimeSpan) -> String { "\(slot.start.day) \(RosterError.clock(slot))" }
}
