import GRDB

/// The schema, as an ordered list of migrations. A migration, once shipped,
/// never changes: later changes are new migrations.
enum StoreMigrator {
    /// The migrations from before roles became keys: SQL on the page tier.
    static var beforeTiers: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-audit") { db in try AuditChain.migrate(db) }
        m.registerMigration("v1-records") { db in try RecordSchema.migrate(db) }
        m.registerMigration("v2-student-flags") { db in try StudentFlagsMigration.migrate(db) }
        m.registerMigration("v3-drafts") { db in try DraftSchema.migrate(db) }
        m.registerMigration("v4-one-time-format") { db in try RecordTimeMigration.migrate(db) }
        m.registerMigration("v5-audit-signatures") { db in try AuditSignatureMigration.migrate(db) }
        return m
    }

    /// Every migration; from v5 on they need the keys of the session that
    /// opens the store (`TierMigration`).
    static func migrator(for store: Store) -> DatabaseMigrator {
        var m = beforeTiers
        m.registerMigration("v6-tiers") { db in try TierMigration(store: store).migrate(db) }
        m.registerMigration("v7-leaving-column") { db in try LeavingColumnMigration.migrate(db) }
        m.registerMigration("v8-student-list-index") { db in try StudentListIndexMigration.migrate(db) }
        return m
    }
}
