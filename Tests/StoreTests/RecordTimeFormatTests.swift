import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// `records.time` holds one text format for every kind (issue 13, point 6):
/// a record dated by a day alone keys on that day's midnight, so a range
/// query over days finds it, and the migration rewrites keys stored the old
/// way.
final class RecordTimeFormatTests: XCTestCase {
    private let day = Fixture.day(2026, 11, 20)
    private var nextDay: Day { day.adding(days: 1) }
    private var now: LocalDateTime { Fixture.at(day, 18) }
    private let pupil = StudentID("s1")

    private func followUp(_ id: String, due: Day) -> FollowUp {
        FollowUp(id: FollowUpID(id), student: pupil, due: due)
    }

    private func referral(_ id: String, on day: Day) -> Referral {
        Referral(id: ReferralID(id), student: pupil, institution: "市精神卫生中心", referredOn: day,
                 greenChannel: true, by: Fixture.counselor)
    }

    private func screening(_ id: String, on day: Day) -> ScreeningResult {
        ScreeningResult(id: ScreeningResultID(id), student: pupil, instrument: "PHQ-9", date: day,
                        scores: [.init(scale: "total", value: 12)], flag: .attention)
    }

    private func proposal(_ id: String, on day: Day) -> ScreeningProposal {
        ScreeningProposal(id: ScreeningProposalID(id), student: pupil, result: ScreeningResultID("sr1"),
                          suggestedLevel: .major, raisedOn: day)
    }

