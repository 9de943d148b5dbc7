import Counseling
import Foundation
import GRDB
import Vault
@testable import Store

/// Synthetic fixtures and an encrypted store in a temp dir.
enum Fixture {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let counselor = StaffID("counselor"), duty = StaffID("duty")
    static let counselor2 = StaffID("counselor2"), head = StaffID("head"), admin = StaffID("admin")

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    static func at(_ day: Day, _ h: Int, _ m: Int = 0) -> LocalDateTime {
        LocalDateTime(day, TimeOfDay(secondsSinceMidnight: h * 3600 + m * 60)!)
    }

    static func student(_ n: Int, name: String = "张三", grade: Int = 7) -> Student {
        Student(id: StudentID("s\(n)"), number: "2026\(String(format: "%04d", n))", name: name, gender: .male,
                stage: .junior, grade: grade, className: "初一(1)班", headTeacher: "王老师",
                guardians: [Guardian(name: "张父", relation: .father, phone: "13800138000")])
    }

    /// When the fixture students are imported, unless a test says otherwise.
    static let termStart = at(day(2026, 9, 1), 8)

    /// An in-memory store that knows the fixture accounts (`Account.everyone`
    /// unless `accounts` says otherwise), with `students` imported by the
    /// administrator through `.importStudents`.
    static func store(students: [Student] = [student(1)], accounts: [Account] = Account.everyone,
                      at now: LocalDateTime = termStart) throws -> Store {
        let store = try Store(writer: DatabaseQueue(), timeZone: zone, accounts: accounts, keys: .ephemeral())
        if !students.isEmpty { try store.execute(.importStudents(students), as: .admin, at: now) }
        return store
    }

    /// A level change as the level form makes it (the store re-checks it as
    /// the account's own, made now).
    static func levelChange(_ id: String, _ student: StudentID, from: WarningLevel, to: WarningLevel,
                            by: StaffID = counselor, at: LocalDateTime, reason: String = "评估后列入") throws -> LevelChange {
        try LevelChange.make(id: LevelChangeID(id), student: student, from: from, to: to, by: by, at: at, reason: reason)
    }

    static func plan(_ id: String, _ student: StudentID, owner: StaffID = counselor, at: LocalDateTime,
                     goals: [String] = ["恢复作息"], reviewed: Bool = false) -> SupportPlan {
        SupportPlan(id: SupportPlanID(id), student: student, goals: goals, measures: ["每周面谈"], owner: owner,
                    responsibleLeader: "刘副校长", reviewDate: at.day.adding(days: 30), createdAt: at,
                    reviews: reviewed ? [SupportPlan.Review(at: at, by: owner, note: "风险解除")] : [])
    }

    /// An encrypted store in a fresh folder (removed by `cleanUp`), knowing
    /// the accounts of its keyring (one: "counselor", counselor and admin).
    static func encryptedStore() throws -> (Store, UnlockedVault, DatabasePool, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-store-\(UUID().uuidString)").path
        var pass = Array("store-test".utf8)
        let (vault, _) = try Vault.create(database: dir + "/s.db", account: "counselor", roles: [.counselor, .admin],
                                          passphrase: &pass, kdf: KDFParameters(opsLimit: 1, memLimit: 8192))
        let pool = try vault.makePool()
        return (try Store(vault: vault, writer: pool, timeZone: zone), vault, pool, dir)
    }
}

/// The school's accounts in these tests, with the roles a keyring would
/// state (an `Account` is never built from a caller's claim in the app).
extension Account {
    static let counselor = Account(id: Fixture.counselor, roles: [.counselor])
    static let counselor2 = Account(id: Fixture.counselor2, roles: [.counselor])
    static let duty = Account(id: Fixture.duty, roles: [.duty])
    static let head = Account(id: Fixture.head, roles: [.head])
    static let admin = Account(id: Fixture.admin, roles: [.admin])
    /// A small school's counselor who also runs the system.
    static let counselorAdmin = Account(id: StaffID("counselor-admin"), roles: [.counselor, .admin])
    static let everyone: [Account] = [.counselor, .counselor2, .duty, .head, .admin, .counselorAdmin]
}

