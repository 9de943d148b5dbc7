import GRDB

extension DatabaseMigrator {
    /// `migrate(_:)` for a database other processes may be migrating at the
    /// same moment (two workstations started together on a new store, or on
    /// one a new version with a new migration).
    ///
    /// GRDB reads which migrations are applied outside any transaction, then
    /// runs each missing one in its own IMMEDIATE transaction. With the busy
    /// timeout the loser of a race no longer fails with "database is locked":
    /// it waits for the winner's transaction, then runs the same migration
    /// again and fails on "table already exists" or on the migration's row
    /// in `grdb_migrations`; its transaction is rolled back, so nothing is
    /// applied twice. This retries after such a failure when the set of
    /// applied migrations grew meanwhile (someone else made progress), and
    /// rethrows an error that happens with no progress (a real failure).
    /// Each retry needs progress, so it ends after at most one retry per
    /// migration.
    public func migrateConcurrently(_ writer: any DatabaseWriter) throws {
        var applied = try writer.read { db in try appliedIdentifiers(db) }
        while true {
            do {
                try migrate(writer)
                return
            } catch {
                guard let now = try? writer.read({ db in try appliedIdentifiers(db) }),
                      now.isStrictSuperset(of: applied) else { throw error }
                applied = now
            }
        }
    }
}
