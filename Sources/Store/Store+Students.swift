import Counseling
import Foundation
import GRDB

/// A row of the student list: what the list shows and searches, read from
/// indexed columns (no JSON decoding, so 10,000 students load fast). The
/// whole record comes with `openFile`. Level and flags are read only for
/// those who may see them and hold the key to them (see
/// `Store.studentList(withLevelsAndFlags:)`).
public struct StudentSummary: Hashable, Sendable {
    public var id: StudentID
    public var number: String
    public var name: String
    public var grade: Int
    public var className: String
    public var level: WarningLevel
    public var flags: Set<StudentFlag>
    public var pinyinFull: String
    public var pinyinInitials: String
    /// How the student left (转出, 毕业, 休学); nil while on the lists.
    public var leaving: LeavingKind?

    public init(id: StudentID, number: String, name: String, grade: Int, className: String, level: WarningLevel,
                flags: Set<StudentFlag> = [], pinyinFull: String, pinyinInitials: String, leaving: LeavingKind? = nil) {
        self.id = id
        self.number = number
        self.name = name
        self.grade = grade
        self.className = className
        self.level = level
        self.flags = flags
        self.pinyinFull = pinyinFull
        self.pinyinInitials = pinyinInitials
        self.leaving = leaving
    }

    /// A filter query, prepared once per keystroke rather than per student.
    /// Words separated by spaces must all match; besides text, a word can
    /// pick a grade (`g7`, `7年级`) and, for those who may see them, a level
    /// (`L2`, `等级3`) or a flag (`#留守`, `#left-behind`; a flag's Chinese
    /// word alone, `留守`, finds the flag or the text). For anyone else such
    /// words are plain text, so the filter cannot tell who has a level.
    public struct Query: Sendable {
        enum Term: Sendable {
            case text([UInt8])
            case level(Int)
            case grade(Int)
            case flag(StudentFlag)
            case textOrFlag([UInt8], StudentFlag)
        }
        let terms: [Term]
        public var isEmpty: Bool { terms.isEmpty }

        public init(_ text: String, levelsAndFlags: Bool = true) {
            terms = text.split(whereSeparator: \.isWhitespace).map { word in
                let w = String(word)
                let bytes = Array(w.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 })
                if let n = Self.number(after: ["g", "G"], in: w) ?? (w.hasSuffix("年级") ? Int(w.dropLast(2)) : nil),
                   (1...12).contains(n) { return .grade(n) }
                guard levelsAndFlags else { return .text(bytes) }
                if let n = Self.number(after: ["l", "L", "等级"], in: w), (0...3).contains(n) { return .level(n) }
                if w.hasPrefix("#") || w.hasPrefix("＃"), let flag = try? StudentFlag.parse(String(w.dropFirst())) {
                    return .flag(flag)
                }
                if let flag = try? StudentFlag.parse(w) { return .textOrFlag(bytes, flag) }
                return .text(bytes)
            }
        }

        static func number(after prefixes: [String], in word: String) -> Int? {
            for p in prefixes where word.hasPrefix(p) { if let n = Int(word.dropFirst(p.count)) { return n } }
            return nil
        }
    }

    /// Whether the list filter finds this student: every word matches the
    /// name, pinyin in full or initials (`zs` finds 张三), student number
    /// or class, or is a level or grade the student has. One student's
    /// answer is the roster's (`StudentRoster.matching`), the one matcher.
    public func matches(_ query: Query) -> Bool {
        query.isEmpty || StudentRoster([self]).matching(query) == [0]
    }

    public func matches(_ text: String) -> Bool { matches(Query(text)) }
}

extension Store {
    /// Writes a student's roster row; guardians and flags go sealed inside
    /// the body (`StudentBody`), never into a column.
    /// The statement is prepared once per connection (GRDB's statement
    /// cache): an import or a demo school writes thousands of rows.
    func writeStudent(_ s: Student, revision: Int, _ db: Database, body: String? = nil) throws {
        let key = PinyinKey(name: s.name)
        try db.cachedStatement(sql: """
            INSERT INTO students(id, number, name, grade, class_name, pinyin_full, pinyin_initials, revision, body, leaving)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET number = excluded.number, name = excluded.name, grade = excluded.grade,
              class_name = excluded.class_name, pinyin_full = excluded.pinyin_full,
              pinyin_initials = excluded.pinyin_initials, revision = excluded.revision, body = excluded.body,
              leaving = excluded.leaving
            """).execute(arguments: [s.id.rawValue, s.number, s.name, s.grade, s.className, key.full, key.initials,
                                     revision, try body ?? StudentBody.encode(s, keys), Self.leavingKind(s)])
    }

    /// What the `leaving` column holds: the kind of the last leaving, as the
    /// body encodes it (`LeavingColumnMigration`), nil while enrolled.
    static func leavingKind(_ s: Student) -> String? {
        guard case .left(let kind)? = s.leaving?.change else { return nil }
        return kind.rawValue
    }

    /// Whether a stored row is of a student on the lists: one who never
    /// left, or whose last enrolment change is a return (the `leaving`
    /// column, written with the body), so lists of 10,000 stay one query.
    static let enrolledSQL = "leaving IS NULL"