/// Reading what commands wrote, for the assertions.
extension Store {
    /// The same database as a lesser session sees it: `tiers` of these keys
    /// only, acting as `account` (a duty teacher's session holds none, a
    /// head's oversight).
    func session(_ tiers: Set<Tier>, as account: StaffID) throws -> Store {
        try Store(writer: writer, timeZone: timeZone, accounts: accounts, keys: keys.limited(to: tiers, account: account.rawValue))
    }

    /// What a duty teacher's session reads: the page key alone.
    func dutySession() throws -> Store { try session([], as: Fixture.duty) }

    /// What a head of guidance's session reads: oversight, not clinical.
    func headSession() throws -> Store { try session([.oversight], as: Fixture.head) }

    /// Every row of `table`, column by column, as plain SQL over the page key reads it.
    func rawRows(_ table: String) throws -> [Row] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") }
    }

    /// Every cell of every table as text (a blob's bytes read as UTF-8),
    /// what a search for a string through the whole file over the page key finds.
    func everyCell() throws -> [(table: String, column: String, text: String)] {
        try writer.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").flatMap { row in
                    row.columnNames.map { column -> (String, String, String) in
                        let value: DatabaseValue = row[column]
                        switch value.storage {
                        case .string(let s): return (table, column, s)
                        case .blob(let d): return (table, column, String(decoding: d, as: UTF8.self))
                        case .int64(let n): return (table, column, String(n))
                        case .double(let x): return (table, column, String(x))
                        case .null: return (table, column, "")
                        }
                    }
                }
            }
        }
    }

    /// Puts records in place without a command or an audit entry: the
    /// state a test starts from (records no command makes, such as a
    /// screening proposal, or a file as it was before a rule existed).
    func seed(_ records: [any StoredRecord], by author: StaffID = Fixture.counselor) throws {
        try writer.write { db in
            for record in records { try insert(record, by: author, db) }
        }
    }

    func auditEntries() throws -> [AuditEntry] {
        try writer.read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") }
    }

    func auditActions() throws -> [String] { try auditEntries().map(\.action) }

    /// The subject an entry of `action` about `student` carries: the id for
    /// the room's actions, the student's link under the action's tier for
    /// one on tiered records (see `AuditTierTests` for what that hides).
    func auditSubject(_ action: AuditAction, _ student: StudentID?) -> String {
        guard let student else { return "" }
        guard let tier = action.tier else { return "student:\(student.rawValue)" }
        return "\(tier.rawValue):" + (keys.link(tier, student.rawValue) ?? "")
    }

    func revisionCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM revisions") ?? 0 }
    }

    /// Whether the stored row of a room record is marked open (waits for
    /// someone); a tiered kind's row keeps no such mark in the clear.
    func isOpen<R: StoredRecord>(_ type: R.Type, _ id: R.ID) throws -> Bool? {
        try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT open FROM records WHERE kind = ? AND id = ?", arguments: [R.kind, id.rawValue])
        }
    }

    /// The level column of the student list (what the queue and counts read).
    func listedLevel(_ id: StudentID) throws -> WarningLevel? {
        try studentList().first { $0.id == id }?.level
    }

    /// Every row a command could write, as text: records, revisions,
    /// students, levels and flags, the inbox, the audit log, drafts and
    /// settings. Equal snapshots before and after a refused command show it
    /// wrote nothing.
    func snapshot() throws -> [String: [String]] {
        try writer.read { db in
            var tables: [String: [String]] = [:]
            for (table, order) in [("records", "kind, id"), ("revisions", "kind, id, revision"), ("students", "id"),
                                   ("standing", "link"), ("tier_inbox", "id"),
                                   ("audit_log", "id"), ("drafts", "account"), ("settings", "key")] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)").map(\.description)
            }
            return tables
        }
    }
}
