import Counseling
import Foundation

/// A domain record kept in the `records` table: the Codable value as JSON in
/// `body`, plus the few projections the app's lists sort and filter on, so
/// every list is an index range instead of a scan.
public protocol StoredRecord: Codable, Sendable, Identifiable where ID == Identifier<Self> {
    /// The record type's stable name in the table (never change one).
    static var kind: RecordKind { get }
    /// The student the record belongs to, if any.
    var studentKey: StudentID? { get }
    /// When it happened or is planned, as sortable school-local text: always
    /// a `LocalDateTime.description` (`2026-09-20T08:00:00`), so one range
    /// query compares like with like. A record dated by a day alone keys on
    /// that day's midnight (`Day.midnightKey`).
    var timeKey: String { get }
    /// A day it is due, for records that fall due (follow-ups, plan reviews).
    var dueKey: String? { get }
    /// Whether it still needs someone's action (an open follow-up, a
    /// referral without feedback, a pending proposal).
    var isOpen: Bool { get }
}

public extension StoredRecord {
    var dueKey: String? { nil }
    var isOpen: Bool { false }
}

extension Day {
    /// The `timeKey` of a record dated by this day alone: its midnight, in
    /// the same text as every other record's time. The bare day
    /// (`2026-09-20`) would sort before that day's `2026-09-20T00:00:00`,
    /// so a range query for the day would miss it and find the next day's.
    /// `RecordTimeMigration` rewrites keys stored the old way.
    var midnightKey: String { LocalDateTime(self, .midnight).description }
}

extension Visit: StoredRecord {
    public static let kind = RecordKind.visit
    public var studentKey: StudentID? { student }
    public var timeKey: String { start.description }
    public var isOpen: Bool { awaitsCounselor }
}

extension Appointment: StoredRecord {
    public static let kind = RecordKind.appointment
    public var studentKey: StudentID? { student }
    public var timeKey: String { slot.start.description }
    public var isOpen: Bool { status == .requested || status == .confirmed }
}

extension PlannedShift: StoredRecord {
    public static let kind = RecordKind.shift
    public var studentKey: StudentID? { nil }
    public var timeKey: String { span.start.description }
}

extension DutyCheckIn: StoredRecord {
    public static let kind = RecordKind.checkin
    public var studentKey: StudentID? { nil }
    public var timeKey: String { checkIn.description }
    public var isOpen: Bool { checkOut == nil }
}

extension ViolationNote: StoredRecord {
    public static let kind = RecordKind.violationNote
    public var studentKey: StudentID? { nil }
    public var timeKey: String { day.midnightKey }
}

extension LevelChange: StoredRecord {
    public static let kind = RecordKind.level
    public var studentKey: StudentID? { student }
    public var timeKey: String { at.description }
}

extension SupportPlan: StoredRecord {
    public static let kind = RecordKind.plan
    public var studentKey: StudentID? { student }
    public var timeKey: String { createdAt.description }
    public var dueKey: String? { reviewDate.description }
}

extension GuardianContact: StoredRecord {
    public static let kind = RecordKind.contact
    public var studentKey: StudentID? { student }
    public var timeKey: String { at.description }
}

extension Referral: StoredRecord {
    public static let kind = RecordKind.referral
    public var studentKey: StudentID? { student }
    public var timeKey: String { referredOn.midnightKey }
    public var isOpen: Bool { awaitsFeedback }
}

extension FollowUp: StoredRecord {
    public static let kind = RecordKind.followup
    public var studentKey: StudentID? { student }
    public var timeKey: String { due.midnightKey }
    public var dueKey: String? { due.description }
    public var isOpen: Bool { !isDone }
}

extension CaseNote: StoredRecord {
    public static let kind = RecordKind.note
    public var studentKey: StudentID? { student }
    public var timeKey: String { at.description }
}

extension CaseClosing: StoredRecord {
    public static let kind = RecordKind.closing
    public var studentKey: StudentID? { student }
    public var timeKey: String { requestedAt.description }
    public var isOpen: Bool { isPending }
}

extension CrisisRun: StoredRecord {
    public static let kind = RecordKind.crisis
    public var studentKey: StudentID? { student }
    public var timeKey: String { startedAt.description }
    public var isOpen: Bool { isAcute || awaitsCounselor }
}

extension ScreeningResult: StoredRecord {
    public static let kind = RecordKind.screening
    public var studentKey: StudentID? { student }
    public var timeKey: String { date.midnightKey }
}

extension ScreeningCampaign: StoredRecord {
    public static let kind = RecordKind.campaign
    public var studentKey: StudentID? { nil }
    public var timeKey: String { firstDay.midnightKey }
}

extension ScreeningProposal: StoredRecord {
    public static let kind = RecordKind.proposal
    public var studentKey: StudentID? { student }
    public var timeKey: String { raisedOn.midnightKey }
    public var isOpen: Bool { status == .pending }
}

extension GroupSession: StoredRecord {
    public static let kind = RecordKind.groupSession
    public var studentKey: StudentID? { nil }
    public var timeKey: String { start.description }
}

extension GroupAttendance: StoredRecord {
    public static let kind = RecordKind.groupAttendance
    public var studentKey: StudentID? { student }
    public var timeKey: String { start.description }
}
