public typealias FollowUpID = Identifier<FollowUp>

/// A follow-up (追踪) of a student: due on a day, done by someone with a note.
public struct FollowUp: Identifiable, Hashable, Codable, Sendable {
    public var id: FollowUpID
    public var student: StudentID
    public var due: Day
    public var done: LocalDateTime?
    public var doneBy: StaffID?
    public var note: String

    public init(id: FollowUpID, student: StudentID, due: Day, done: LocalDateTime? = nil,
                doneBy: StaffID? = nil, note: String = "") {
        self.id = id
        self.student = student
        self.due = due
        self.done = done
        self.doneBy = doneBy
        self.note = note
    }

    public var isDone: Bool { done != nil }

    /// Not done and due before `today`: a follow-up due today is not late yet.
    public func isOverdue(today: Day) -> Bool { !isDone && due < today }

    public func daysOverdue(today: Day) -> Int { isOverdue(today: today) ? due.days(to: today) : 0 }

    public func completed(at moment: LocalDateTime, by person: StaffID, note: String) -> FollowUp {
        var copy = self
        copy.done = moment
        copy.doneBy = person
        copy.note = note
        return copy
    }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if done != nil && doneBy == nil { problems.append(.empty(.doneBy)) }
        if done == nil && doneBy != nil { problems.append(.empty(.date)) }
        if let problem = TextCheck.note(note, field: .note) {
            problems.append(problem)
        }
        return problems
    }
}
