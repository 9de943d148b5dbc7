import Counseling

extension Store {
    /// What the second person reads before deciding on a student's closing
    /// (`ClosingSummary`), as this session's keys open the file: a head of
    /// guidance gets levels and follow-ups, a counselor the plan and the
    /// referrals too.
    public func closingSummary(of student: StudentID) throws -> ClosingSummary {
        try writer.read { db in ClosingSummary(file: try file(student, db), clinicalReadable: keys.holds(.clinical)) }
    }
}
