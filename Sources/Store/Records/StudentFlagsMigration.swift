import Counseling
import GRDB

/// v2: the students' flags as an indexed projection (see `StudentFlagBits`),
/// filled from each record already stored.
enum StudentFlagsMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE students ADD COLUMN flags INTEGER NOT NULL DEFAULT 0")
        let rows = try Row.fetchAll(db, sql: "SELECT id, body FROM students")
        for row in rows {
            let student = try Store.decode(Student.self, row["body"] as String)
            let bits = StudentFlag.bits(student.flags)
            if bits != 0 {
                try db.execute(sql: "UPDATE students SET flags = ? WHERE id = ?", arguments: [bits, row["id"] as String])
            }
        }
    }
}
