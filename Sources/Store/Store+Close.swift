import Foundation
import Vault

extension Store {
    /// Signs a head of the audit log as the session's account, when the log
    /// has entries the newest signed head does not count (see
    /// `AuditHead.write`). Returns the head written, or nil.
    @discardableResult
    public func signAuditHead(at now: Date = Date()) throws -> AuditHead? {
        try writer.write { db in try AuditHead.write(db, keys: keys, at: now) }
    }

    /// The clean close of this store on `vault`: the audit head signed,
    /// then `vault.close(writer)` (the WAL folded into the database file).
    /// Every session that writes ends here, so the newest entries cannot be
    /// deleted without `check` noticing. The writer is closed even when
    /// signing failed; that error is thrown afterwards, unless the writer
    /// had been closed already (nothing could be signed then, nor written).
    @discardableResult
    public func close(vault: UnlockedVault) throws -> CloseOutcome {
        let signed = Result { try signAuditHead() }
        let outcome = try vault.close(writer)
        if outcome != .alreadyClosed { _ = try signed.get() }
        return outcome
    }
}
