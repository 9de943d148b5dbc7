import Counseling
import GRDB

/// Drafts live in their own table, not among the records: a draft is
/// replaced at every lock and removed once it is saved or discarded, so it
/// must not pile up revisions of half-typed text.
enum DraftSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE drafts(account TEXT PRIMARY KEY, body TEXT NOT NULL)")
    }
}

extension Store {
    /// Keeps `draft` as `account`'s one draft (replacing an earlier one).
    /// The audit log says a draft was kept about the student, never what it says.
    public func keepDraft<D: Encodable>(_ draft: D, about student: StudentID?, account: StaffID, at now: LocalDateTime) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO drafts(account, body) VALUES (?, ?) ON CONFLICT(account) DO UPDATE SET body = excluded.body",
                           arguments: [account.rawValue, try Self.encode(draft)])
            try audit(db, account, now, "draft.keep", student, "")
        }
    }

    public func draft<D: Decodable>(_ type: D.Type, of account: StaffID) throws -> D? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM drafts WHERE account = ?", arguments: [account.rawValue])
                .map { try Self.decode(D.self, $0) }
        }
    }

    public func removeDraft(of account: StaffID) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM drafts WHERE account = ?", arguments: [account.rawValue]) }
    }
}
