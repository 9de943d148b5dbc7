import Counseling
import Foundation
import GRDB
import Vault

/// v6: roles become keys (issue 14). The schema gains record authorship
/// (`author`, `signature` on `records` and `revisions`, and the student
/// column on `revisions`, so an earlier version keeps the row it was
/// signed with), the oversight `standing` table, the counselors' inbox, and
/// a tier for drafts; the students' `level` and `flags` columns and the
/// level index go.
///
/// Unlike the migrations before it, this one needs the keys: every row
/// already stored is rewritten the way it is written from now on (tiered
/// records sealed and linked, clinical text sealed, every version signed by
/// the account that upgrades, levels and flags moved to `standing`,
/// guardians sealed). So a store that holds anything is upgraded by a
/// session holding both tiers, a counselor's; any other is refused until
/// then. The audit log is append-only: its entries stay as written.
struct TierMigration {
    let store: Store

    func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE records ADD COLUMN author TEXT;
            ALTER TABLE records ADD COLUMN signature BLOB;
            ALTER TABLE revisions ADD COLUMN student TEXT;
            ALTER TABLE revisions ADD COLUMN author TEXT;
            ALTER TABLE revisions ADD COLUMN signature BLOB;
            ALTER TABLE drafts ADD COLUMN tier TEXT;
            """)
        try Standing.migrate(db)
        try InboxItem.migrate(db)
        let holdsData = try Bool.fetchOne(db, sql: """
            SELECT EXISTS(SELECT 1 FROM records) OR EXISTS(SELECT 1 FROM students) OR EXISTS(SELECT 1 FROM drafts)
            """) ?? false
        if holdsData {
            guard store.receivesInbox else { throw StoreError.upgradeNeedsCounselor }
            try sealRecords(db)
            try sealStudents(db)
            try sealDrafts(db)
        }
        // The list reads every student in this order on the way to the
        // first frame; with the levels gone from it, an index in that order
        // spares the sort.
        try db.execute(sql: """
            DROP INDEX students_key_attention;
            ALTER TABLE students DROP COLUMN level;
            ALTER TABLE students DROP COLUMN flags;
            CREATE INDEX students_list ON students(grade, class_name, pinyin_full);
            """)
    }

    private var author: StaffID { StaffID(store.keys.account) }

    private func sealRecords(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT kind, id, revision, body FROM records") {
            let kind: RecordKind = row["kind"], id: String = row["id"]
            let (sealed, time, due, open) = try reseal(kind, row["body"], revision: row["revision"])
            try db.execute(sql: """
                UPDATE records SET student = ?, time = ?, due = ?, open = ?, body = ?, author = ?, signature = ?
                WHERE kind = ? AND id = ?
                """, arguments: [sealed.student, time, due, open, sealed.bodyValue, sealed.author, sealed.signatureValue, kind, id])
        }
        for row in try Row.fetchAll(db, sql: "SELECT kind, id, revision, body FROM revisions WHERE kind != ?",
                                    arguments: [RecordKind.student]) {
            let kind: RecordKind = row["kind"], id: String = row["id"], revision: Int = row["revision"]
            let sealed = try reseal(kind, row["body"], revision: revision).row
            try db.execute(sql: """
                UPDATE revisions SET student = ?, body = ?, author = ?, signature = ?
                WHERE kind = ? AND id = ? AND revision = ?
                """, arguments: [sealed.student, sealed.bodyValue, sealed.author, sealed.signatureValue, kind, id, revision])
        }
    }

    /// A version stored as plain JSON, as it is written now.
    private func reseal(_ kind: RecordKind, _ json: String, revision: Int) throws -> (row: RecordRow, time: String, due: String?, open: Bool) {
        func as_<R: StoredRecord>(_ type: R.Type) throws -> (RecordRow, String, String?, Bool) {
            let record = try Store.decode(type, json)
            let (time, due, open) = Store.projections(record)
            return (try store.row(record, revision: revision, author: author, upgradedBy: true), time, due, open)
        }
        switch kind {
        case .visit: return try as_(Visit.self)
        case .appointment: return try as_(Appointment.self)
        case .shift: return try as_(PlannedShift.self)
        case .checkin: return try as_(DutyCheckIn.self)
        case .level: return try as_(LevelChange.self)
        case .plan: return try as_(SupportPlan.self)
        case .contact: return try as_(GuardianContact.self)
        case .referral: return try as_(Referral.self)
        case .followup: return try as_(FollowUp.self)
        case .note: return try as_(CaseNote.self)
        case .closing: return try as_(CaseClosing.self)
        case .crisis: return try as_(CrisisRun.self)
        case .screening: return try as_(ScreeningResult.self)
        case .proposal: return try as_(ScreeningProposal.self)
        case .violationNote: return try as_(ViolationNote.self)
        case .campaign: return try as_(ScreeningCampaign.self)
        case .groupSession: return try as_(GroupSession.self)
        case .groupAttendance: return try as_(GroupAttendance.self)
        case .student: throw StoreError.missing(kind: kind, id: "")
        }
    }

    private func sealStudents(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, level, flags, body FROM students") {
            let student = try Store.decode(Student.self, row["body"] as String)
            let level = WarningLevel.allCases[min(3, max(0, row["level"] as Int))]
            let flags = StudentFlag.flags(row["flags"])
            if level != .none || !flags.isEmpty { try store.setStanding(student.id, level: level, flags: flags, db) }
            try db.execute(sql: "UPDATE students SET body = ? WHERE id = ?",
                           arguments: [try StudentBody.encode(student, store.keys), student.id.rawValue])
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, revision, body FROM revisions WHERE kind = ?", arguments: [RecordKind.student]) {
            let student = try Store.decode(Student.self, row["body"] as String)
            try db.execute(sql: "UPDATE revisions SET body = ? WHERE kind = ? AND id = ? AND revision = ?",
                           arguments: [try StudentBody.encode(student, store.keys), RecordKind.student, row["id"] as String,
                                       row["revision"] as Int])
        }
    }

    /// A counselor's draft is clinical, a head's oversight (`Store.writeDraft`),
    /// by the roles the keyring gives its account.
    private func sealDrafts(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT account, body FROM drafts") {
            let account = StaffID(row["account"] as String)
            let roles = store.accounts.first { $0.id == account }?.roles ?? []
            let tier: Tier? = roles.contains(.counselor) ? .clinical : roles.contains(.head) ? .oversight : nil
            guard let tier else { continue }
            let body = Array((row["body"] as String).utf8)
            guard let sealed = store.keys.seal(tier, body, ad: CanonicalBytes("drafts", account.rawValue).bytes) else { continue }
            try db.execute(sql: "UPDATE drafts SET body = ?, tier = ? WHERE account = ?",
                           arguments: [Data(sealed), tier.rawValue, account.rawValue])
        }
    }
}
