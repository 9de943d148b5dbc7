import Counseling
import Foundation
import GRDB
@testable import Store
@testable import Vault
import XCTest

/// The review's attack, kept in the suite: a duty teacher (and then a head
/// of guidance) with only their own passphrase and a copy of `xindesk.db` +
/// `xindesk.db.keys` derives every key their slot can derive, with the
/// project's own code, and reads every row of every table. What a role may
/// not read must not be there to find.
final class RoleKeyAttackTests: CLITestCase {
    static let passphrase = "demo1234"

    /// A demo school as `xindesk demo` makes it (counselor and administrator,
    /// duty, head), plus a counselor's draft that was never saved; returns
    /// the generated school (the ground truth) after a clean close.
    private func demoSchool() throws -> DemoSchool {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let now = LocalDateTime(Date(), in: zone)
        var p = Array(Self.passphrase.utf8)
        let kdf = KDFParameters(opsLimit: 1, memLimit: 8192)
        let (vault, _) = try Vault.create(database: db, account: "counselor", roles: [.counselor, .admin], passphrase: &p, kdf: kdf)
        for (name, role) in [("duty", Role.duty), ("head", Role.head)] {
            var q = Array(Self.passphrase.utf8)
            try vault.addAccount(name, roles: [role], passphrase: &q, kdf: kdf)
        }
        let pool = try vault.makePool()
        let store = try Store(vault: vault, writer: pool, timeZone: zone)
        let school = DemoSchool.generate(students: 300, seed: 4, now: now, calendar: try store.calendar())
        try store.saveDemo(school, by: DemoSchool.counselorID, at: now)
        let draftAbout = try XCTUnwrap(school.students.first).id
        try store.execute(.keepDraft(body: Data(Self.draftText.utf8), about: draftAbout),
                          as: Account(vault), at: now)
        _ = try store.close(vault: vault)
        vault.lock()
        return school
    }

    static let draftText = "草稿：该生说起家里的事，情绪低落，未完成"

