/// The school itself: its name and the stages it teaches, first the one
/// whose class hour the weekly minimum counts in.
public struct SchoolProfile: Hashable, Codable, Sendable {
    public var name: String
    public var stages: [SchoolStage]

    public init(name: String, stages: [SchoolStage]) {
        self.name = name
        self.stages = stages
    }

    /// Until a school enters its own: an unnamed junior high, as the
    /// bundled example timetable is.
    public static let unnamed = SchoolProfile(name: "", stages: [.junior])

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let problem = TextCheck.line(name, field: .schoolName, required: false, maximumLength: 100) { problems.append(problem) }
        if stages.isEmpty { problems.append(.empty(.stage)) }
        if Set(stages).count != stages.count { problems.append(.duplicate(.stage)) }
        return problems
    }
}