    /// An in-memory store holding the student the records are about.
    private func storeWithStudent() throws -> Store {
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone, keys: .ephemeral())
        try store.writer.write { db in try store.writeStudent(Fixture.student(1), revision: 1, db) }
        return store
    }

    /// Writes records the way every command does (`Store.insert`: the
    /// projections, `time` among them, come from the record).
    private func put(_ store: Store, _ records: [any StoredRecord]) throws {
        try store.writer.write { db in
            for record in records { try store.insert(record, by: Fixture.counselor, db) }
        }
    }

    /// [day 00:00, next day 00:00): the range a one-day list asks for.
    private func oneDay<R: StoredRecord>(_ type: R.Type, _ store: Store) throws -> [R] {
        try store.records(type, from: LocalDateTime(day, .midnight), to: LocalDateTime(nextDay, .midnight))
    }

    // MARK: (a) a one-day range finds the day's day-only records

    func testAOneDayRangeFindsThatDaysFollowUpsAndReferralsAndNotTheNextDays() throws {
        let store = try storeWithStudent()
        try put(store, [followUp("f-before", due: day.adding(days: -1)), followUp("f-day", due: day), followUp("f-next", due: nextDay),
                        referral("r-before", on: day.adding(days: -1)), referral("r-day", on: day), referral("r-next", on: nextDay),
                        screening("sr1", on: day), screening("sr2", on: nextDay), proposal("sp1", on: day)])

        XCTAssertEqual(try oneDay(FollowUp.self, store).map(\.id), [FollowUpID("f-day")])
        XCTAssertEqual(try oneDay(Referral.self, store).map(\.id), [ReferralID("r-day")])
        XCTAssertEqual(try oneDay(ScreeningResult.self, store).map(\.id), [ScreeningResultID("sr1")])
        XCTAssertEqual(try oneDay(ScreeningProposal.self, store).map(\.id), [ScreeningProposalID("sp1")])
        // A range that starts during the day no longer holds that day's
        // day-only records (they are at its midnight), however late it ends.
        XCTAssertEqual(try store.records(FollowUp.self, from: Fixture.at(day, 8), to: Fixture.at(nextDay, 8)).map(\.id),
                       [FollowUpID("f-next")])
        // The other lists over the same rows are unchanged.
        XCTAssertEqual(try store.records(FollowUp.self, of: pupil).map(\.id),
                       [FollowUpID("f-before"), FollowUpID("f-day"), FollowUpID("f-next")])
        XCTAssertEqual(try store.openRecords(FollowUp.self).map(\.id),
                       [FollowUpID("f-before"), FollowUpID("f-day"), FollowUpID("f-next")])
        XCTAssertEqual(try store.overdueFollowUps(today: day).map(\.followUp.id), [FollowUpID("f-before")])
    }

    func testAnEditedDayOnlyRecordMovesToItsNewDay() throws {
        let store = try storeWithStudent()
        var moved = followUp("f1", due: nextDay)
        try put(store, [moved])
        XCTAssertEqual(try oneDay(FollowUp.self, store).map(\.id), [])
        moved.due = day
        try store.writer.write { db in try store.replace(moved, by: Fixture.counselor, at: now, db) }
        XCTAssertEqual(try oneDay(FollowUp.self, store).map(\.id), [FollowUpID("f1")])
    }

    // MARK: (b) the migration rewrites old keys

    /// A database as the previous release left it: migrated through
    /// "v3-drafts", with rows written the old way (a bare day as `time`).
    private func previousReleaseDatabase() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try StoreMigrator.beforeTiers.migrate(queue, upTo: "v3-drafts")
        let old: [(kind: RecordKind, id: String, time: String, due: String?, open: Bool, body: String)] = [
            (FollowUp.kind, "f-day", day.description, day.description, true, try Store.encode(followUp("f-day", due: day))),
            (FollowUp.kind, "f-next", nextDay.description, nextDay.description, true,
             try Store.encode(followUp("f-next", due: nextDay))),
            (Referral.kind, "r-day", day.description, nil, true, try Store.encode(referral("r-day", on: day))),
            (ScreeningResult.kind, "sr1", day.description, nil, false, try Store.encode(screening("sr1", on: day))),
            (ScreeningProposal.kind, "sp1", day.description, nil, true, try Store.encode(proposal("sp1", on: day))),
            (CaseNote.kind, "n1", Fixture.at(day, 9, 30).description, nil, false,
             try Store.encode(CaseNote(id: CaseNoteID("n1"), student: pupil, author: Fixture.counselor,
                                       at: Fixture.at(day, 9, 30), text: "谈话记录"))),
        ]
        try queue.write { db in
            for row in old {
                try db.execute(sql: """
                    INSERT INTO records(kind, id, student, time, due, open, revision, body) VALUES (?, ?, ?, ?, ?, ?, 2, ?)
                    """, arguments: [row.kind, row.id, pupil.rawValue, row.time, row.due, row.open, row.body])
            }
        }
        return queue
    }

    private func allRows(_ writer: any DatabaseReader) throws -> [Row] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM records ORDER BY kind, id") }
    }

    func testTheMigrationRewritesOldDayKeysAndTheRangeThenFindsThem() throws {
        let queue = try previousReleaseDatabase()
        let before = try allRows(queue)
        // The bug, as the previous release had it: the day's follow-up is
        // missed and the next day's caught.
        let beforeIDs = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM records WHERE kind = ? AND time >= ? AND time < ? ORDER BY time",
                                arguments: [FollowUp.kind, LocalDateTime(day, .midnight).description,
                                            LocalDateTime(nextDay, .midnight).description])
        }
        XCTAssertEqual(beforeIDs, ["f-next"])

        // v4 alone: the rows as the next release left them, before v5 sealed them.
        try StoreMigrator.beforeTiers.migrate(queue)
        let applied = try queue.read { db in try StoreMigrator.beforeTiers.appliedMigrations(db) }
        XCTAssertTrue(applied.contains("v4-one-time-format"), "\(applied)")

        let after = try allRows(queue)
        XCTAssertEqual(after.count, before.count)
        for (old, new) in zip(before, after) {
            let kind: RecordKind = new["kind"], id: String = new["id"]
            let oldTime: String = old["time"], newTime: String = new["time"]
            if kind == CaseNote.kind {
                XCTAssertEqual(newTime, oldTime, "a full time is left alone")
            } else {
                XCTAssertEqual(newTime, oldTime + "T00:00:00", "\(kind) \(id)")
            }
            XCTAssertEqual(newTime.count, 19)
            for column in ["kind", "id", "student", "due", "open", "revision", "body"] {
                XCTAssertEqual(new[column] as DatabaseValue, old[column] as DatabaseValue, "\(kind) \(id) \(column)")
            }
        }
        // Each rewritten key is what the record would be written with today.
        XCTAssertEqual(try queue.read { db in try String.fetchOne(db, sql: "SELECT time FROM records WHERE id = 'f-day'") },
                       followUp("f-day", due: day).timeKey)

        // v5 seals them (no time in the clear any more); a one-day range
        // still finds each on its day, from the records' own keys.
        let store = try Store(writer: queue, timeZone: Fixture.zone, keys: .ephemeral())
        XCTAssertEqual(Set(try allRows(queue).map { $0["time"] as String }), [""])
        XCTAssertEqual(try oneDay(FollowUp.self, store).map(\.id), [FollowUpID("f-day")])
        XCTAssertEqual(try oneDay(Referral.self, store).map(\.id), [ReferralID("r-day")])
        XCTAssertEqual(try oneDay(ScreeningResult.self, store).map(\.id), [ScreeningResultID("sr1")])
        XCTAssertEqual(try oneDay(ScreeningProposal.self, store).map(\.id), [ScreeningProposalID("sp1")])
        XCTAssertEqual(try oneDay(CaseNote.self, store).map(\.id), [CaseNoteID("n1")])
    }

    func testTheMigrationRunTwiceChangesNothingMore() throws {
        let queue = try previousReleaseDatabase()
        try StoreMigrator.beforeTiers.migrate(queue)
        let once = try allRows(queue)
        try queue.write { db in try RecordTimeMigration.migrate(db) }
        XCTAssertEqual(try allRows(queue), once)
        // And a store opened again runs neither v4 nor v5 again.
        let keys = TierKeys.ephemeral()
        _ = try Store(writer: queue, timeZone: Fixture.zone, keys: keys)
        let sealed = try allRows(queue)
        _ = try Store(writer: queue, timeZone: Fixture.zone, keys: keys)
        XCTAssertEqual(try allRows(queue), sealed)
    }

    // MARK: (c) one format for every kind

    /// `2026-11-20T00:00:00`: what `LocalDateTime` reads back to itself.
    private func assertLocalDateTimeText(_ key: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(key.count, 19, "\(what): \(key)", file: file, line: line)
        let read = try? Store.decode(LocalDateTime.self, Store.encode(key))
        XCTAssertEqual(read?.description, key, "\(what): \(key)", file: file, line: line)
    }

    func testEveryDayOnlyKindKeysOnItsMidnightInTheSameFormatAsTheOthers() throws {
        let midnight = LocalDateTime(day, .midnight).description
        let dayOnly: [(RecordKind, any StoredRecord)] = [
            (Referral.kind, referral("r", on: day)),
            (FollowUp.kind, followUp("f", due: day)),
            (ScreeningResult.kind, screening("sr", on: day)),
            (ScreeningProposal.kind, proposal("sp", on: day)),
        ]
        for (kind, record) in dayOnly {
            XCTAssertEqual(record.timeKey, midnight, kind.rawValue)
            assertLocalDateTimeText(record.timeKey, kind.rawValue)
        }
        let note = CaseNote(id: CaseNoteID("n"), student: pupil, author: Fixture.counselor, at: Fixture.at(day, 9, 30), text: "x")
        assertLocalDateTimeText(note.timeKey, CaseNote.kind.rawValue)
        XCTAssertLessThan(midnight, note.timeKey, "the day's midnight sorts before the day's moments")
        XCTAssertLessThan(followUp("f", due: day.adding(days: -1)).timeKey, midnight)
        // The due key stays a bare day: only days are compared with it.
        XCTAssertEqual(followUp("f", due: day).dueKey, day.description)
    }

    func testEveryKindTheDemoSchoolWritesKeysInOneFormat() throws {
        let demo = DemoSchool.generate(students: 300, seed: 3, now: now, calendar: try HolidayFile.bundledCalendar())
        var kinds: Set<RecordKind> = []
        for record in demo.records where kinds.insert(type(of: record).kind).inserted {
            assertLocalDateTimeText(record.timeKey, type(of: record).kind.rawValue)
        }
        let otherLengths = Set(demo.records.filter { $0.timeKey.count != 19 }.map { type(of: $0).kind })
        XCTAssertEqual(otherLengths, [], "kinds with a key of another length")
        XCTAssertTrue(kinds.isSuperset(of: [Referral.kind, FollowUp.kind, ScreeningResult.kind, ScreeningProposal.kind]),
                      "\(kinds.map(\.rawValue).sorted())")
        let store = try Store(writer: DatabaseQueue(), timeZone: Fixture.zone, keys: .ephemeral())
        try store.saveDemo(demo, by: DemoSchool.counselorID, at: now)
        let tiered = RecordKind.allCases.filter { $0.tier != nil }.map(\.rawValue)
        let shapes = try store.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT kind || ' ' || length(time) FROM records
                WHERE NOT time GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'
                  AND kind NOT IN (SELECT value FROM json_each(?))
                """, arguments: [try Store.encode(tiered)])
        }
        XCTAssertEqual(shapes, [], "every room record's stored key is a LocalDateTime")
        let tieredTimes = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT time FROM records WHERE kind IN (SELECT value FROM json_each(?))",
                                arguments: [try Store.encode(tiered)])
        }
        XCTAssertEqual(tieredTimes, [""], "a tiered record keeps no time in the clear")
    }
}
