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
    public func draft<D: Decodable>(_ type: D.Type, of account: StaffID) throws -> D? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM drafts WHERE account = ?", arguments: [account.rawValue])
                .map { try Self.decode(D.self, $0) }
        }
    }
}
