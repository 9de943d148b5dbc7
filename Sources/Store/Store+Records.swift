import Counseling
import Foundation
import GRDB
import Vault

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
    /// The session does not hold the key of the tier the record belongs to.
    case tierNotHeld(Tier)
    /// The store must be upgraded by a session holding every tier first.
    case upgradeNeedsCounselor

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
        case .tierNotHeld:
            LocalizedText(zh: "您的账号没有这类记录的密钥，无法保存。", en: "Your account does not hold the key for this kind of record; it was not saved.")
        case .upgradeNeedsCounselor:
            LocalizedText(zh: "数据库需要升级：请先由一位心理教师登录一次，之后其他账号即可使用。",
                          en: "The database needs an upgrade: a counselor must sign in once first; then every account can use it.")
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
        case .tierNotHeld(let tier): "the session does not hold the \(tier.rawValue) tier"
        case .upgradeNeedsCounselor: "v6-tiers: stored rows to seal and the session does not hold every tier"
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
        try StoredJSON.decode(type, from: Data(body.utf8))
    }

    /// Stores a new record, written and signed by `author`.
    func insert<R: StoredRecord>(_ record: R, by author: StaffID, _ db: Database) throws {
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM records WHERE kind = ? AND id = ?",
                                       arguments: [R.kind, record.id.rawValue]) ?? false
        if exists { throw StoreError.duplicate(kind: R.kind, id: record.id.rawValue) }
        let row = try row(record, revision: 1, author: author)
        let (time, due, open) = Self.projections(record)
        try db.execute(sql: """
            INSERT INTO records(kind, id, student, time, due, open, revision, body, author, signature)
            VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
            """, arguments: [R.kind, row.id, row.student, time, due, open, row.bodyValue, row.author, row.signatureValue])
    }

    /// Stores a new version of a record, by `actor`; the version it replaces
    /// moves to `revisions` as it was written and signed.
    func replace<R: StoredRecord>(_ record: R, by actor: StaffID, at now: LocalDateTime, _ db: Database) throws {
        guard let old = try Row.fetchOne(db, sql: "SELECT \(RecordRow.columns) FROM records WHERE kind = ? AND id = ?",
                                         arguments: [R.kind, record.id.rawValue]).flatMap(RecordRow.init) else {
            throw StoreError.missing(kind: R.kind, id: record.id.rawValue)
        }
        try db.execute(sql: """
            INSERT INTO revisions(kind, id, revision, student, body, author, signature, replaced_by, replaced_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [R.kind, old.id, old.revision, old.student, old.bodyValue, old.author, old.signatureValue,
                             actor.rawValue, now.description])
        let row = try row(record, revision: old.revision + 1, author: actor)
        let (time, due, open) = Self.projections(record)
        try db.execute(sql: """
            UPDATE records SET student = ?, time = ?, due = ?, open = ?, body = ?, revision = ?, author = ?, signature = ?
            WHERE kind = ? AND id = ?
            """, arguments: [row.student, time, due, open, row.bodyValue, row.revision, row.author, row.signatureValue,
                             R.kind, row.id])
    }

    /// The clear columns lists sort and filter on: a room record's own; for
    /// a tiered kind constants, since when a note was written or a follow-up
    /// falls due says as much as who it is about. Lists of tiered records
    /// sort and filter after opening them.
    static func projections<R: StoredRecord>(_ record: R) -> (time: String, due: String?, open: Bool) {
        R.kind.tier == nil ? (record.timeKey, record.dueKey, record.isOpen) : ("", nil, false)
    }

    static func rows(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [RecordRow] {
        try Row.fetchAll(db, sql: "SELECT \(RecordRow.columns) FROM records WHERE \(condition)", arguments: arguments)
            .compactMap(RecordRow.init)
    }

    public func record<R: StoredRecord>(_ type: R.Type, id: R.ID) throws -> R? {
        try writer.read { db in try stored(type, id: id, db) }
    }

    /// The current version of a record, if this session may read it and it
    /// is what its author wrote.
    func stored<R: StoredRecord>(_ type: R.Type, id: R.ID, _ db: Database) throws -> R? {
        try Self.rows(db, where: "kind = ? AND id = ?", [R.kind, id.rawValue]).first
            .flatMap { try? decode(type, $0, verify: true).get() }
    }

    /// A student's records of one type, oldest first.
    public func records<R: StoredRecord>(_ type: R.Type, of student: StudentID) throws -> [R] {
        try writer.read { db in try records(type, of: student, db) }
    }

    /// What the session reads of one student's records of a type, oldest
    /// first, each checked against its author's signature.
    func records<R: StoredRecord>(_ type: R.Type, of student: StudentID, _ db: Database) throws -> [R] {
        guard let key = studentColumn(R.kind, student) else { return [] }
        return Self.chronological(try decodeAll(type, try Self.rows(db, where: "student = ? AND kind = ?", [key, R.kind]),
                                                verify: true))
    }

    /// What a kind's `student` column holds for `student`: the id for a room
    /// record, the link under the kind's tier, or nil without the tier.
    func studentColumn(_ kind: RecordKind, _ student: StudentID) -> String? {
        guard let tier = kind.tier else { return student.rawValue }
        return keys.link(tier, student.rawValue)
    }

    static func chronological<R: StoredRecord>(_ records: [R]) -> [R] {
        records.sorted { ($0.timeKey, $0.id.rawValue) < ($1.timeKey, $1.id.rawValue) }
    }

    /// Records of one type whose time lies in [from, to) (school-local text).
    public func records<R: StoredRecord>(_ type: R.Type, from: LocalDateTime, to: LocalDateTime) throws -> [R] {
        try writer.read { db in
            if R.kind.tier == nil {
                return try decodeAll(type, try Self.rows(db, where: "kind = ? AND time >= ? AND time < ? ORDER BY time, id",
                                                         [R.kind, from.description, to.description]), verify: true)
            }
            return Self.chronological(try everyRecord(type, db).filter { $0.timeKey >= from.description && $0.timeKey < to.description })
        }
    }

    /// Every record of a tiered kind this session reads (none without the
    /// tier). Whole-school lists: the seal, not each signature, keeps out
    /// rows written without the key (see `decode`).
    func everyRecord<R: StoredRecord>(_ type: R.Type, openText: Bool = true, _ db: Database) throws -> [R] {
        guard let tier = R.kind.tier, keys.holds(tier) else { return [] }
        return try decodeAll(type, try Self.rows(db, where: "kind = ?", [R.kind]), verify: false, openText: openText)
    }

    /// Open records of one type (due ones first).
    public func openRecords<R: StoredRecord>(_ type: R.Type) throws -> [R] {
        try writer.read { db in try openRecords(type, db) }
    }

    func openRecords<R: StoredRecord>(_ type: R.Type, _ db: Database) throws -> [R] {
        if R.kind.tier == nil {
            return try decodeAll(type, try Self.rows(db, where: "kind = ? AND open = 1 ORDER BY due, time, id", [R.kind]),
                                 verify: true)
        }
        return try everyRecord(type, db).filter(\.isOpen)
            .sorted { ($0.dueKey ?? "", $0.timeKey, $0.id.rawValue) < ($1.dueKey ?? "", $1.timeKey, $1.id.rawValue) }
    }

    /// Earlier versions of a record, oldest first (those this session reads
    /// and whose signature holds).
    public func revisions<R: StoredRecord>(of type: R.Type, id: R.ID) throws -> [Revision<R>] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(RecordRow.columns), replaced_by, replaced_at FROM revisions WHERE kind = ? AND id = ? ORDER BY revision
                """, arguments: [R.kind, id.rawValue]).compactMap { row in
                guard let stored = RecordRow(row), let value = try? decode(type, stored, verify: true).get() else { return nil }
                let at = try Self.decode(LocalDateTime.self, try Self.encode(row["replaced_at"] as String))
                return Revision(number: row["revision"], value: value,
                                replacedBy: StaffID(row["replaced_by"] as String), replacedAt: at)
            }
        }
    }

    /// A fresh identifier for a new record.
    public static func newID<R>(_ type: R.Type = R.self) -> Identifier<R> {
        Identifier(UUID().uuidString.lowercased())
    }
}
