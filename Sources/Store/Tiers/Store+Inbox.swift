import Counseling
import Foundation
import GRDB
import Vault

/// What a session without a tier's key hands over to the tier's holders:
/// an administrator's import carries the students' flags (oversight), and a
/// duty teacher who records the last acute step of a crisis run leaves the
/// follow-up it sets (oversight) to be put in the file. Each item is sealed
/// to the clinical tier, which anyone can write and only a counselor opens,
/// and signed by its writer; a counselor's session takes the items in at
/// unlock and before each command (`receiveInbox`).
enum InboxItem: Codable, Equatable {
    /// The flags an import gave each of its students (none included).
    case flags([String: Set<StudentFlag>])
    /// The follow-up due the day after the acute part of a run ended.
    case crisisFollowUp(student: StudentID, run: CrisisRunID, due: Day)
    /// A student back from a leave of absence (复学): the follow-up due
    /// then, and the flag that marks a returned student.
    case returnFollowUp(student: StudentID, due: Day)

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE tier_inbox(id INTEGER PRIMARY KEY, body BLOB NOT NULL, author TEXT NOT NULL, signature BLOB NOT NULL)")
    }

    static func signedBytes(_ body: [UInt8], author: String) -> [UInt8] {
        var c = CanonicalBytes("xindesk-inbox-v1", author)
        c.add(body)
        return c.bytes
    }

    /// Who may hand an item over: whoever may do what makes it.
    var action: Action {
        switch self {
        case .flags: .importStudents
        case .crisisFollowUp: .recordCrisisStep
        case .returnFollowUp: .recordEnrolment
        }
    }
}

extension Store {
    /// Leaves `item` for the tier's holders, signed by `author`.
    func post(_ item: InboxItem, by author: StaffID, _ db: Database) throws {
        let body = keys.sealToClinical(Array(try Self.encoder.encode(item)))
        let signature = try keys.sign(InboxItem.signedBytes(body, author: author.rawValue), as: author.rawValue)
        try db.execute(sql: "INSERT INTO tier_inbox(body, author, signature) VALUES (?, ?, ?)",
                       arguments: [Data(body), author.rawValue, Data(signature)])
    }

    /// Whether this session takes the inbox in: it needs both tiers, to open
    /// the items and to write what they carry.
    var receivesInbox: Bool { keys.holds(.clinical) && keys.holds(.oversight) }

    /// Takes in every item left, oldest first, acting as `actor` at `now`,
    /// and removes them. An item that does not open, is not signed by an
    /// account that may make it, or no longer fits the store is dropped:
    /// anyone can seal to the clinical tier, so only the signature says who
    /// wrote it.
    func receiveInbox(as actor: StaffID, at now: LocalDateTime, _ db: Database) throws {
        guard receivesInbox else { return }
        let rows = try Row.fetchAll(db, sql: "SELECT id, body, author, signature FROM tier_inbox ORDER BY id")
        for row in rows {
            let body = [UInt8](row["body"] as Data), author: String = row["author"]
            if keys.verify([UInt8](row["signature"] as Data), of: InboxItem.signedBytes(body, author: author), by: author),
               let json = keys.openSealedToClinical(body), let item = try? StoredJSON.decode(InboxItem.self, from: Data(json)),
               accounts.contains(where: { $0.id.rawValue == author && $0.may(item.action) }) {
                try receive(item, as: actor, at: now, db)
            }
            try db.execute(sql: "DELETE FROM tier_inbox WHERE id = ?", arguments: [row["id"] as Int64])
        }
    }

    private func receive(_ item: InboxItem, as actor: StaffID, at now: LocalDateTime, _ db: Database) throws {
        switch item {
        case .flags(let byStudent):
            for (id, flags) in byStudent.sorted(by: { $0.key < $1.key }) {
                let student = StudentID(id)
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM students WHERE id = ?", arguments: [id]) ?? false,
                      try standing(of: student, db)?.flags ?? [] != flags else { continue }
                try setStanding(student, flags: flags, db)
            }
        case .crisisFollowUp(let student, let runID, let due):
            // Only for a run that did end for that student.
            guard let run = try stored(CrisisRun.self, id: runID, db), run.student == student, !run.isAcute else { return }
            try addFollowUpUnlessOneIsOpen(student, due: due, actor, now, db)
        case .returnFollowUp(let student, let due):
            // Only for a student whose last enrolment change is a return.
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM students WHERE id = ?", arguments: [student.rawValue]),
                  try StudentBody.roster(body).enrolment.last?.change == .returned else { return }
            try returnFollowUp(student, due: due, actor, now, db)
        }
    }
}