    /// Students who have left (转出, 毕业, 休学): their files stay, the lists leave them out.
    func leftStudents(_ db: Database) throws -> Set<StudentID> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM students WHERE NOT (\(Self.enrolledSQL))").map(StudentID.init))
    }

    /// Which of `students` have left: only they are looked up, not every
    /// student of the school, on the way to the first frame.
    func leftStudents(among students: Set<StudentID>, _ db: Database) throws -> Set<StudentID> {
        guard !students.isEmpty else { return [] }
        return Set(try String.fetchAll(db, sql: "SELECT id FROM students WHERE id IN (SELECT value FROM json_each(?)) AND NOT (\(Self.enrolledSQL))",
                                       arguments: [try Self.encode(students.map(\.rawValue))]).map(StudentID.init))
    }

    /// A student's record as this session reads it (guardians and flags
    /// for one that opens them), with their leaving and returns.
    public func student(_ id: StudentID) throws -> Student {
        try writer.read { db in
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM students WHERE id = ?", arguments: [id.rawValue]) else {
                throw StoreError.unknownStudent(id)
            }
            var student = try StudentBody.decode(body, keys, opening: true)
            student.flags = try standing(of: id, db)?.flags ?? []
            return student
        }
    }

    /// A student by student number, for the command line.
    public func student(number: String) throws -> Student? {
        let id = try writer.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM students WHERE number = ?", arguments: [Student.normalizedNumber(number)])
        }
        return try id.map { try student(StudentID($0)) }
    }

    /// Every student on the lists, ordered by grade, class and name; with
    /// `includingLeft` those who left too, marked (`leaving`), for a search.
    /// Levels and flags come from the oversight tier, opened in one pass
    /// over the few students who have one; without `withLevelsAndFlags` (a
    /// duty teacher, an administrator) or without the tier every row says
    /// level none and no flags.
    public func studentList(withLevelsAndFlags: Bool = true, includingLeft: Bool = false,
                            opened: OpenedStandings? = nil) throws -> [StudentSummary] {
        try writer.read { db in
            let standings = withLevelsAndFlags ? try opened?.byStudent ?? standings(db) : [:]
            // A cursor and column positions: 10,000 rows on the way to the
            // first frame after unlock.
            var list: [StudentSummary] = []
            let rows = try Row.fetchCursor(db, sql: Self.studentListSQL(includingLeft: includingLeft))
            while let row = try rows.next() {
                let leaving = row[7] as String?
                let id = StudentID(row[0] as String)
                let standing = standings[id]
                list.append(StudentSummary(id: id, number: row[1], name: row[2], grade: row[3], className: row[4],
                                           level: standing?.level ?? .none, flags: standing?.flags ?? [],
                                           pinyinFull: row[5], pinyinInitials: row[6],
                                           leaving: leaving.flatMap(LeavingKind.init(rawValue:))))
            }
            return list
        }
    }

    /// The list's query: its columns are exactly those of the covering
    /// index `students_list`, in its order, so SQLite reads the index alone
    /// and sorts nothing (`StudentListQueryPlanTests` holds it to that).
    static func studentListSQL(includingLeft: Bool) -> String {
        """
        SELECT id, number, name, grade, class_name, pinyin_full, pinyin_initials, leaving
        FROM students \(includingLeft ? "" : "WHERE " + enrolledSQL) ORDER BY grade, class_name, pinyin_full
        """
    }

    /// Every student on the lists, whole (for export), in list order:
    /// guardians and flags only for a session that reads them.
    public func allStudents() throws -> [Student] {
        try writer.read { db in
            let standings = try standings(db)
            let sql = "SELECT body FROM students WHERE \(Self.enrolledSQL) ORDER BY grade, class_name, pinyin_full"
            return try String.fetchAll(db, sql: sql).map { body in
                var student = try StudentBody.decode(body, keys, opening: true)
                student.flags = standings[student.id]?.flags ?? []
                return student
            }
        }
    }

    public func studentCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM students") ?? 0 }
    }

    /// A student's file as this session reads it: the roster entry, its
    /// flags if the session holds oversight, and the records of every kind
    /// it holds the tier of (a head's file has levels and follow-ups but no
    /// notes; a duty teacher's only the room's records). Every record is
    /// checked against its author's signature.
    func file(_ id: StudentID, _ db: Database) throws -> StudentFile {
        guard let body = try String.fetchOne(db, sql: "SELECT body FROM students WHERE id = ?", arguments: [id.rawValue]) else {
            throw StoreError.unknownStudent(id)
        }
        var student = try StudentBody.decode(body, keys, opening: true)
        student.flags = try standing(of: id, db)?.flags ?? []
        return StudentFile(
            student: student,
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
            screeningProposals: try records(ScreeningProposal.self, of: id, db),
            groupSessions: try records(GroupAttendance.self, of: id, db))
    }

    /// Earlier versions of a student's details, oldest first (guardians and
    /// flags as that version had them, for a session that reads them).
    public func studentRevisions(_ id: StudentID) throws -> [Student] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM revisions WHERE kind = ? AND id = ? ORDER BY revision",
                                arguments: [RecordKind.student, id.rawValue]).map { try StudentBody.decode($0, keys, opening: true) }
        }
    }
}
