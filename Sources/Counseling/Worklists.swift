/// The other lists a counselor works through: students not seen for a
/// while, follow-ups that are late, referrals still waiting for feedback.
public enum Worklists {
    public struct NotSeen: Hashable, Codable, Sendable {
        public var student: Student
        public var level: WarningLevel
        public var lastContact: LocalDateTime?
        /// Nil when never seen.
        public var days: Int?
    }

    public struct OverdueFollowUp: Hashable, Codable, Sendable {
        public var student: Student
        public var level: WarningLevel
        public var followUp: FollowUp
        public var daysOverdue: Int
    }

    public struct PendingFeedback: Hashable, Codable, Sendable {
        public var student: Student
        public var referral: Referral
        public var daysWaiting: Int
    }

    /// Students at `minimumLevel` or above not seen for at least `days` days
    /// (or never), longest first. By default the key-attention students.
    public static func notSeen(in days: Int, _ files: [StudentFile], today: Day,
                               minimumLevel: WarningLevel = .severe) -> [NotSeen] {
        files.filter { $0.level >= minimumLevel }.compactMap { file -> NotSeen? in
            let since = file.lastContact.map { $0.day.days(to: today) }
            if let since, since < days { return nil }
            return NotSeen(student: file.student, level: file.level, lastContact: file.lastContact, days: since)
        }
        .sorted { a, b in
            let aDays = a.days ?? Int.max, bDays = b.days ?? Int.max
            return aDays != bDays ? aDays > bDays : a.student.number < b.student.number
        }
    }

    /// Every late follow-up, oldest due date first, higher level first on the same day.
    public static func overdueFollowUps(_ files: [StudentFile], today: Day) -> [OverdueFollowUp] {
        files.flatMap { file in
            file.overdueFollowUps(today: today).map {
                OverdueFollowUp(student: file.student, level: file.level, followUp: $0,
                                daysOverdue: $0.daysOverdue(today: today))
            }
        }
        .sorted { a, b in
            if a.followUp.due != b.followUp.due { return a.followUp.due < b.followUp.due }
            if a.level != b.level { return a.level > b.level }
            return (a.student.number, a.followUp.id) < (b.student.number, b.followUp.id)
        }
    }

    /// Referrals the school has not heard back about, longest waiting first.
    public static func referralsWithoutFeedback(_ files: [StudentFile], today: Day) -> [PendingFeedback] {
        files.flatMap { file in
            file.referrals.filter(\.awaitsFeedback).map {
                PendingFeedback(student: file.student, referral: $0, daysWaiting: $0.referredOn.days(to: today))
            }
        }
        .sorted { ($0.referral.referredOn, $0.student.number, $0.referral.id)
            < ($1.referral.referredOn, $1.student.number, $1.referral.id) }
    }
}
