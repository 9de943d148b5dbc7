import Counseling
import Foundation
import GRDB
import Vault

/// A student's warning level and flags, oversight data kept apart from the
/// roster: one row in `standing` per student who has a level or a flag,
/// keyed by the student's oversight link, its body sealed under the
/// oversight key and bound to that link. Without the key a row says
/// neither whose it is nor what it holds; a student with neither has no row.
struct Standing: Codable, Equatable, Sendable {
    var student: StudentID
    var level: WarningLevel
    var flags: Set<StudentFlag>

    /// What nobody has to be told about: no row is kept for it.
    var isEmpty: Bool { level == .none && flags.isEmpty }

    static func associatedData(_ link: String) -> [UInt8] { CanonicalBytes("standing", link).bytes }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE standing(link TEXT PRIMARY KEY, body BLOB NOT NULL)")
    }

    // Flags as their bits (`StudentFlagBits`), in a fixed form.
    private enum CodingKeys: String, CodingKey { case student, level, flags }

    init(student: StudentID, level: WarningLevel, flags: Set<StudentFlag>) {
        self.student = student
        self.level = level
        self.flags = flags
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        student = try c.decode(StudentID.self, forKey: .student)
        level = try c.decode(WarningLevel.self, forKey: .level)
        flags = StudentFlag.flags(try c.decode(Int.self, forKey: .flags))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(student, forKey: .student)
        try c.encode(level, forKey: .level)
        try c.encode(StudentFlag.bits(flags), forKey: .flags)
    }
}

extension Store {
    /// Every student's level and flags this session reads, by student; empty
    /// without the oversight tier. A row that does not open or sits under
    /// another student's link is left out.
    func standings(_ db: Database) throws -> [StudentID: Standing] {
        guard keys.holds(.oversight) else { return [:] }
        let rows = try Row.fetchAll(db, sql: "SELECT link, body FROM standing").map { (link: $0[0] as String, body: [UInt8]($0[1] as Data)) }
        let opened = try ParallelDecode.map(rows) { row in try? self.openStanding(link: row.link, body: row.body) }
        return Dictionary(opened.compactMap { $0 }.map { ($0.student, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// One student's level and flags; nil without the tier or without a row.
    func standing(of student: StudentID, _ db: Database) throws -> Standing? {
        guard let link = keys.link(.oversight, student.rawValue),
              let body = try Data.fetchOne(db, sql: "SELECT body FROM standing WHERE link = ?", arguments: [link]) else { return nil }
        return try openStanding(link: link, body: [UInt8](body))
    }

    private func openStanding(link: String, body: [UInt8]) throws -> Standing? {
        guard let json = keys.open(.oversight, body, ad: Standing.associatedData(link)) else { return nil }
        let standing = try JSONDecoder().decode(Standing.self, from: Data(json))
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
        guard let sealed = keys.seal(.oversight, Array(try Self.encoder.encode(standing)), ad: Standing.associatedData(link)) else {
            throw StoreError.tierNotHeld(.oversight)
        }
        try db.execute(sql: "INSERT INTO standing(link, body) VALUES (?, ?) ON CONFLICT(link) DO UPDATE SET body = excluded.body",
                       arguments: [link, Data(sealed)])
    }
}
