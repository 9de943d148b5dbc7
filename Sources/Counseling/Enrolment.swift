/// Why a student is no longer on the school's lists (000: returning
/// students are tracked closely, so a leave of absence is recorded as such).
public enum LeavingKind: String, Codable, Sendable, CaseIterable, WordParsable {
    case transferredOut, graduated, leaveOfAbsence

    public static let field = Field.status

    public var displayName: LocalizedText {
        switch self {
        case .transferredOut: LocalizedText(zh: "转出", en: "transferred out")
        case .graduated: LocalizedText(zh: "毕业", en: "graduated")
        case .leaveOfAbsence: LocalizedText(zh: "休学", en: "leave of absence")
        }
    }

    public var synonyms: [String] {
        switch self {
        case .transferredOut: ["转学", "转走", "transfer", "transferred", "transfer-out"]
        case .graduated: ["graduate", "graduation", "已毕业"]
        case .leaveOfAbsence: ["leave", "on leave", "suspension", "休学中"]
        }
    }
}

/// One change of a student's enrolment: they left (with why), or came back
/// from a leave of absence (复学). The history stays in the student's record,
/// so a file keeps every leaving and return with who recorded it and when.
public struct EnrolmentEvent: Hashable, Codable, Sendable {
    public enum Change: Hashable, Codable, Sendable {
        case left(LeavingKind)
        case returned
    }

    public var change: Change
    /// The day it took effect (the school's date, may be before it was recorded).
    public var on: Day
    /// Why, in the recorder's words; sealed for counselors where it is kept.
    public var reason: String
    public var by: StaffID
    public var at: LocalDateTime

    public init(change: Change, on: Day, reason: String, by: StaffID, at: LocalDateTime) {
        self.change = change
        self.on = on
        self.reason = reason
        self.by = by
        self.at = at
    }

    public static let maximumReasonLength = 500

    /// A leaving needs a reason (one line); a return may have one.
    public func validate() -> [ValidationError] {
        let required = if case .left = change { true } else { false }
        return [TextCheck.line(reason, field: .reason, required: required, maximumLength: Self.maximumReasonLength)].compactMap { $0 }
    }

    public var displayName: LocalizedText {
        switch change {
        case .left(let kind): kind.displayName
        case .returned: LocalizedText(zh: "复学", en: "returned")
        }
    }
}

/// What a leaving or a return is refused for, in words a teacher understands.
public enum EnrolmentProblem: TeacherReadableError, Equatable {
    /// The student has already left (and how): record a return first.
    case alreadyLeft(LeavingKind)
    /// Only a student on a leave of absence returns (复学); one who
    /// transferred out or graduated is added again if they come back.
    case notOnLeave(LeavingKind?)
    /// The day is after today: a leaving is recorded when it has happened.
    case dayInFuture
    /// The return is dated before the leave began.
    case returnBeforeLeave

    public var message: LocalizedText {
        switch self {
        case .alreadyLeft(let kind):
            LocalizedText(zh: "这名学生已登记为“\(kind.displayName.zh)”，不在名单上；如已回校请先登记复学",
                          en: "This student is already recorded as \(kind.displayName.en) and off the lists; record a return first if they are back")
        case .notOnLeave(nil):
            LocalizedText(zh: "这名学生在读，没有休学，无需登记复学",
                          en: "This student is enrolled, not on leave: there is nothing to return from")
        case .notOnLeave(let kind?):
            LocalizedText(zh: "只有休学的学生才能复学；这名学生是“\(kind.displayName.zh)”，如重新入学请新增学生",
                          en: "Only a student on leave of absence returns; this one is \(kind.displayName.en): add them again if they re-enrol")
        case .dayInFuture:
            LocalizedText(zh: "日期晚于今天：请在发生后再登记，日期填今天或以前",
                          en: "The date is after today: record it once it has happened, dated today or earlier")
        case .returnBeforeLeave:
            LocalizedText(zh: "复学日期早于休学日期，请检查日期", en: "The return date is before the leave began: check the date")
        }
    }

    public var detail: String {
        switch self {
        case .alreadyLeft(let kind): "enrolment: already left (\(kind.rawValue))"
        case .notOnLeave(let kind): "enrolment: return without a leave of absence (\(kind?.rawValue ?? "enrolled"))"
        case .dayInFuture: "enrolment: day after today"
        case .returnBeforeLeave: "enrolment: return before the leave began"
        }
    }
}

extension Student {
    /// How the student left, when they are off the lists now; nil while enrolled.
    public var leaving: EnrolmentEvent? {
        guard let last = enrolment.last, case .left = last.change else { return nil }
        return last
    }

    public var isEnrolled: Bool { leaving == nil }

    /// The student with `event` recorded, checked against their history:
    /// only an enrolled student leaves, only one on leave of absence returns,
    /// and never on a day still to come or before the leave.
    public func recording(_ event: EnrolmentEvent) throws -> Student {
        if let problem = event.validate().first { throw problem }
        guard event.on <= event.at.day else { throw EnrolmentProblem.dayInFuture }
        switch event.change {
        case .left:
            if let leaving, case .left(let kind) = leaving.change { throw EnrolmentProblem.alreadyLeft(kind) }
        case .returned:
            guard let leaving, case .left(let kind) = leaving.change else { throw EnrolmentProblem.notOnLeave(nil) }
            guard kind == .leaveOfAbsence else { throw EnrolmentProblem.notOnLeave(kind) }
            if event.on < leaving.on { throw EnrolmentProblem.returnBeforeLeave }
        }
        var copy = self
        copy.enrolment.append(event)
        return copy
    }
}
