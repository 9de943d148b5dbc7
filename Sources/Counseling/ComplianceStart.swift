/// Where a compliance report starts: never before the school's first
/// recorded day (its first check-in, planned shift or visit), so a school
/// that starts using xindesk in November is not judged from September.
public struct ComplianceStart: Hashable, Codable, Sendable {
    public enum Reason: String, Codable, Sendable {
        /// The day asked for (the term's start or `--from`).
        case requested
        /// The school's first recorded day, later than the day asked for.
        case firstRecord
        /// Nothing is recorded yet: the report starts today.
        case nothingRecorded
    }

    public var day: Day
    public var reason: Reason

    public init(day: Day, reason: Reason) {
        self.day = day
        self.reason = reason
    }

    /// The later of `requested` and the first recorded day; today when
    /// nothing is recorded.
    public static func resolve(requested: Day, firstRecorded: Day?, today: Day) -> ComplianceStart {
        guard let firstRecorded else { return ComplianceStart(day: max(requested, today), reason: .nothingRecorded) }
        return firstRecorded > requested ? ComplianceStart(day: firstRecorded, reason: .firstRecord)
            : ComplianceStart(day: requested, reason: .requested)
    }

    /// What the reports say about it; nil when the report starts where asked.
    public var note: LocalizedText? {
        switch reason {
        case .requested:
            return nil
        case .firstRecord:
            return LocalizedText(zh: "合规自 \(day) 起计算：这是本校最早的值班、排班或来访记录日，此前的日子不计",
                                 en: "Compliance counts from \(day), the school's first recorded duty, shift or visit; earlier days are not judged")
        case .nothingRecorded:
            return LocalizedText(zh: "尚无值班、排班或来访记录：合规自第一条记录起计算",
                                 en: "No duty, shift or visit is recorded yet; compliance counts from the first one")
        }
    }
}