    /// Free text a duty teacher must never read: every Chinese string of
    /// four characters or more in the tiered records, and the clinical
    /// fields of the room's records (briefs, notes, reasons, details).
    private func clinicalStrings(_ school: DemoSchool) throws -> Set<String> {
        let names = Set(school.students.map(\.name) + school.staff.map(\.name) + school.students.map(\.className))
        var found: Set<String> = [Self.draftText]
        for record in school.records {
            let kind = type(of: record).kind
            let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(record))
            let tiered = ![RecordKind.visit, .appointment, .shift, .checkin, .crisis].contains(kind)
            collect(json, key: nil, tiered: tiered, into: &found)
        }
        return found.filter { !names.contains($0) }
    }

    private func collect(_ value: Any, key: String?, tiered: Bool, into found: inout Set<String>) {
        switch value {
        case let s as String:
            let clinicalField = ["brief", "note", "notes", "details", "detail", "reason", "text"].contains(key ?? "")
            let chinese = s.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
            if chinese >= 4, tiered || clinicalField { found.insert(s) }
        case let a as [Any]: a.forEach { collect($0, key: key, tiered: tiered, into: &found) }
        case let d as [String: Any]: d.forEach { collect($0.value, key: $0.key, tiered: tiered, into: &found) }
        default: break
        }
    }

    /// Every cell of every table, as text, read with `page` alone.
    private func everyRow(page: SecretBytes, fileId: [UInt8], database: String) throws -> [(table: String, cells: [String: String])] {
        try CipherRuntime.register(path: database, key: page, fileId: fileId)
        defer { CipherRuntime.unregister(path: database) }
        let queue = try DatabaseQueue(path: database, configuration: CipherRuntime.configuration())
        defer { try? queue.close() }
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { row in
                    var cells: [String: String] = [:]
                    for (column, value) in row {
                        switch value.storage {
                        case .string(let s): cells[column] = s
                        case .blob(let d): cells[column] = String(decoding: d, as: UTF8.self)
                        case .int64(let i): cells[column] = String(i)
                        case .double(let x): cells[column] = String(x)
                        case .null: break
                        }
                    }
                    return (table, cells)
                }
            }
        }
    }

    /// What `name`'s slot opens with its passphrase: its grants, by name.
    private func derive(_ name: String, keyring: String) throws -> (fileId: [UInt8], grants: [GrantName: SecretBytes]) {
        let ring = try JSONDecoder().decode(Keyring.self, from: try Data(contentsOf: URL(fileURLWithPath: keyring)))
        let slot = try XCTUnwrap(ring.slot(named: name))
        var p = Array(Self.passphrase.utf8)
        let secrets = try slot.openSecrets(secret: SecretBytes(wiping: &p), fileId: ring.fileId)
        var grants: [GrantName: SecretBytes] = [:]
        for g in GrantName.allCases {
            if let key = slot.openGrant(g, boxSecret: secrets.box, fileId: ring.fileId) { grants[g] = key }
        }
        let hex = Array(ring.fileId.utf8)
        let fileId = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        return (fileId, grants)
    }

    /// The store as the workstation reads it for `account`, with the
    /// project's own code (locked and closed when the test ends).
    private func reading(_ database: String, as account: String) throws -> Store {
        var p = Array(Self.passphrase.utf8)
        let vault = try Vault.unlock(database: database, account: account, passphrase: &p)
        let queue = try vault.makeQueue()
        addTeardownBlock { _ = try? vault.close(queue); vault.lock() }
        return try Store(vault: vault, writer: queue)
    }

    /// Raw SQL on the database with the page key alone, as a page-key
    /// holder outside xindesk would, folded into the `.db` file afterwards.
    private func writing(page: SecretBytes, fileId: [UInt8], _ change: (Database) throws -> Void) throws {
        try CipherRuntime.register(path: db, key: page, fileId: fileId)
        defer { CipherRuntime.unregister(path: db) }
        let queue = try DatabaseQueue(path: db, configuration: CipherRuntime.configuration())
        try queue.write(change)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }

    /// The attacker's copy of the two files.
    private func stolenCopy() throws -> String {
        let copy = dir + "/stolen/xindesk.db"
        try FileManager.default.createDirectory(atPath: dir + "/stolen", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        try FileManager.default.copyItem(atPath: db + ".keys", toPath: copy + ".keys")
        return copy
    }

    func testADutyTeacherWithTheFilesReadsNoClinicalTextLevelOrLink() throws {
        let school = try demoSchool()
        let secrets = try clinicalStrings(school)
        XCTAssertGreaterThan(secrets.count, 20, "the demo writes notes, briefs and reasons to look for")
        let copy = try stolenCopy()

        let (fileId, grants) = try derive("duty", keyring: copy + ".keys")
        XCTAssertEqual(Set(grants.keys), [.page], "a duty slot opens the page key and nothing else")
        let rows = try everyRow(page: try XCTUnwrap(grants[.page]), fileId: fileId, database: copy)
        XCTAssertGreaterThan(rows.count, 500, "the attacker does read every row")

        // No clinical text, anywhere.
        let everything = rows.flatMap { $0.cells.values }.joined(separator: "\u{1}")
        let leaked = secrets.filter { everything.contains($0) }
        XCTAssertEqual(leaked.sorted(), [], "clinical text readable with the duty key")

        // No level or flag: the students table keeps none in the clear.
        for row in rows where row.table == "students" {
            XCTAssertEqual(row.cells["level"] ?? "0", "0", "a level in the clear")
            XCTAssertEqual(row.cells["flags"] ?? "0", "0", "flags in the clear")
        }

        // No row ties a student to clinical or oversight data: a student id
        // appears only in the student list, the room's own records (visits,
        // appointments, crisis runs) and the log of the room's actions.
        let ids = Set(school.students.map(\.id.rawValue))
        let roomKinds: Set<String> = ["visit", "appointment", "shift", "checkin", "crisis", "student"]
        let roomActions: Set<String> = ["visit.add", "escalation.take", "crisis.start", "crisis.step", "crisis.handover",
                                        "crisis.take", "appointment.book", "appointment.move"]
        for row in rows {
            let mentioned = row.cells.values.flatMap { cell in ids.filter { cell.contains($0) } }
            guard !mentioned.isEmpty else { continue }
            switch row.table {
            case "students": continue
            case "records", "revisions":
                XCTAssertTrue(roomKinds.contains(row.cells["kind"] ?? ""), "a \(row.cells["kind"] ?? "?") row names student \(mentioned)")
            case "audit_log":
                XCTAssertTrue(roomActions.contains(row.cells["action"] ?? ""), "audit \(row.cells["action"] ?? "?") names a student")
            default:
                XCTFail("table \(row.table) names student \(mentioned)")
            }
        }

        // And through the project's own store, as the workstation reads it.
        let store = try reading(copy, as: "duty")
        XCTAssertEqual(try store.keyAttentionFiles().count, 0)
        XCTAssertTrue(try store.studentList().allSatisfy { $0.level == .none })
        XCTAssertEqual(try school.students.flatMap { try store.records(CaseNote.self, of: $0.id) }.count, 0)
    }

    func testAHeadWithTheFilesReadsLevelsButNoNoteText() throws {
        let school = try demoSchool()
        let secrets = try clinicalStrings(school)
        let copy = try stolenCopy()
        let (_, grants) = try derive("head", keyring: copy + ".keys")
        // The reporting key signs what goes to the district (issue 20); it opens no record.
        XCTAssertEqual(Set(grants.keys), [.page, .oversight, .reporting], "a head holds the page and oversight keys only")

        let store = try reading(copy, as: "head")
        // Levels yes: the key-attention list is the demo's.
        let expected = Set(school.records.compactMap { $0 as? LevelChange }.map(\.student))
        let files = try store.keyAttentionFiles()
        XCTAssertFalse(files.isEmpty)
        XCTAssertTrue(Set(files.map(\.student.id)).isSubset(of: expected))
        XCTAssertTrue(files.allSatisfy { $0.level >= .severe }, "key attention is level 2 and up")
        // Note text no: what the head's store gives back holds none of it.
        let seen = try files.map { String(decoding: try JSONEncoder().encode($0.caseNotes), as: UTF8.self)
            + String(decoding: try JSONEncoder().encode($0.levelChanges), as: UTF8.self)
            + String(decoding: try JSONEncoder().encode($0.plans), as: UTF8.self) }.joined()
        XCTAssertEqual(secrets.filter { seen.contains($0) }.sorted(), [], "clinical text readable with the head's keys")
        XCTAssertEqual(try school.students.flatMap { try store.records(CaseNote.self, of: $0.id) }.count, 0)
    }

    /// With only what a duty slot holds (its page key and its own signing
    /// key), the duty teacher writes a case note "by counselor" straight
    /// into the table: `check` exits 13 naming it, and the counselor's
    /// store never shows it as a note.
    func testANoteForgedWithTheDutyKeyIsReportedByCheck() throws {
        let school = try demoSchool()
        let (fileId, grants) = try derive("duty", keyring: db + ".keys")
        let ring = try JSONDecoder().decode(Keyring.self, from: try Data(contentsOf: URL(fileURLWithPath: db + ".keys")))
        var p = Array(Self.passphrase.utf8)
        let dutySecrets = try XCTUnwrap(ring.slot(named: "duty")).openSecrets(secret: SecretBytes(wiping: &p), fileId: ring.fileId)
        let student = try XCTUnwrap(school.students.first).id
        let body = Data(try JSONEncoder().encode(CaseNote(id: CaseNoteID("forged-1"), student: student, author: StaffID("counselor"),
                                                          at: LocalDateTime(Date(), in: TimeZone(identifier: "Asia/Shanghai")!),
                                                          text: "伪造的谈话记录"))).base64EncodedString()
        let signature = Data(TierCrypto.sign(Array("forged".utf8), secretKey: dutySecrets.signing))
        try writing(page: try XCTUnwrap(grants[.page]), fileId: fileId) { db in
            try db.execute(sql: """
                INSERT INTO records(kind, id, student, time, due, open, revision, body, author, signature)
                VALUES ('note', 'forged-1', ?, '', NULL, 0, 1, ?, 'counselor', ?)
                """, arguments: [student.rawValue, body, signature])
        }

        let run = try xindesk(as: "counselor", Self.passphrase, ["check"])
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("not written or saved by the account they name"), run.stderr)
        XCTAssertTrue(run.stderr.contains("records note forged-1"), run.stderr)

        let store = try reading(db, as: "counselor")
        XCTAssertFalse(try store.records(CaseNote.self, of: student).contains { $0.id.rawValue == "forged-1" })
    }

    /// The duty teacher cannot forge a student's level, but with the page
    /// key can delete the sealed rows that hold levels, so a major case would
    /// read as level none: a head's or counselor's `check` compares it with
    /// the signed level history and exits 13.
    func testADeletedStandingRowIsReportedByAHeadsCheck() throws {
        _ = try demoSchool()
        XCTAssertEqual(try xindesk(as: "head", Self.passphrase, ["check"]).status, 0, "the demo's levels agree with their history")
        let (fileId, grants) = try derive("duty", keyring: db + ".keys")
        try writing(page: try XCTUnwrap(grants[.page]), fileId: fileId) { db in try db.execute(sql: "DELETE FROM standing") }

        let run = try xindesk(as: "head", Self.passphrase, ["check"])
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("is not the signed history's"), run.stderr)
    }
}
