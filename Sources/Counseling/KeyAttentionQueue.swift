/// The counselor's daily list (DOMAIN.md): key-attention students, most
/// urgent first.
public struct KeyAttentionItem: Hashable, Codable, Sendable {
    public var student: Student
    public var level: WarningLevel
    public var overdueFollowUps: Int
    /// Days the oldest overdue follow-up is late; 0 when none is.
    public var mostOverdueDays: Int
    /// Nil when nobody at school has seen the student since records began.
    public var daysSinceLastContact: Int?
    public var nextFollowUp: Day?
    public var missing: [KeyAttentionRequirement]
}

public enum KeyAttentionQueue {
    /// Ordered by level (major first), then by overdue follow-ups (more, then
    /// later, first), then by days since the last contact (never seen first,
    /// then longest ago), then by student number so the order is stable.
    public static func items(_ files: [StudentFile], today: Day) -> [KeyAttentionItem] {
        files.filter(\.isKeyAttention).map { file in
            let overdue = file.overdueFollowUps(today: today)
            return KeyAttentionItem(
                student: file.student, level: file.level, overdueFollowUps: overdue.count,
                mostOverdueDays: overdue.map { $0.daysOverdue(today: today) }.max() ?? 0,
                daysSinceLastContact: file.lastContact.map { $0.day.days(to: today) },
                nextFollowUp: file.nextFollowUp?.due, missing: file.missingRequirements(today: today))
        }
        .sorted(by: isMoreUrgent)
    }

    static func isMoreUrgent(_ a: KeyAttentionItem, _ b: KeyAttentionItem) -> Bool {
        if a.level != b.level { return a.level > b.level }
        if a.overdueFollowUps != b.overdueFollowUps { return a.overdueFollowUps > b.overdueFollowUps }
        if a.mostOverdueDays != b.mostOverdueDays { return a.mostOverdueDays > b.mostOverdueDays }
        let aDays = a.daysSinceLastContact ?? Int.max, bDays = b.daysSinceLastContact ?? Int.max
        if aDays != bDays { return aDays > bDays }
        return a.student.number < b.student.number
    }
}
