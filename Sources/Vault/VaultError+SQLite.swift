import CipherVFS
import Foundation
import GRDB
import GRDBSQLite

extension VaultError {
    /// Turns an error from SQLite (through GRDB) into what a teacher can act
    /// on, using the cipher VFS's record of which page failed to authenticate.
    public static func from(_ error: Error, database path: String) -> Error {
        if error is VaultError { return error }
        guard let db = error as? DatabaseError else { return error }
        var failure = xcipher_failure()
        let file = xcipher_last_failure(&failure) != 0
            ? withUnsafeBytes(of: failure.path) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            : nil
        // The record is process-wide and stays until cleared: a page that
        // failed earlier on another database (a backup, another store) was
        // named as the damaged page of this one. Use it only when it is
        // about this database, its WAL or its journal.
        let failed = file.map { Self.names($0, database: path) } ?? false
        let detail = "SQLite \(db.extendedResultCode.rawValue): \(db.message ?? "")"
        func damaged(_ fallbackPage: UInt32) -> VaultError {
            if failed { return .tampered(failure, sqlite: detail) }
            return .tampered(file: path, page: fallbackPage, detail: detail)
        }
        switch db.resultCode {
        case .SQLITE_NOTADB: return failed ? damaged(1) : .notXindeskDatabase(path: path)
        case .SQLITE_CORRUPT: return damaged(0)
        case .SQLITE_FULL: return VaultError.diskFull(path: path)
        case .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: return VaultError.permissionDenied(path: path, detail: detail)
        case .SQLITE_CANTOPEN: return VaultError.io(path: path, detail: detail)
        case .SQLITE_IOERR:
            if db.extendedResultCode.rawValue == (SQLITE_IOERR | (32 << 8)) { return damaged(0) }
            return VaultError.io(path: path, detail: detail)
        default: return error
        }
    }

    /// What `failure` (from the cipher VFS or `xcipher_verify`) found: the
    /// file, the page (for a WAL the frame, 0 for its header) and why.
    static func tampered(_ failure: xcipher_failure, sqlite: String? = nil) -> VaultError {
        let file = withUnsafeBytes(of: failure.path) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        let reason = withUnsafeBytes(of: failure.reason) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        let what = reason.isEmpty ? "authentication failed at byte offset \(failure.offset)"
                                  : "\(reason) (byte offset \(failure.offset))"
        return .tampered(file: file, page: failure.page, detail: [what, sqlite].compactMap { $0 }.joined(separator: "; "))
    }

    /// Whether `file` (as SQLite named it to the VFS, symlinks resolved) is
    /// `database` or its WAL or rollback journal.
    private static func names(_ file: String, database: String) -> Bool {
        let spellings = [database, URL(fileURLWithPath: database).resolvingSymlinksInPath().path]
        return spellings.contains { db in [db, db + "-wal", db + "-journal"].contains(file) }
    }
}
