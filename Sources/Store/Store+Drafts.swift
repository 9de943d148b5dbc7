import Counseling
import Foundation
import GRDB
import Vault

/// Drafts live in their own table, not among the records: a draft is
/// replaced at every lock and removed once it is saved or discarded, so it
/// must not pile up revisions of half-typed text.
enum DraftSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE drafts(account TEXT PRIMARY KEY, body TEXT NOT NULL)")
    }
}

extension Store {
    /// The tier an account's draft is sealed under: what a counselor types
    /// is clinical, a head's oversight. A duty teacher's (a visit half
    /// logged) holds no key but the page's, and is kept with that alone.
    private var draftTier: Tier? {
        keys.holds(.clinical) ? .clinical : keys.holds(.oversight) ? .oversight : nil
    }

    private static func draftData(_ account: StaffID) -> [UInt8] { CanonicalBytes("drafts", account.rawValue).bytes }

    func writeDraft(_ body: Data, of account: StaffID, _ db: Database) throws {
        var stored = String(decoding: body, as: UTF8.self).databaseValue
        if let tier = draftTier, let sealed = keys.seal(tier, [UInt8](body), ad: Self.draftData(account)) {
            stored = Data(sealed).databaseValue
        }
        try db.execute(sql: """
            INSERT INTO drafts(account, body, tier) VALUES (?, ?, ?)
            ON CONFLICT(account) DO UPDATE SET body = excluded.body, tier = excluded.tier
            """, arguments: [account.rawValue, stored, draftTier?.rawValue])
    }

    /// The account's draft, if it has one this session opens.
    public func draft<D: Decodable>(_ type: D.Type, of account: StaffID) throws -> D? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT body, tier FROM drafts WHERE account = ?", arguments: [account.rawValue]) else {
                return nil
            }
            var body = RecordRow.bytes(row["body"]) ?? []
            if let tier = (row["tier"] as String?).flatMap(Tier.init(rawValue:)) {
                guard let opened = keys.open(tier, body, ad: Self.draftData(account)) else { return nil }
                body = opened
            }
            return try StoredJSON.decode(type, from: Data(body))
        }
    }
}
