/// A half-open span of local time `[start, end)`: a shift, a visit, an
/// appointment slot, a lesson.
public struct TimeSpan: Hashable, Sendable, Codable {
    public var start: LocalDateTime
    public var end: LocalDateTime

    public init(start: LocalDateTime, end: LocalDateTime) {
        self.start = start
        self.end = end
    }

    /// The span on `day` from `from` to `to`; `to` may be 24:00.
    public init(on day: Day, from: TimeOfDay, to: TimeOfDay) {
        self.init(start: LocalDateTime(day, from), end: LocalDateTime(day, to))
    }

    /// A span must end after it starts.
    public var isValid: Bool { start < end }

    public var seconds: Int { max(0, start.seconds(to: end)) }

    /// The part both spans cover, or nil when they do not meet.
    public func intersection(_ other: TimeSpan) -> TimeSpan? {
        let span = TimeSpan(start: max(start, other.start), end: min(end, other.end))
        return span.isValid ? span : nil
    }

    public func overlaps(_ other: TimeSpan) -> Bool { intersection(other) != nil }

    /// The union of `spans` as disjoint spans in time order, so that two
    /// teachers on duty at once are not counted twice.
    public static func union(_ spans: [TimeSpan]) -> [TimeSpan] {
        var merged: [TimeSpan] = []
        for span in spans.filter(\.isValid).sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// The parts of `self` not covered by any of `others`, in time order.
    public func subtracting(_ others: [TimeSpan]) -> [TimeSpan] {
        var rest: [TimeSpan] = []
        var cursor = start
        for cut in TimeSpan.union(others.compactMap { $0.intersection(self) }) {
            if cursor < cut.start { rest.append(TimeSpan(start: cursor, end: cut.start)) }
            cursor = max(cursor, cut.end)
        }
        if cursor < end { rest.append(TimeSpan(start: cursor, end: end)) }
        return rest
    }
}
