import Counseling
import Foundation
import GRDB

extension Store {
    /// Writes a generated demo school in one transaction, with one audit
    /// entry ("demo.generate") that says what was created.
    public func saveDemo(_ school: DemoSchool, by actor: StaffID, at now: LocalDateTime) throws {
        try writer.write { db in
            for s in school.students { try Self.writeStudent(s, revision: 1, db) }
            for record in school.records { try Self.insert(record, db) }
            // Current levels follow the last change of each student.
            let changes = school.records.compactMap { $0 as? LevelChange }.sorted { $0.at < $1.at }
            for change in changes {
                try db.execute(sql: "UPDATE students SET level = ? WHERE id = ?",
                               arguments: [change.to.number, change.student.rawValue])
            }
            for (key, body) in [(SettingKey<[Staff]>.staff.name, try Self.encode(school.staff)),
                                (SettingKey<SchoolCalendar>.calendar.name, try Self.encode(school.calendar))] {
                try db.execute(sql: "INSERT INTO settings(key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                               arguments: [key, body])
            }
            try audit(db, actor, now, .demoGenerate, nil,
                      "\(school.students.count) students, \(school.records.count) records")
        }
    }
}
