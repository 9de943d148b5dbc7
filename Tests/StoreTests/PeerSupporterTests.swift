import Counseling
import XCTest
@testable import Store

/// Peer supporters (心理委员): two per class from junior high on (000),
/// named per class at the store, listed by class.
final class PeerSupporterTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 11, 2), 10)
    private let class1 = ClassRef(stage: .junior, grade: 7, className: "初一(1)班")

    private func store() throws -> Store {
        var girl = Fixture.student(2, name: "李四")
        girl.gender = .female
        var other = Fixture.student(4, name: "赵六")
        other.className = "初一(2)班"
        var primary = Fixture.student(5, name: "孙七")
        (primary.stage, primary.grade, primary.className) = (.primary, 5, "五年级(1)班")
        return try Fixture.store(students: [Fixture.student(1), girl, Fixture.student(3, name: "王五"), other, primary], at: now)
    }

    private func ids(_ numbers: Int...) -> [StudentID] { numbers.map { StudentID("s\($0)") } }

    func testACounselorNamesTwoAndTheListShowsThemByClass() throws {
        let store = try store()
        try store.execute(.namePeerSupporters(class1, ids(1, 2), basedOn: []), as: .counselor, at: now)
        let classes = try store.peerSupporterClasses()
        let first = try XCTUnwrap(classes.first { $0.ref == class1 })
        XCTAssertEqual(first.supporters.map(\.name), ["张三", "李四"].sorted { PinyinKey(name: $0).full < PinyinKey(name: $1).full })
        XCTAssertEqual(first.size, 3)
        XCTAssertNil(first.shortfall)
        XCTAssertEqual(classes.first { $0.ref.className == "初一(2)班" }?.shortfall, .missing(2), "junior high needs two")
        XCTAssertNil(classes.first { $0.ref.stage == .primary }?.shortfall, "a primary class needs none")
        XCTAssertEqual(try store.auditEntries().last?.action, AuditAction.peerSupportersName.rawValue)
        // Naming again replaces the class's supporters.
        try store.execute(.namePeerSupporters(class1, ids(3), basedOn: ids(1, 2)), as: .head, at: now)
        XCTAssertEqual(try store.peerSupporterClasses().first { $0.ref == class1 }?.supporters.map(\.id), ids(3))
        XCTAssertFalse(try store.student(StudentID("s1")).flags.contains(.peerSupporter))
    }

    func testAtMostTwoPerClass() throws {
        let store = try store()
        let before = try store.snapshot()
        XCTAssertThrowsError(try store.execute(.namePeerSupporters(class1, ids(1, 2, 3), basedOn: []), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? PeerSupporterProblem, .tooMany)
        }
        XCTAssertThrowsError(try store.execute(.namePeerSupporters(class1, ids(1, 1), basedOn: []), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? PeerSupporterProblem, .namedTwice)
        }
        XCTAssertEqual(try store.snapshot(), before)
    }

    func testOnlyACurrentStudentOfThatClass() throws {
        let store = try store()
        XCTAssertThrowsError(try store.execute(.namePeerSupporters(class1, ids(1, 4), basedOn: []), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? PeerSupporterProblem, .otherClass("20260004"))
        }
        try store.execute(.recordLeaving(StudentID("s2"), EnrolmentEvent(change: .left(.transferredOut), on: now.day, reason: "转学",
                                                                        by: Fixture.admin, at: now),
                                         basedOn: try store.student(StudentID("s2"))), as: .admin, at: now)
        XCTAssertThrowsError(try store.execute(.namePeerSupporters(class1, ids(1, 2), basedOn: []), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? PeerSupporterProblem, .notEnrolled("20260002"))
        }
        XCTAssertThrowsError(try store.execute(.namePeerSupporters(class1, ids(1, 99), basedOn: []), as: .counselor, at: now)) {
            XCTAssertEqual($0 as? StoreError, .unknownStudent(StudentID("s99")))
        }
    }

    func testRefusedWhenAColleagueNamedOthersMeanwhileOrWithoutTheRoleOrKey() throws {
        let store = try store()
        try store.execute(.namePeerSupporters(class1, ids(1), basedOn: []), as: .counselor2, at: now)
        XCTAssertThrowsError(try store.execute(.namePeerSupporters(class1, ids(3), basedOn: []), as: .counselor, at: now)) { error in
            guard case .stale? = error as? StoreError else { return XCTFail("\(error)") }
        }
        for account in [Account.duty, .admin] {
            XCTAssertThrowsError(try store.execute(.namePeerSupporters(class1, ids(3), basedOn: ids(1)), as: account, at: now)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.namePeerSupporters))
            }
        }
        XCTAssertThrowsError(try store.dutySession().peerSupporterClasses()) {
            XCTAssertEqual($0 as? StoreError, .tierNotHeld(.oversight))
        }
    }

    func testTwoOfOneGenderAreListedWithAnAdvice() throws {
        let store = try store()
        try store.execute(.namePeerSupporters(class1, ids(1, 3), basedOn: []), as: .counselor, at: now)
        XCTAssertEqual(try store.peerSupporterClasses().first { $0.ref == class1 }?.shortfall, .sameGender)
    }
}
