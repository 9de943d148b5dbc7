public typealias AppointmentID = Identifier<Appointment>

/// A booking (预约登记): requested in person, by phone or online (001), then
/// confirmed by a counselor, and finally done, missed or cancelled.
public struct Appointment: Identifiable, Hashable, Codable, Sendable {
    public enum Requester: String, Codable, Sendable, CaseIterable, WordParsable {
        case student, guardian, teacher

        public static let field = Field.requestedBy

        public var displayName: LocalizedText {
            switch self {
            case .student: LocalizedText(zh: "学生本人", en: "student")
            case .guardian: LocalizedText(zh: "监护人", en: "guardian")
            case .teacher: LocalizedText(zh: "教师", en: "teacher")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .student: ["学生", "本人", "self"]
            case .guardian: ["家长", "parent"]
            case .teacher: ["班主任", "老师", "head teacher"]
            }
        }
    }

    public enum Channel: String, Codable, Sendable, CaseIterable, WordParsable {
        case inPerson, phone, online

        public static let field = Field.channel

        public var displayName: LocalizedText {
            switch self {
            case .inPerson: LocalizedText(zh: "登门", en: "in person")
            case .phone: LocalizedText(zh: "电话", en: "phone")
            case .online: LocalizedText(zh: "网络", en: "online")
            }
        }

        public var synonyms: [String] {
            switch self {
            case .inPerson: ["当面", "现场"]
            case .phone: ["电话预约"]
            case .online: ["网上", "线上", "网络预约"]
            }
        }
    }

    public enum Status: String, Codable, Sendable, CaseIterable, DisplayNamed {
        case requested, confirmed, done, noShow, cancelled

        public var displayName: LocalizedText {
            switch self {
            case .requested: LocalizedText(zh: "待确认", en: "requested")
            case .confirmed: LocalizedText(zh: "已确认", en: "confirmed")
            case .done: LocalizedText(zh: "已完成", en: "done")
            case .noShow: LocalizedText(zh: "未到", en: "no-show")
            case .cancelled: LocalizedText(zh: "已取消", en: "cancelled")
            }
        }

        /// The statuses an appointment may move to from this one. Done,
        /// no-show and cancelled are final: a new time is a new booking.
        public var next: Set<Status> {
            switch self {
            case .requested: [.confirmed, .cancelled]
            case .confirmed: [.done, .noShow, .cancelled]
            case .done, .noShow, .cancelled: []
            }
        }

        public var isFinal: Bool { next.isEmpty }
    }

    public var id: AppointmentID
    public var student: StudentID
    public var requestedBy: Requester
    public var channel: Channel
    public var slot: TimeSpan
    /// Nil until a counselor takes the appointment.
    public var counselor: StaffID?
    /// Why the student is coming, in the booker's words (预约登记表's 事由);
    /// sealed to the clinical tier like the note.
    public var purpose: String
    public private(set) var status: Status
    public private(set) var statusChangedAt: LocalDateTime
    public var note: String

    /// A new booking is `requested`; pass another `status` only when
    /// restoring a stored record. Changes go through `moved(to:at:)`.
    public init(id: AppointmentID, student: StudentID, requestedBy: Requester, channel: Channel,
                slot: TimeSpan, counselor: StaffID? = nil, purpose: String = "", note: String = "",
                status: Status = .requested, statusChangedAt: LocalDateTime) {
        self.id = id
        self.student = student
        self.requestedBy = requestedBy
        self.channel = channel
        self.slot = slot
        self.counselor = counselor
        self.purpose = purpose
        self.status = status
        self.statusChangedAt = statusChangedAt
        self.note = note
    }

    private enum CodingKeys: String, CodingKey {
        case id, student, requestedBy, channel, slot, counselor, purpose, status, statusChangedAt, note
    }

    /// Appointments stored before the register had a purpose read with none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(AppointmentID.self, forKey: .id), student: try c.decode(StudentID.self, forKey: .student),
                  requestedBy: try c.decode(Requester.self, forKey: .requestedBy), channel: try c.decode(Channel.self, forKey: .channel),
                  slot: try c.decode(TimeSpan.self, forKey: .slot), counselor: try c.decodeIfPresent(StaffID.self, forKey: .counselor),
                  purpose: try c.decodeIfPresent(String.self, forKey: .purpose) ?? "", note: try c.decode(String.self, forKey: .note),
                  status: try c.decode(Status.self, forKey: .status),
                  statusChangedAt: try c.decode(LocalDateTime.self, forKey: .statusChangedAt))
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if !slot.isValid { problems.append(.endNotAfterStart(.time)) }
        if let problem = TextCheck.note(note, field: .note) {
            problems.append(problem)
        }
        // A booking made before the register had a purpose keeps validating;
        // a new one is checked for it by `AppointmentBooking`.
        if let problem = TextCheck.line(purpose, field: .purpose, required: false) { problems.append(problem) }
        return problems
    }

    /// The appointment moved to `status` at `now`, or why it cannot move.
    public func moved(to status: Status, at now: LocalDateTime) throws(AppointmentError) -> Appointment {
        guard self.status.next.contains(status) else {
            throw .transitionNotAllowed(from: self.status, to: status)
        }
        if status == .confirmed && counselor == nil { throw .noCounselor }
        // Whether a student came can only be told once the slot has begun.
        if (status == .done || status == .noShow) && now < slot.start { throw .slotNotStarted }
        var moved = self
        moved.status = status
        moved.statusChangedAt = now
        return moved
    }

    /// Whether `other` holds the same counselor at an overlapping time.
    public func clashes(with other: Appointment) -> Bool {
        guard id != other.id, let counselor, counselor == other.counselor,
              status != .cancelled, other.status != .cancelled else { return false }
        return slot.overlaps(other.slot)
    }
}

public enum AppointmentError: TeacherReadableError, Equatable {
    case transitionNotAllowed(from: Appointment.Status, to: Appointment.Status)
    case noCounselor
    case slotNotStarted

    public var message: LocalizedText {
        switch self {
        case .transitionNotAllowed(let from, let to):
            LocalizedText(zh: "预约不能从“\(from.displayName.zh)”改为“\(to.displayName.zh)”",
                          en: "An appointment cannot go from \(from.displayName.en) to \(to.displayName.en)")
        case .noCounselor:
            LocalizedText(zh: "确认预约前请先指定心理教师", en: "Assign a counselor before confirming the appointment")
        case .slotNotStarted:
            LocalizedText(zh: "预约时间尚未开始，不能标记为已完成或未到",
                          en: "The appointment has not started yet; it cannot be marked done or no-show")
        }
    }

    public var detail: String {
        switch self {
        case .transitionNotAllowed(let from, let to): "appointment: \(from.rawValue) -> \(to.rawValue) not allowed"
        case .noCounselor: "appointment: confirm requires counselor"
        case .slotNotStarted: "appointment: done/noShow before slot.start"
        }
    }
}
