import GRDB

/// Tables for students, staff, settings and every other record. Records are
/// JSON documents with indexed projections (see `StoredRecord`); an edit
/// keeps the earlier version in `revisions`.
enum RecordSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE staff(
              id TEXT PRIMARY KEY,
              body TEXT NOT NULL);
            CREATE TABLE students(
              id TEXT PRIMARY KEY,
              number TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              grade INTEGER NOT NULL,
              class_name TEXT NOT NULL,
              level INTEGER NOT NULL DEFAULT 0,
              pinyin_full TEXT NOT NULL,
              pinyin_initials TEXT NOT NULL,
              revision INTEGER NOT NULL DEFAULT 1,
              body TEXT NOT NULL);
            CREATE INDEX students_class ON students(grade, class_name, name);
            CREATE INDEX students_key_attention ON students(level) WHERE level >= 2;
            CREATE TABLE records(
              kind TEXT NOT NULL,
              id TEXT NOT NULL,
              student TEXT,
              time TEXT NOT NULL,
              due TEXT,
              open INTEGER NOT NULL,
              revision INTEGER NOT NULL DEFAULT 1,
              body TEXT NOT NULL,
              PRIMARY KEY(kind, id));
            CREATE INDEX records_by_student ON records(student, kind, time);
            CREATE INDEX records_by_time ON records(kind, time);
            CREATE INDEX records_open_by_due ON records(kind, due) WHERE open = 1;
            CREATE TABLE revisions(
              kind TEXT NOT NULL,
              id TEXT NOT NULL,
              revision INTEGER NOT NULL,
              body TEXT NOT NULL,
              replaced_by TEXT NOT NULL,
              replaced_at TEXT NOT NULL,
              PRIMARY KEY(kind, id, revision));
            CREATE TABLE settings(
              key TEXT PRIMARY KEY,
              body TEXT NOT NULL);
            """)
    }
}
