import GRDB

/// A student's leaving (转出, 毕业, 休学) as a column of its own, copied from
/// the body when the row is written: every list asks whether each of
/// 10,000 students left, and asking the body's JSON is a parse per row on
/// the way to the first frame. Like name and class, it repeats what the
/// body says, for the queries.
enum LeavingColumnMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE students ADD COLUMN leaving TEXT;
            UPDATE students SET leaving = json_extract(body, '$.enrolment[#-1].change.left._0');
            """)
    }
}
