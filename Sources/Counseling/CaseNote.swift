public typealias CaseNoteID = Identifier<CaseNote>

/// A counselor's note in a student's file. Only counselors read the text;
/// others may see that a note exists, and when (`Permission`).
public struct CaseNote: Identifiable, Hashable, Codable, Sendable {
    public var id: CaseNoteID
    public var student: StudentID
    public var author: StaffID
    public var at: LocalDateTime
    public var text: String

    public init(id: CaseNoteID, student: StudentID, author: StaffID, at: LocalDateTime, text: String) {
        self.id = id
        self.student = student
        self.author = author
        self.at = at
        self.text = text
    }

    public func validate() -> [ValidationError] {
        TextCheck.note(text, field: .note, required: true).map { [$0] } ?? []
    }
}
