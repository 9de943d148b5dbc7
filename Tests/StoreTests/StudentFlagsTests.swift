import Counseling
import GRDB
import XCTest
@testable import Store

/// Flags in the student list, and what the list holds for those who may not
/// see levels and flags.
final class StudentFlagsTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 12), 16)

    private func store() throws -> Store {
        var leftBehind = Fixture.student(1, name: "张三")
        leftBehind.flags = [.leftBehind, .hardship]
        let store = try Fixture.store(students: [leftBehind, Fixture.student(2, name: "李四")], at: now)
        try store.execute(.changeLevel(try Fixture.levelChange("lc1", StudentID("s2"), from: .none, to: .major, at: now,
                                                               reason: "自述有自伤念头"),
                                       followUp: FollowUp(id: FollowUpID("f1"), student: StudentID("s2"), due: now.day.adding(days: 1))),
                          as: .counselor, at: now)
        return store
    }

    func testTheListCarriesFlagsAndFiltersOnThem() throws {
        let list = try store().studentList()
        let zhang = try XCTUnwrap(list.first { $0.name == "张三" })
        let li = try XCTUnwrap(list.first { $0.name == "李四" })
        XCTAssertEqual(zhang.flags, [.leftBehind, .hardship])
        XCTAssertEqual(li.flags, [])
        XCTAssertTrue(zhang.matches("#留守"))
        XCTAssertTrue(zhang.matches("#left-behind"))
        XCTAssertTrue(zhang.matches("留守 g7"), "a flag's Chinese word alone finds it")
        XCTAssertFalse(li.matches("#留守"))
        XCTAssertFalse(li.matches("留守"))
        XCTAssertTrue(li.matches("L3"))
    }

    func testWithoutAccessTheListHoldsNoLevelOrFlagAndTheFilterCannotTellThem() throws {
        let list = try store().studentList(withLevelsAndFlags: false)
        XCTAssertEqual(Set(list.map(\.level)), [WarningLevel.none])
        XCTAssertEqual(Set(list.map(\.flags)), [[]])
        let li = try XCTUnwrap(list.first { $0.name == "李四" })
        let plain = StudentSummary.Query("L3", levelsAndFlags: false)
        XCTAssertFalse(li.matches(plain), "L3 is plain text for a duty teacher")
        XCTAssertFalse(try XCTUnwrap(list.first { $0.name == "张三" }).matches(StudentSummary.Query("#留守", levelsAndFlags: false)))
        XCTAssertTrue(li.matches(StudentSummary.Query("ls g7", levelsAndFlags: false)), "grade and pinyin still work")
    }

    func testMigratingAVersionOneDatabaseFillsTheFlagsFromTheRecords() throws {
        let queue = try DatabaseQueue()
        try StoreMigrator.beforeTiers.migrate(queue, upTo: "v1-records")
        var student = Fixture.student(7, name: "王五")
        student.flags = [.migrantWorkerFamily]
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO students(id, number, name, grade, class_name, pinyin_full, pinyin_initials, body)
                VALUES (?, ?, ?, ?, ?, 'wangwu', 'ww', ?)
                """, arguments: [student.id.rawValue, student.number, student.name, student.grade, student.className,
                                 try Store.encode(student)])
        }
        let list = try Store(writer: queue, timeZone: Fixture.zone, keys: .ephemeral()).studentList()
        XCTAssertEqual(list.map(\.flags), [[.migrantWorkerFamily]])
    }
}
