import GRDB

/// The student list's index made covering: it holds every column the list
/// reads, so the 10,000 rows on the way to the first frame come from the
/// index's few hundred pages in list order, never from the table, whose
/// pages are mostly the sealed bodies (five times as many pages to decrypt,
/// read out of order through a cache smaller than the table).
enum StudentListIndexMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX students_list;
            CREATE INDEX students_list ON students(grade, class_name, pinyin_full, id, number, name, pinyin_initials, leaving);
            """)
    }
}
