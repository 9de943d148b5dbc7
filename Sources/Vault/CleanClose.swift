import Foundation
import GRDB
import GRDBSQLite

/// How `UnlockedVault.close(_:)` left the database.
public enum CloseOutcome: Sendable, Equatable {
    /// Every commit was copied from the WAL into the database file and the
    /// WAL truncated to zero bytes; the writer is closed. The `.db` file
    /// (with its `.keys`) alone now holds everything.
    case checkpointed
    /// The writer is closed, but another connection (in practice another
    /// xindesk process) was reading an older snapshot or checkpointing
    /// itself for longer than `UnlockedVault.closeCheckpointPatience`, so
    /// some commits are still only in the WAL. They are committed there
    /// (every reader sees them, a crash of any process keeps them); the next
    /// user to close cleanly (or SQLite's own checkpoint
    /// when the last connection closes) moves them into the `.db` file.
    case walKept
    /// The writer had already been closed; nothing was done.
    case alreadyClosed
}

/// The clean close of a writer: a TRUNCATE checkpoint, then close.
///
/// Why a checkpoint of its own, when SQLite checkpoints and deletes the WAL
/// when the last connection closes? Because that only happens when the
/// closing connection is the last one on the file in *every* process, and
/// GRDB's `DatabasePool.close()` closes its writer before its read-only
/// readers (and a read-only connection may not checkpoint): after any read
/// through a pool, or while another workstation has the store open, a plain
/// close left every commit since the last automatic checkpoint (up to 1000
/// pages) only in the `-wal` file. Copying the `.db` and `.keys` (a backup
/// by hand, a move to a new laptop) then silently lost them.
enum CleanClose {
    /// Checkpoints `writer` (TRUNCATE) and closes it; see `CloseOutcome`.
    ///
    /// TRUNCATE needs the write lock and every reader off the WAL. It is
    /// tried without SQLite's busy handler, again every 10 ms until
    /// `patience` has passed: waiting inside the busy handler would hold the
    /// write lock (TRUNCATE takes it first) and stall every other process's
    /// writes for as long as one of them reads; and the checkpoint lock, held
    /// by another process's checkpoint, is never waited for by SQLite at all.
    /// Giving up is not an error: the commits stay committed in the WAL,
    /// and whoever closes last finishes the job.
    static func close(_ writer: any DatabaseWriter, patience: TimeInterval) throws -> CloseOutcome {
        let checkpoint: Result<Bool, Error>
        do {
            // The barrier waits for this pool's own reads to end (one of them
            // holding an old snapshot would make TRUNCATE give up) and keeps
            // new ones out while the checkpoint runs.
            let done: Bool? = try writer.barrierWriteWithoutTransaction { db in
                guard let connection = db.sqliteConnection else { return nil }   // a closed queue
                if db.configuration.readonly { return false }
                return try truncate(db, connection, patience: patience)
            }
            guard let done else { return .alreadyClosed }
            checkpoint = .success(done)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_MISUSE {
            return .alreadyClosed   // a closed pool ("Connection is closed")
        } catch {
            // Damage or I/O trouble: still close, then report it.
            checkpoint = .failure(error)
        }
        // Read-only connections first: the writer, closing last, may then
        // find itself the only connection and delete the (empty) WAL file.
        if let pool = writer as? DatabasePool { pool.releaseMemory() }
        try writer.close()
        return try checkpoint.get() ? .checkpointed : .walKept
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)`, retried while another connection
    /// is in the way and `patience` lasts. True when it completed.
    private static func truncate(_ db: Database, _ connection: SQLiteConnection,
                                 patience: TimeInterval) throws -> Bool {
        // The configured handler goes back afterwards (if the close itself
        // fails, the writer stays usable as it was). A custom callback
        // cannot be put back, so it stays in place and decides itself.
        let restoreTimeout: CInt?
        switch db.configuration.busyMode {
        case .immediateError: restoreTimeout = 0
        case .timeout(let seconds): restoreTimeout = CInt(seconds * 1000)
        case .callback: restoreTimeout = nil
        }
        if restoreTimeout != nil { sqlite3_busy_timeout(connection, 0) }
        defer { if let ms = restoreTimeout { sqlite3_busy_timeout(connection, ms) } }

        let deadline = Date().addingTimeInterval(patience)
        while true {
            do {
                try db.checkpoint(.truncate)
                return true
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY
                || error.resultCode == .SQLITE_LOCKED {
                if Date() >= deadline { return false }
                usleep(10_000)
            }
        }
    }
}
