import Counseling
import Foundation
import GRDB

/// Drafts, imports: commands that write many rows or an account's own.
extension Store {
    /// Keeps the account's one draft (replacing an earlier one). The audit
    /// log says a draft was kept about the student, never what it says.
    func keepDraft(_ body: Data, _ student: StudentID?, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try db.execute(sql: "INSERT INTO drafts(account, body) VALUES (?, ?) ON CONFLICT(account) DO UPDATE SET body = excluded.body",
                       arguments: [a.id.rawValue, String(decoding: body, as: UTF8.self)])
        try audit(db, a.id, now, .draftKeep, student, "")
        return CommandOutcome()
    }

    func removeDraft(_ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try db.execute(sql: "DELETE FROM drafts WHERE account = ?", arguments: [a.id.rawValue])
        if db.changesCount > 0 { try audit(db, a.id, now, .draftRemove, nil, "") }
        return CommandOutcome()
    }

    /// Saves new students and updates existing ones (matched by student
    /// number); an updated student's previous version is kept. One audit
    /// entry for the batch, with the counts.
    func importStudents(_ students: [Student], _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        var outcome = CommandOutcome()
        for var s in students {
            try Self.validate(s.validate())
            if let existing = try Row.fetchOne(db, sql: "SELECT id, revision, body FROM students WHERE number = ?",
                                               arguments: [s.number]) {
                s.id = StudentID(existing["id"] as String)
                let body = try Self.encode(s)
                if body == existing["body"] as String { continue }
                let revision: Int = existing["revision"]
                try db.execute(sql: """
                    INSERT INTO revisions(kind, id, revision, body, replaced_by, replaced_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [RecordKind.student, s.id.rawValue, revision, existing["body"] as String, a.id.rawValue, now.description])
                try Self.writeStudent(s, revision: revision + 1, db)
                outcome.updated += 1
            } else {
                try Self.writeStudent(s, revision: 1, db)
                outcome.added += 1
            }
        }
        try audit(db, a.id, now, .studentImport, nil, "added \(outcome.added), updated \(outcome.updated)")
        return outcome
    }

    /// Adds planned shifts, replacing ones with the same id (a re-imported
    /// roster) and keeping replaced versions; one audit entry for the batch.
    func importShifts(_ shifts: [PlannedShift], _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        var outcome = CommandOutcome()
        // People the roster names who have no account yet join the staff
        // list under their name, so the roster pane can show them.
        var staff = try Self.staffSetting(db)
        let newcomers = Set(shifts.map(\.person)).subtracting(staff.map(\.id)).subtracting(accounts.map(\.id))
            .filter { $0.rawValue.hasPrefix("name:") }.sorted()
        if !newcomers.isEmpty {
            staff += newcomers.map { Staff(id: $0, name: String($0.rawValue.dropFirst(5)), roles: [.duty]) }
            try db.execute(sql: "INSERT INTO settings(key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                           arguments: [SettingKey<[Staff]>.staff.name, try Self.encode(staff)])
        }
        for shift in shifts {
            try Self.validate(shift.validate())
            if try Self.stored(PlannedShift.self, id: shift.id, db) != nil {
                try Self.replace(shift, by: a.id, at: now, db)
                outcome.updated += 1
            } else {
                try Self.insert(shift, db)
                outcome.added += 1
            }
        }
        try audit(db, a.id, now, .rosterImport, nil, "added \(outcome.added), replaced \(outcome.updated)")
        return outcome
    }
}
