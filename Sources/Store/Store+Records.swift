import Counseling
import Foundation
import GRDB

/// A record's earlier version, kept when it was edited.
public struct Revision<R: StoredRecord>: Sendable {
    public var number: Int
    public var value: R
    /// Who replaced this version, and when.
    public var replacedBy: StaffID
    public var replacedAt: LocalDateTime
}

public enum StoreError: TeacherReadableError, Equatable {
    case duplicate(kind: String, id: String)
    case missing(kind: String, id: String)
    case unknownStudent(StudentID)
    case invalid([ValidationError])

    public var message: LocalizedText {
        switch self {
        case .duplicate: LocalizedText(zh: "这条记录已存在，未重复保存。", en: "This record already exists; it was not saved twice.")
        case .missing: LocalizedText(zh: "找不到这条记录，可能已被他人修改。", en: "This record cannot be found; someone may have changed it.")
        case .unknownStudent: LocalizedText(zh: "找不到这名学生。", en: "This student cannot be found.")
        case .invalid(let problems):
            LocalizedText(zh: problems.map(\.message.zh).joined(separator: "；"),
                          en: problems.map(\.message.en).joined(separator: "; "))
        }
    }

    public var detail: String {
        switch self {
        case .duplicate(let k, let id): "duplicate \(k) \(id)"
        case .missing(let k, let id): "missing \(k) \(id)"
        case .unknownStudent(let id): "unknown student \(id)"
        case .invalid(let p): "validation: \(p.map(\.detail))"
        }
    }
}

extension Store {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.utf8))
    }

    /// Adds a new record together with its audit entry.
    public func add<R: StoredRecord>(_ record: R, by actor: StaffID, at now: LocalDateTime,
                                     action: String, detail: String = "") throws {
        try writer.write { db in
            try Self.insert(record, db)
            try audit(db, actor, now, action, record.studentKey, detail)
        }
    }

    /// Replaces a record, keeping the version it replaces.
    public func update<R: StoredRecord>(_ record: R, by actor: StaffID, at now: LocalDateTime,
                                        action: String, detail: String = "") throws {
        try writer.write { db in
            try Self.replace(record, by: actor, at: now, db)
            try audit(db, actor, now, action, record.studentKey, detail)
        }
    }

    static func insert<R: StoredRecord>(_ record: R, _ db: Database) throws {
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM records WHERE kind = ? AND id = ?",
                                       arguments: [R.kind, record.id.rawValue]) ?? false
        if exists { throw StoreError.duplicate(kind: R.kind, id: record.id.rawValue) }
        try db.execute(sql: """
            INSERT INTO records(kind, id, student, time, due, open, body) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [R.kind, record.id.rawValue, record.studentKey?.rawValue, record.timeKey,
                             record.dueKey, record.isOpen, try encode(record)])
    }

    static func replace<R: StoredRecord>(_ record: R, by actor: StaffID, at now: LocalDateTime, _ db: Database) throws {
        guard let old = try Row.fetchOne(db, sql: "SELECT revision, body FROM records WHERE kind = ? AND id = ?",
                                         arguments: [R.kind, record.id.rawValue]) else {
            throw StoreError.missing(kind: R.kind, id: record.id.rawValue)
        }
        let revision: Int = old["revision"]
        try db.execute(sql: """
            INSERT INTO revisions(kind, id, revision, body, replaced_by, replaced_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [R.kind, record.id.rawValue, revision, old["body"] as String, actor.rawValue, now.description])
        try db.execute(sql: """
            UPDATE records SET student = ?, time = ?, due = ?, open = ?, body = ?, revision = ?
            WHERE kind = ? AND id = ?
            """, arguments: [record.studentKey?.rawValue, record.timeKey, record.dueKey, record.isOpen,
                             try encode(record), revision + 1, R.kind, record.id.rawValue])
    }

    func audit(_ db: Database, _ actor: StaffID, _ now: LocalDateTime, _ action: String,
               _ student: StudentID?, _ detail: String) throws {
        try AuditChain.append(db, at: now.date(in: timeZone), actor: actor.rawValue, action: action,
                              subject: student.map { "student:\($0.rawValue)" } ?? "", detail: detail)
    }

    /// Writes to the audit log that data left the store (an export) and
    /// what it held: the file itself is beyond the store's reach.
    public func recordExport(_ action: String, by actor: StaffID, at now: LocalDateTime, detail: String) throws {
        try writer.write { db in try audit(db, actor, now, action, nil, detail) }
    }

    public func record<R: StoredRecord>(_ type: R.Type, id: R.ID) throws -> R? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM records WHERE kind = ? AND id = ?",
                                arguments: [R.kind, id.rawValue]).map { try Self.decode(R.self, $0) }
        }
    }

    /// A student's records of one type, oldest first.
    public func records<R: StoredRecord>(_ type: R.Type, of student: StudentID) throws -> [R] {
        try writer.read { db in try Self.records(type, of: student, db) }
    }

    static func records<R: StoredRecord>(_ type: R.Type, of student: StudentID, _ db: Database) throws -> [R] {
        try String.fetchAll(db, sql: "SELECT body FROM records WHERE student = ? AND kind = ? ORDER BY time, id",
                            arguments: [student.rawValue, R.kind]).map { try decode(R.self, $0) }
    }

    /// Records of one type whose time lies in [from, to) (school-local text).
    public func records<R: StoredRecord>(_ type: R.Type, from: LocalDateTime, to: LocalDateTime) throws -> [R] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM records WHERE kind = ? AND time >= ? AND time < ? ORDER BY time, id",
                                arguments: [R.kind, from.description, to.description]).map { try Self.decode(R.self, $0) }
        }
    }

    /// Open records of one type (due ones first).
    public func openRecords<R: StoredRecord>(_ type: R.Type) throws -> [R] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM records WHERE kind = ? AND open = 1 ORDER BY due, time, id",
                                arguments: [R.kind]).map { try Self.decode(R.self, $0) }
        }
    }

    /// Earlier versions of a record, oldest first.
    public func revisions<R: StoredRecord>(of type: R.Type, id: R.ID) throws -> [Revision<R>] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT revision, body, replaced_by, replaced_at FROM revisions WHERE kind = ? AND id = ? ORDER BY revision
                """, arguments: [R.kind, id.rawValue]).map { row in
                let at = try Self.decode(LocalDateTime.self, try Self.encode(row["replaced_at"] as String))
                return Revision(number: row["revision"], value: try Self.decode(R.self, row["body"] as String),
                                replacedBy: StaffID(row["replaced_by"] as String), replacedAt: at)
            }
        }
    }

    /// A fresh identifier for a new record.
    public static func newID<R>(_ type: R.Type = R.self) -> Identifier<R> {
        Identifier(UUID().uuidString.lowercased())
    }
}

extension Store {
    /// Adds planned shifts, replacing ones with the same id (a re-imported
    /// roster), keeping replaced versions; one audit entry for the batch.
    public func saveShifts(_ shifts: [PlannedShift], by actor: StaffID, at now: LocalDateTime) throws -> (added: Int, replaced: Int) {
        try writer.write { db in
            var added = 0, replaced = 0
            for shift in shifts {
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM records WHERE kind = ? AND id = ?",
                                               arguments: [PlannedShift.kind, shift.id.rawValue]) ?? false
                if exists { try Self.replace(shift, by: actor, at: now, db); replaced += 1 } else { try Self.insert(shift, db); added += 1 }
            }
            try audit(db, actor, now, "roster.import", nil, "added \(added), replaced \(replaced)")
            return (added, replaced)
        }
    }
}
