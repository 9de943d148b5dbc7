public typealias DutyCheckInID = Identifier<DutyCheckIn>

/// What actually happened: a named person checked in to the room and,
/// later, out. Opening-hour compliance is computed from these alone, so
/// a room counts as open only while a named person is present (专人值班).
/// A check-in is not tied to a roster shift: whoever is in the room during
/// a planned shift covers it, so a colleague standing in is no gap.
public struct DutyCheckIn: Identifiable, Hashable, Codable, Sendable {
    public var id: DutyCheckInID
    public var person: StaffID
    public var checkIn: LocalDateTime
    /// Nil while the person is still in the room, or if they forgot.
    public var checkOut: LocalDateTime?
    /// Set when the check-in was entered afterwards or corrected, not made
    /// at the moment it says (`CheckInAmendment`); nil for one made with F5.
    public var amendment: CheckInAmendment?

    public init(id: DutyCheckInID, person: StaffID, checkIn: LocalDateTime, checkOut: LocalDateTime? = nil,
                amendment: CheckInAmendment? = nil) {
        self.id = id
        self.person = person
        self.checkIn = checkIn
        self.checkOut = checkOut
        self.amendment = amendment
    }

    public func validate() -> [ValidationError] {
        if let checkOut, checkOut <= checkIn { return [.endNotAfterStart(.time)] }
        return []
    }

    /// The time the room was staffed by this check-in as known at `now`.
    /// A check-in still open on the day of `now` counts up to `now`; one
    /// left open on an earlier day counts nothing, because nobody can say
    /// when the person left (compliance reports it as a missing check-out).
    public func presence(asOf now: LocalDateTime) -> TimeSpan? {
        if let checkOut {
            let span = TimeSpan(start: checkIn, end: min(checkOut, max(now, checkIn)))
            return span.isValid ? span : nil
        }
        guard checkIn.day == now.day else { return nil }
        let span = TimeSpan(start: checkIn, end: now)
        return span.isValid ? span : nil
    }

    /// A check-in from an earlier day that was never closed.
    public func isMissingCheckOut(asOf now: LocalDateTime) -> Bool {
        checkOut == nil && checkIn.day < now.day
    }
}

extension DutyCheckIn {
    /// The check-out at `moment`, on the day of the check-in only: a shift
    /// left open past its day is a missing check-out that counts no
    /// minutes, never one that ran all night.
    public func checkedOut(at moment: LocalDateTime) throws(DutyProblem) -> DutyCheckIn {
        guard checkOut == nil else { throw .alreadyCheckedOut }
        guard moment.day == checkIn.day else { throw .openFromEarlierDay(checkIn.day) }
        guard moment > checkIn else { throw .checkOutBeforeCheckIn }
        var copy = self
        copy.checkOut = moment
        return copy
    }
}

public enum DutyProblem: TeacherReadableError, Equatable {
    case notYours
    case notNow
    case alreadyCheckedIn
    case alreadyCheckedOut
    case openFromEarlierDay(Day)
    case checkOutBeforeCheckIn
    // Entered afterwards or corrected (CheckInAmendment).
    case inFuture
    case checkOutMissing
    case notWithinOneDay
    case outNotAfterIn
    case overlaps(LocalDateTime, LocalDateTime?)
    case reasonRequired
    case nothingChanged

    public var message: LocalizedText {
        switch self {
        case .notYours:
            LocalizedText(zh: "只能为自己签到或签退", en: "You can only check yourself in or out")
        case .notNow:
            LocalizedText(zh: "签到时间必须是现在，请检查电脑时钟", en: "A check-in is made now: check the computer's clock")
        case .alreadyCheckedIn:
            LocalizedText(zh: "您今天已经签到，正在值班", en: "You are already checked in today")
        case .alreadyCheckedOut:
            LocalizedText(zh: "这次值班已经签退了", en: "This shift is already checked out")
        case .openFromEarlierDay(let day):
            LocalizedText(zh: "\(day.month)月\(day.day)日的值班当天未签退，已记为缺签退；再按 F5 签到今天的值班",
                          en: "The shift of \(day) was not checked out that day and counts as a missing check-out; press F5 to check in for today")
        case .checkOutBeforeCheckIn:
            LocalizedText(zh: "签退时间早于签到时间，请检查电脑时钟", en: "The check-out is before the check-in: check the computer's clock")
        case .inFuture:
            LocalizedText(zh: "签到或签退时间还没到，只能补录已经过去的值班", en: "The check-in or check-out is in the future; only past duty can be entered")
        case .checkOutMissing:
            LocalizedText(zh: "请填写签退时间：补录或更正的签到要有签到和签退两个时间", en: "Enter the check-out time: an entered or corrected check-in needs both times")
        case .notWithinOneDay:
            LocalizedText(zh: "签到和签退须在同一天", en: "The check-in and check-out must be on the same day")
        case .outNotAfterIn:
            LocalizedText(zh: "签退时间须晚于签到时间", en: "The check-out must be after the check-in")
        case .overlaps(let start, let end):
            LocalizedText(zh: "与此人\(start.day.month)月\(start.day.day)日 \(Self.span(start, end)) 的签到时间重叠；如那条有误，请更正那一条",
                          en: "Overlaps this person's check-in of \(start.day) \(Self.span(start, end)); if that one is wrong, correct it instead")
        case .reasonRequired:
            LocalizedText(zh: "请填写更正原因", en: "Enter the reason for the correction")
        case .nothingChanged:
            LocalizedText(zh: "时间没有改动，无需更正", en: "The times are unchanged; nothing to correct")
        }
    }

    public var detail: String { "duty: \(self)" }

    static func span(_ start: LocalDateTime, _ end: LocalDateTime?) -> String {
        "\(start.time)–\(end.map { "\($0.time)" } ?? "?")"
    }
}
