import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// A duty teacher holds the page key, and with a copy of the files can read
/// every row of every table with plain SQL. A demo school, written and used
/// through the store on an encrypted database, must give them none of what
/// is clinical or oversight: no note, brief, reason, plan, guardian's phone,
/// level or flag, and nothing that ties a student to a tiered row or a
/// tiered audit entry. A head of guidance's keys open the levels, no note.
final class PageKeyAdversaryTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 11, 20), 18)

    /// What the demo wrote that only counselors (or counselors and heads) may read.
    private func secrets(_ demo: DemoSchool) -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        func add(_ what: String, _ text: String) { if !text.isEmpty { found[what, default: []].insert(text) } }
        for record in demo.records {
            switch record {
            case let r as CaseNote: add("note text", r.text)
            case let r as Visit: add("visit brief", r.brief)
            case let r as LevelChange: add("level reason", r.reason)
            case let r as FollowUp: add("follow-up note", r.note)
            case let r as GuardianContact: add("guardian contact note", r.note)
            case let r as SupportPlan:
                r.goals.forEach { add("plan goal", $0) }
                r.measures.forEach { add("plan measure", $0) }
                add("responsible leader", r.responsibleLeader)
            case let r as Referral:
                add("referral institution", r.institution)
                add("referral feedback", r.feedbackSummary)
            case let r as ScreeningProposal: add("proposal reason", r.decisionReason)
            // The version names the instrument at length: "MHT" alone turns
            // up by chance in a third of runs' ciphertext (base64).
            case let r as ScreeningResult: add("screening instrument", r.version)
            default: break
            }
        }
        for student in demo.students { student.guardians.forEach { add("guardian phone", $0.phone) } }
        // Level and flag values as any JSON or enum text would spell them.
        for level in WarningLevel.allCases where level != .none { add("level value", "\"\(level.rawValue)\"") }
        for flag in StudentFlag.allCases { add("flag value", flag.rawValue) }
        return found
    }

    func testPlainSQLOverThePageKeyFindsNothingClinicalAndAHeadFindsLevelsButNoNotes() throws {
        let (store, vault, pool, dir) = try Fixture.encryptedStore()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = DemoSchool.generate(students: 300, seed: 7, now: now, calendar: try HolidayFile.bundledCalendar())
        let me = Account(vault)
        try store.saveDemo(demo, by: me.id, at: now)
        // The school at work: a file opened, a level changed, a note, a brief, a crisis run handed over.
        let key = try XCTUnwrap(demo.records.compactMap { $0 as? LevelChange }.first { $0.to == .severe }?.student)
        _ = try store.openFile(key, as: me, at: now)
        try store.execute(.changeLevel(try LevelChange.make(id: LevelChangeID("l-now"), student: key, from: .severe, to: .major, by: me.id,
                                                            at: now, reason: "今天再次提到轻生"),
                                       followUp: FollowUp(id: FollowUpID("f-now"), student: key, due: now.day.adding(days: 1))),
                          as: me, at: now)
        try store.execute(.writeNote(CaseNote(id: CaseNoteID("n-now"), student: key, author: me.id, at: now, text: "今天的谈话记录")),
                          as: me, at: now)
        try store.execute(.logVisit(Visit(id: VisitID("v-now"), student: key, loggedBy: me.id, channel: .walkIn, start: now,
                                          reasons: [.emotions], brief: "今天哭着进来")), as: me, at: now)
        try store.execute(.startCrisisRun(CrisisRun(id: CrisisRunID("r-now"), student: key, startedBy: me.id, startedAt: now,
                                                    checklist: .standard)), as: me, at: now)
        try store.execute(.recordCrisisStep(CrisisRunID("r-now"), step: "keep-safe", outcome: .done, note: "一直陪着没有离开"), as: me, at: now)
        var secrets = secrets(demo)
        secrets["level reason", default: []].insert("今天再次提到轻生")
        secrets["note text", default: []].insert("今天的谈话记录")
        secrets["visit brief", default: []].insert("今天哭着进来")
        secrets["crisis note", default: []].insert("一直陪着没有离开")
        XCTAssertEqual(Set(secrets.keys), ["note text", "visit brief", "level reason", "follow-up note", "guardian contact note",
                                           "plan goal", "plan measure", "responsible leader", "referral institution",
                                           "referral feedback", "proposal reason", "screening instrument", "guardian phone",
                                           "level value", "flag value", "crisis note"], "the demo wrote every kind of secret")

        // The duty teacher's view: every cell of every table, plain SQL on the pool (the page key).
        let cells = try store.everyCell()
        XCTAssertGreaterThan(cells.count, 5_000)
        // Searched as bytes, one column of one table at a time.
        let columns = Dictionary(grouping: cells) { "\($0.table).\($0.column)" }
            .mapValues { Data($0.map(\.text).joined(separator: "\u{0}").utf8) }
        func found(_ text: String) -> [String] { columns.filter { $0.value.range(of: Data(text.utf8)) != nil }.keys.sorted() }
        XCTAssertEqual(found(demo.students[0].name), ["students.body", "students.name"], "the search finds what the page tier holds")
        for (what, texts) in secrets {
            for text in texts { XCTAssertEqual(found(text), [], "\(what) “\(text)” is readable over the page key") }
        }
        let studentIDs = Set(demo.students.map(\.id.rawValue))
        let tiered = Set(RecordKind.allCases.filter { $0.tier != nil }.map(\.rawValue))
        for table in ["records", "revisions"] {
            for row in try store.rawRows(table) where tiered.contains(row["kind"] as String) {
                let column: String? = row["student"]
                XCTAssertFalse(column.map(studentIDs.contains) ?? false, "\(table) \(row["kind"] as String) names its student")
            }
        }
        XCTAssertFalse(try store.rawRows("standing").contains { studentIDs.contains($0["link"] as String) })
        let tieredActions = Set(AuditAction.allCases.filter { $0.tier != nil }.map(\.rawValue))
        let tieredEntries = try store.auditEntries().filter { tieredActions.contains($0.action) }
        XCTAssertEqual(Set(tieredEntries.map(\.action)), ["student.view", "level.change", "followup.add", "note.add"])
        for entry in tieredEntries {
            XCTAssertFalse(studentIDs.contains { entry.subject.contains($0) }, "\(entry.action) names its student")
            XCTAssertFalse(entry.detail.contains("level") || entry.detail.contains("→"), "\(entry.action) detail \(entry.detail)")
        }
        XCTAssertEqual(try store.verifyAuthorship(), [])

        // A head of guidance's session on the same files: levels, no notes.
        let head = try Store(vault: vault, writer: pool, timeZone: Fixture.zone).session([.oversight], as: DemoSchool.headID)
        let expectedLevels = Dictionary(demo.records.compactMap { $0 as? LevelChange }.sorted { $0.at < $1.at }.map { ($0.student, $0.to) },
                                        uniquingKeysWith: { _, last in last }).merging([key: .major]) { _, now in now }
        let listed = try head.studentList()
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: listed.filter { $0.level != .none }.map { ($0.id, $0.level) }),
                       expectedLevels.filter { $0.value != .none })
        XCTAssertEqual(try head.levelCounts()[.major], expectedLevels.values.filter { $0 == .major }.count)
        XCTAssertEqual(head.auditDetail(try XCTUnwrap(tieredEntries.first { $0.action == "level.change" })), "level 2 → 3")
        let keyStudents = Array(expectedLevels.keys)
        for student in keyStudents {
            XCTAssertEqual(try head.records(CaseNote.self, of: student), [])
            XCTAssertEqual(try head.records(SupportPlan.self, of: student), [])
            XCTAssertEqual(try head.records(GuardianContact.self, of: student), [])
            XCTAssertTrue(try head.records(LevelChange.self, of: student).allSatisfy { SealedText.visibility($0.reason) == .withheld })
        }
        XCTAssertEqual(try head.records(Visit.self, of: key).filter { $0.id == VisitID("v-now") }.map { SealedText.visibility($0.brief) },
                       [.withheld])
        // A note's entry names the student by a clinical link, which a head can neither make nor match to the level's.
        let noteEntry = try XCTUnwrap(tieredEntries.first { $0.action == "note.add" })
        XCTAssertTrue(noteEntry.subject.hasPrefix("clinical:"))
        XCTAssertNil(head.keys.link(.clinical, key.rawValue))
        XCTAssertFalse(tieredEntries.contains { $0.action == "level.change" && $0.subject.dropFirst(10) == noteEntry.subject.dropFirst(9) })
        // While the counselor's own session reads it all.
        XCTAssertTrue(try store.records(CaseNote.self, of: key).map(\.text).contains("今天的谈话记录"))
        XCTAssertEqual(try store.records(LevelChange.self, of: key).last?.reason, "今天再次提到轻生")
        vault.lock()
    }
}
