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

    public init(id: DutyCheckInID, person: StaffID, checkIn: LocalDateTime, checkOut: LocalDateTime? = nil) {
        self.id = id
        self.person = person
        self.checkIn = checkIn
        self.checkOut = checkOut
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
        }
    }

    public var detail: String { "duty: \(self)" }
}
