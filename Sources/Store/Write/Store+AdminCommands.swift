import Counseling
import Foundation
import GRDB

/// Drafts, imports: commands that write many rows or an account's own.
extension Store {
    /// Keeps the account's one draft (replacing an earlier one), sealed
    /// under the account's highest tier (`writeDraft`). The audit log says
    /// a draft was kept, about the student only by the clinical link, never
    /// what it says.
    func keepDraft(_ body: Data, _ student: StudentID?, _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        try writeDraft(body, of: a.id, db)
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
    ///
    /// Guardians and flags are sealed in the body (`StudentBody`), and the
    /// flags that count go to the oversight tier: straight there when the
    /// importing session holds it, else through the counselors' inbox (an
    /// administrator holds no tier). A session that cannot open a student's
    /// sealed part cannot tell whether new guardians differ from it: with
    /// the roster unchanged it writes them in place, without a revision.
    func importStudents(_ students: [Student], _ a: Account, _ now: LocalDateTime, _ db: Database) throws -> CommandOutcome {
        var outcome = CommandOutcome()
        var flags: [String: Set<StudentFlag>] = [:]
        // At most two peer supporters per class in what the file names.
        let supporters = Dictionary(grouping: students.filter { $0.flags.contains(.peerSupporter) }, by: ClassRef.init(of:))
        if supporters.values.contains(where: { $0.count > PeerSupporters.perClass }) { throw PeerSupporterProblem.tooMany }
        for var s in students {
            try Self.validate(s.validate())
            // Prepared once for the whole import (GRDB's statement cache).
            if let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, revision, body FROM students WHERE number = ?"),
                                               arguments: [s.number]) {
                s.id = StudentID(existing["id"] as String)
                flags[s.id.rawValue] = s.flags
                let body: String = existing["body"], revision: Int = existing["revision"]
                // A roster says who is in which class, not who left: a
                // leaving or a return stays as recorded.
                let stored = try StudentBody.decode(body, keys, opening: true)
                s.enrolment = stored.enrolment
                if keys.holds(.clinical) {
                    if stored == s { continue }
                } else if try StudentBody.roster(body) == StudentBody.roster(of: s) {
                    let sealedBefore = try Store.decode(StudentBody.self, body).sealed != nil
                    let sealedNow = !s.guardians.isEmpty || !s.flags.isEmpty
                    if !sealedBefore && !sealedNow { continue }
                    if sealedBefore && sealedNow {
                        try writeStudent(s, revision: revision, db)
                        continue
                    }
                }
                try db.execute(sql: """
                    INSERT INTO revisions(kind, id, revision, body, replaced_by, replaced_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [RecordKind.student, s.id.rawValue, revision, body, a.id.rawValue, now.description])
                try writeStudent(s, revision: revision + 1, db)
                outcome.updated += 1
            } else {
                flags[s.id.rawValue] = s.flags
                try writeStudent(s, revision: 1, db)
                outcome.added += 1
            }
        }
        if keys.holds(.oversight) {
            for (id, set) in flags.sorted(by: { $0.key < $1.key }) where try standing(of: StudentID(id), db)?.flags ?? [] != set {
                try setStanding(StudentID(id), flags: set, db)
            }
        } else if !flags.isEmpty {
            try post(.flags(flags), by: a.id, db)
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
            if try stored(PlannedShift.self, id: shift.id, db) != nil {
                try replace(shift, by: a.id, at: now, db)
                outcome.updated += 1
            } else {
                try insert(shift, by: a.id, db)
                outcome.added += 1
            }
        }
        try audit(db, a.id, now, .rosterImport, nil, "added \(outcome.added), replaced \(outcome.updated)")
        return outcome
    }
}
