/// A case note that was being written when the workstation locked (idle,
/// the lock key, or the terminal closing). Locking must wipe what the app
/// holds, but must not cost a counselor what they wrote: the draft is kept
/// in the encrypted store, one per account, and reopened at the next unlock.
public struct CaseNoteDraft: Codable, Hashable, Sendable {
    public var student: StudentID
    /// The note being edited, nil for a new one.
    public var editing: CaseNoteID?
    public var text: String
    public var savedAt: LocalDateTime

    public init(student: StudentID, editing: CaseNoteID?, text: String, savedAt: LocalDateTime) {
        self.student = student
        self.editing = editing
        self.text = text
        self.savedAt = savedAt
    }
}
