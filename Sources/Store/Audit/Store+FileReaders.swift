import Counseling
import GRDB
import Vault

/// One time someone opened a student's file or printed a form about them,
/// from the audit log: who and when, never what.
public struct FileReading: Sendable, Hashable {
    public var at: LocalDateTime
    public var actor: StaffID
    /// A form about the student was printed (else the file was opened).
    public var printed: Bool

    public init(at: LocalDateTime, actor: StaffID, printed: Bool) {
        self.at = at
        self.actor = actor
        self.printed = printed
    }
}

extension Store {
    /// Who opened `student`'s file or printed a form about them, oldest
    /// first: the audit entries whose subject is the student's link under
    /// a tier this session holds. The entries' details are never read.
    public func fileReadings(of student: StudentID, in period: ClosedRange<Day>? = nil) throws -> [FileReading] {
        let subjects = [Tier.oversight, .clinical].compactMap { tier in keys.link(tier, student.rawValue).map { "\(tier.rawValue):\($0)" } }
        let actions = [AuditAction.studentView, .documentPrint].map(\.rawValue)
        let entries = try writer.read { db in
            try AuditEntry.filter(actions.contains(Column("action")) && subjects.contains(Column("subject"))).order(Column("id")).fetchAll(db)
        }
        return entries.map { FileReading(at: LocalDateTime($0.at, in: timeZone), actor: StaffID($0.actor),
                                          printed: $0.action == AuditAction.documentPrint.rawValue) }
            .filter { reading in period.map { $0.contains(reading.at.day) } ?? true }
    }
}
