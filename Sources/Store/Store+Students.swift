import Counseling
import Foundation
import GRDB

/// A row of the student list: the student, the current warning level and
/// the pinyin search key, computed once when the student was saved.
public struct StudentSummary: Hashable, Sendable {
    public var student: Student
    public var level: WarningLevel
    public var pinyinFull: String
    public var pinyinInitials: String

    /// Whether the list filter `query` finds this student: name, pinyin in
    /// full or initials, student number or class.
    public func matches(_ query: String) -> Bool {
        let q = query.lowercased().filter { !$0.isWhitespace }
        if q.isEmpty { return true }
        if student.name.contains(q) || student.number.lowercased().contains(q) || student.className.contains(q) {
            return true
        }
        return pinyinInitials.hasPrefix(q) || pinyinFull.hasPrefix(q)
    }
}

extension Store {
    /// Saves new students and updates existing ones (matched by student
    /// number); an updated student's previous version is kept. One audit
    /// entry per call, with the counts.
    @discardableResult
    public func saveStudents(_ students: [Student], by actor: StaffID, at now: LocalDateTime,
                             action: String = "student.import") throws -> (added: Int, updated: Int) {
        try writer.write { db in
            var added = 0, updated = 0
            for var s in students {
                if let existing = try Row.fetchOne(db, sql: "SELECT id, revision, body FROM students WHERE number = ?",
                                                   arguments: [s.number]) {
                    s.id = StudentID(existing["id"] as String)
                    let body = try Self.encode(s)
                    if body == existing["body"] as String { continue }
                    let revision: Int = existing["revision"]
                    try db.execute(sql: """
                        INSERT INTO revisions(kind, id, revision, body, replaced_by, replaced_at) VALUES ('student', ?, ?, ?, ?, ?)
                        """, arguments: [s.id.rawValue, revision, existing["body"] as String, actor.rawValue, now.description])
                    try Self.writeStudent(s, revision: revision + 1, db)
                    updated += 1
                } else {
                    try Self.writeStudent(s, revision: 1, db)
                    added += 1
                }
            }
            try audit(db, actor, now, action, nil, "added \(added), updated \(updated)")
            return (added, updated)
        }
    }

    static func writeStudent(_ s: Student, revision: Int, _ db: Database) throws {
        let key = PinyinKey(name: s.name)
        try db.execute(sql: """
            INSERT INTO students(id, number, name, grade, class_name, pinyin_full, pinyin_initials, revision, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET number = excluded.number, name = excluded.name, grade = excluded.grade,
              class_name = excluded.class_name, pinyin_full = excluded.pinyin_full,
              pinyin_initials = excluded.pinyin_initials, revision = excluded.revision, body = excluded.body
            """, arguments: [s.id.rawValue, s.number, s.name, s.grade, s.className, key.full, key.initials,
                             revision, try encode(s)])
    }

    /// Every student, for the list, ordered by grade, class and name.
    public func studentList() throws -> [StudentSummary] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT body, level, pinyin_full, pinyin_initials FROM students ORDER BY grade, class_name, pinyin_full
                """).map { row in
                StudentSummary(student: try Self.decode(Student.self, row["body"] as String),
                               level: WarningLevel.allCases[row["level"] as Int],
                               pinyinFull: row["pinyin_full"], pinyinInitials: row["pinyin_initials"])
            }
        }
    }

    public func studentCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM students") ?? 0 }
    }

    /// Opens a student's whole file, and writes that it was opened, by
    /// whom, to the audit log.
    public func openFile(_ id: StudentID, by actor: StaffID, at now: LocalDateTime) throws -> StudentFile {
        try writer.write { db in
            let file = try Self.file(id, db)
            try audit(db, actor, now, "student.view", id, "")
            return file
        }
    }

    static func file(_ id: StudentID, _ db: Database) throws -> StudentFile {
        guard let body = try String.fetchOne(db, sql: "SELECT body FROM students WHERE id = ?", arguments: [id.rawValue]) else {
            throw StoreError.unknownStudent(id)
        }
        return StudentFile(
            student: try decode(Student.self, body),
            levelChanges: try records(LevelChange.self, of: id, db),
            plans: try records(SupportPlan.self, of: id, db),
            visits: try records(Visit.self, of: id, db),
            appointments: try records(Appointment.self, of: id, db),
            caseNotes: try records(CaseNote.self, of: id, db),
            guardianContacts: try records(GuardianContact.self, of: id, db),
            referrals: try records(Referral.self, of: id, db),
            followUps: try records(FollowUp.self, of: id, db),
            closings: try records(CaseClosing.self, of: id, db),
            crisisRuns: try records(CrisisRun.self, of: id, db),
            screeningResults: try records(ScreeningResult.self, of: id, db),
            screeningProposals: try records(ScreeningProposal.self, of: id, db))
    }

    /// Records a level change and makes it the student's current level.
    public func changeLevel(_ change: LevelChange, by actor: StaffID, at now: LocalDateTime) throws {
        try writer.write { db in
            try Self.insert(change, db)
            try db.execute(sql: "UPDATE students SET level = ? WHERE id = ?",
                           arguments: [change.to.number, change.student.rawValue])
            guard db.changesCount == 1 else { throw StoreError.unknownStudent(change.student) }
            try audit(db, actor, now, "level.change", change.student,
                      "level \(change.from.number) → \(change.to.number)")
        }
    }

    /// Earlier versions of a student's details, oldest first.
    public func studentRevisions(_ id: StudentID) throws -> [Student] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM revisions WHERE kind = 'student' AND id = ? ORDER BY revision",
                                arguments: [id.rawValue]).map { try Self.decode(Student.self, $0) }
        }
    }
}
