import Counseling
import Foundation
import GRDB

extension Store {
    /// Writes a generated demo school in one transaction, with one audit
    /// entry ("demo.generate") that says what was created. Every record is
    /// signed by `actor`, the importing account, whose session must hold
    /// every tier the records are sealed under.
    public func saveDemo(_ school: DemoSchool, by actor: StaffID, at now: LocalDateTime) throws {
        try writer.write { db in
            for s in school.students { try writeStudent(s, revision: 1, db) }
            for record in school.records { try insert(record, by: actor, db) }
            // Current levels follow the last change of each student.
            var levels: [StudentID: WarningLevel] = [:]
            for change in school.records.compactMap({ $0 as? LevelChange }).sorted(by: { $0.at < $1.at }) {
                levels[change.student] = change.to
            }
            for s in school.students where levels[s.id] != nil || !s.flags.isEmpty {
                try setStanding(s.id, level: levels[s.id] ?? WarningLevel.none, flags: s.flags, db)
            }
            // Accounts are named by the keyring; the setting keeps the rest.
            let withoutAccount = school.staff.filter { person in !accounts.contains { $0.id == person.id } }
            for (key, body) in [(SettingKey<[Staff]>.staff.name, try Self.encode(withoutAccount)),
                                (SettingKey<SchoolCalendar>.calendar.name, try Self.encode(school.calendar))] {
                try db.execute(sql: "INSERT INTO settings(key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                               arguments: [key, body])
            }
            try audit(db, actor, now, .demoGenerate, nil,
                      "\(school.students.count) students, \(school.records.count) records")
        }
    }
}
