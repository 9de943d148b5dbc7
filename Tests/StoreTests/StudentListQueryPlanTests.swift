import GRDB
import XCTest
@testable import Store

/// The student list is read on the way to every first frame: 10,000 rows.
/// It must come from the covering index in list order; a column added to
/// the query but not to the index, or an order the index does not give,
/// sends SQLite back to the table's sealed bodies and a sort, and the
/// unlock target is lost without a test noticing. This one notices.
final class StudentListQueryPlanTests: XCTestCase {
    private func plan(includingLeft: Bool) throws -> [String] {
        let store = try Fixture.store(students: (1...50).map { Fixture.student($0) })
        return try store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Store.studentListSQL(includingLeft: includingLeft)).map { $0["detail"] as String }
        }
    }

    func testTheListOfStudentsOnTheListsReadsTheCoveringIndexAndSortsNothing() throws {
        let steps = try plan(includingLeft: false)
        XCTAssertEqual(steps.count, 1, "\(steps)")
        XCTAssertTrue(steps[0].contains("USING COVERING INDEX students_list"), "\(steps)")
        XCTAssertFalse(steps.contains { $0.contains("TEMP B-TREE") }, "\(steps)")
    }

    func testTheListWithThoseWhoLeftReadsTheSameIndex() throws {
        let steps = try plan(includingLeft: true)
        XCTAssertEqual(steps.count, 1, "\(steps)")
        XCTAssertTrue(steps[0].contains("USING COVERING INDEX students_list"), "\(steps)")
        XCTAssertFalse(steps.contains { $0.contains("TEMP B-TREE") }, "\(steps)")
    }

    /// The list reads columns, never a body: no JSON decoded for any of
    /// its rows, whatever the number of students.
    func testTheListDecodesNoJSON() throws {
        let store = try Fixture.store(students: (1...200).map { Fixture.student($0) })
        let before = StoredJSON.decodeCount
        let list = try store.studentList(withLevelsAndFlags: true, includingLeft: true)
        XCTAssertEqual(list.count, 200)
        XCTAssertEqual(StoredJSON.decodeCount, before)
    }
}
