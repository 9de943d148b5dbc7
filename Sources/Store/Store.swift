import Counseling
import Foundation
import GRDB
import Vault

/// The counseling room's records on the encrypted store. Every write goes
/// through here together with its audit entry, in one transaction.
public final class Store: Sendable {
    public let writer: any DatabaseWriter
    /// The school's time zone: records keep school-local time; the audit
    /// log keeps instants.
    public let timeZone: TimeZone
    /// The school's accounts as the keyring states them: who holds which
    /// role, for routing escalations and hand-overs to real counselors.
    public let accounts: [Account]
    /// The session's keys: which tiers it can read and write, the student
    /// links, and whose signatures it can make and check.
    public let keys: TierKeys

    /// Opens the store on `writer` and brings its schema up to date.
    public init(writer: any DatabaseWriter, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                accounts: [Account] = [], keys: TierKeys) throws {
        self.writer = writer
        self.timeZone = timeZone
        self.accounts = accounts
        self.keys = keys
        try StoreMigrator.migrator(for: self).migrateConcurrently(writer)
        // What sessions without a tier left for its holders is taken in as
        // soon as a counselor opens the store.
        if receivesInbox, try writer.read({ db in try Bool.fetchOne(db, sql: "SELECT 1 FROM tier_inbox LIMIT 1") }) != nil {
            let now = LocalDateTime(Date(), in: timeZone)
            try writer.write { db in try receiveInbox(as: StaffID(keys.account), at: now, db) }
        }
    }

    /// Opens the store of an unlocked vault on `writer` (a pool of the vault's).
    public convenience init(vault: UnlockedVault, writer: any DatabaseWriter,
                            timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) throws {
        try self.init(writer: writer, timeZone: timeZone, accounts: Account.all(of: vault), keys: try vault.tierKeys())
    }

    /// Verifies the audit chain, its signatures and its signed head against
    /// the signing keys this session's keyring vouches for.
    public func verifyAuditChain() throws -> AuditChain.Verdict {
        try writer.read { db in try AuditChain.verify(db, keys: keys) }
    }
}
