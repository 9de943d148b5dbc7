import GRDB

/// The schema, as an ordered list of migrations. A migration, once shipped,
/// never changes: later changes are new migrations.
enum StoreMigrator {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-audit") { db in try AuditChain.migrate(db) }
        m.registerMigration("v1-records") { db in try RecordSchema.migrate(db) }
        m.registerMigration("v2-student-flags") { db in try StudentFlagsMigration.migrate(db) }
        m.registerMigration("v3-drafts") { db in try DraftSchema.migrate(db) }
        m.registerMigration("v4-one-time-format") { db in try RecordTimeMigration.migrate(db) }
        m.registerMigration("v5-audit-signatures") { db in try AuditSignatureMigration.migrate(db) }
        return m
    }
}
