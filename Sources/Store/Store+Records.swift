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
    case duplicate(kind: RecordKind, id: String)
    case missing(kind: RecordKind, id: String)
    case unknownStudent(StudentID)
    case invalid([ValidationError])
    /// The account's roles do not allow the command.
    case notAllowed(Action)
    /// Someone saved this record after the version the edit started from:
    /// who (their name) and when, where known.
    case stale(kind: RecordKind, by: String?, at: LocalDateTime?)
    /// A record made or edited in another person's name.
    case notYours
    /// A hand-over named an account that is not a counselor.
    case notACounselor(String)

    public var message: LocalizedText {
        switch self {
        case .duplicate: LocalizedText(zh: "这条记录已存在，未重复保存。", en: "This record already exists; it was not saved twice.")
        case .missing: LocalizedText(zh: "找不到这条记录，可能已被他人修改。", en: "This record cannot be found; someone may have changed it.")
        case .unknownStudent: LocalizedText(zh: "找不到这名学生。", en: "This student cannot be found.")
        case .invalid(let problems):
            LocalizedText(zh: problems.map(\.message.zh).joined(separator: "；"),
                          en: problems.map(\.message.en).joined(separator: "; "))
        case .notAllowed(let action): Permission.refusal(action)
        case .stale(_, let by?, let at?):
            LocalizedText(zh: "\(by) 在 \(at.day.month)月\(at.day.day)日 \(Self.clock(at)) 已修改了这条记录，您的修改未保存。您输入的内容还在表单里，请对照新版本后再保存。",
                          en: "\(by) changed this record on \(at.day) at \(Self.clock(at)); your change was not saved. What you typed is still in the form: compare it with the new version and save again.")
        case .stale:
            LocalizedText(zh: "别人已修改了这条记录，您的修改未保存。您输入的内容还在表单里，请对照新版本后再保存。",
                          en: "Someone changed this record; your change was not saved. What you typed is still in the form: compare it with the new version and save again.")
        case .notYours: LocalizedText(zh: "不能以他人的名义记录或修改他人的记录。", en: "You cannot record in someone else's name or change their record.")
        case .notACounselor(let name):
            LocalizedText(zh: "“\(name)”不是心理教师账号，不能交接给他。", en: "“\(name)” is not a counselor account; the run cannot be handed to it.")
        }
    }

    static func clock(_ at: LocalDateTime) -> String { String(format: "%02d:%02d", at.time.hour, at.time.minute) }

    public var detail: String {
        switch self {
        case .duplicate(let k, let id): "duplicate \(k) \(id)"
        case .missing(let k, let id): "missing \(k) \(id)"
        case .unknownStudent(let id): "unknown student \(id)"
        case .invalid(let p): "validation: \(p.map(\.detail))"
        case .notAllowed(let action): "not allowed: \(action.rawValue)"
        case .stale(let kind, let by, let at): "stale \(kind): changed by \(by ?? "?") at \(at.map { "\($0)" } ?? "?")"
        case .notYours: "record made or edited in another account's name"
        case .notACounselor(let name): "hand-over to non-counselor account \(name)"
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
