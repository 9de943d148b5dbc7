import Counseling
import Foundation
import GRDB
import Vault

/// A student's warning level and flags, oversight data kept apart from the
/// roster: one row in `standing` per student who has a level or a flag,
/// keyed by the student's oversight link, its body sealed under the
/// oversight key and bound to that link. Without the key a row says
/// neither whose it is nor what it holds; a student with neither has no row.
struct Standing: Equatable, Sendable {
    var student: StudentID
    var level: WarningLevel
    var flags: Set<StudentFlag>

    /// What nobody has to be told about: no row is kept for it.
    var isEmpty: Bool { level == .none && flags.isEmpty }

    static func associatedData(_ link: String) -> [UInt8] { CanonicalBytes("standing", link).bytes }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE standing(link TEXT PRIMARY KEY, body BLOB NOT NULL)")
    }

    /// The level as one byte, the flags as their bits (`StudentFlagBits`)
    /// in four, then the student's id: no JSON to decode for each of the
    /// rows the list opens on the way to the first frame.
    var bytes: [UInt8] {
        let bits = UInt32(StudentFlag.bits(flags))
        return [UInt8(level.number), UInt8(bits >> 24), UInt8((bits >> 16) & 0xff), UInt8((bits >> 8) & 0xff), UInt8(bits & 0xff)]
            + Array(student.rawValue.utf8)
    }

    init(student: StudentID, level: WarningLevel, flags: Set<StudentFlag>) {
        self.student = student
        self.level = level
        self.flags = flags
    }

    init?(bytes: [UInt8]) {
        guard bytes.count > 5, Int(bytes[0]) < WarningLevel.allCases.count else { return nil }
        level = WarningLevel.allCases[Int(bytes[0])]
        flags = StudentFlag.flags(Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4]))
        student = StudentID(String(decoding: bytes[5...], as: UTF8.self))
    }
}

/// Every student's level and flags as this session reads them, opened
/// once for a screen's load and shared by the student list (which shows
/// them) and the counselor's queue (which picks its students from them):
/// on the way to the first frame they are the most rows opened.
public struct OpenedStandings: Sendable {
    let byStudent: [StudentID: Standing]
}

extension Store {
    /// The levels and flags this session reads, opened once (see `OpenedStandings`).
    public func openedStandings() throws -> OpenedStandings {
        OpenedStandings(byStudent: try writer.read { db in try standings(db) })
    }

    /// Every student's level and flags this session reads, by student; empty
    /// without the oversight tier. A row that does not open (altered, or
    /// moved to another link: the seal binds it) is left out. Each is placed
    /// by the student inside it, so the link is not hashed again for each of
    /// the rows the list opens on the way to the first frame.
    func standings(_ db: Database) throws -> [StudentID: Standing] {
        guard keys.holds(.oversight) else { return [:] }
        let rows = try Row.fetchAll(db, sql: "SELECT link, body FROM standing").compactMap { row -> (link: String, body: [UInt8])? in
            guard let link = String.fromDatabaseValue(row[0]), let body = RecordRow.bytes(row[1]) else { return nil }
            return (link, body)
        }
        let opened = try ParallelDecode.map(rows) { row in
            self.keys.open(.oversight, row.body, ad: Standing.associatedData(row.link)).flatMap(Standing.init(bytes:))
        }
        return Dictionary(opened.compactMap { $0 }.map { ($0.student, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// One student's level and flags; nil without the tier or without a row.
    func standing(of student: StudentID, _ db: Database) throws -> Standing? {
        guard let link = keys.link(.oversight, student.rawValue),
              let value = try DatabaseValue.fetchOne(db, sql: "SELECT body FROM standing WHERE link = ?", arguments: [link]),
              let body = RecordRow.bytes(value) else { return nil }
        return openStanding(link: link, body: body)
    }

    private func openStanding(link: String, body: [UInt8]) -> Standing? {
        guard let opened = keys.open(.oversight, body, ad: Standing.associatedData(link)), let standing = Standing(bytes: opened) else {
            return nil
        }
        return keys.link(.oversight, standing.student.rawValue) == link ? standing : nil
    }

    /// Sets a student's level, or flags, or both, keeping what is not given.
    func setStanding(_ student: StudentID, level: WarningLevel? = nil, flags: Set<StudentFlag>? = nil, _ db: Database) throws {
        guard let link = keys.link(.oversight, student.rawValue) else { throw StoreError.tierNotHeld(.oversight) }
        var standing = try standing(of: student, db) ?? Standing(student: student, level: .none, flags: [])
        if let level { standing.level = level }
        if let flags { standing.flags = flags }
        if standing.isEmpty {
            try db.execute(sql: "DELETE FROM standing WHERE link = ?", arguments: [link])
            return
        }
        guard let sealed = keys.seal(.oversight, standing.bytes, ad: Standing.associatedData(link)) else {
            throw StoreError.tierNotHeld(.oversight)
        }
        try db.execute(sql: "INSERT INTO standing(link, body) VALUES (?, ?) ON CONFLICT(link) DO UPDATE SET body = excluded.body",
                       arguments: [link, Data(sealed)])
    }
}
