import Counseling
import XCTest

final class VisitTests: XCTestCase {
    let monday = day(2026, 9, 14)

    func visit(reasons: Set<Visit.Reason>, escalatedTo: StaffID? = nil) -> Visit {
        Visit(id: VisitID("v-1"), student: StudentID("student-1"), loggedBy: dutyTeacher, channel: .walkIn,
              start: at(monday, 12, 10), end: at(monday, 12, 40), reasons: reasons, brief: "与同学发生矛盾",
              escalatedTo: escalatedTo)
    }

    func testOrdinaryVisitIsValid() {
        XCTAssertEqual(visit(reasons: [.relationships]).validate(), [])
    }

    func testVisitAboutSelfHarmThoughtsMustBeEscalatedToACounselor() {
        let unescalated = visit(reasons: [.emotions, .selfHarmThoughts])
        XCTAssertEqual(unescalated.validate(), [.selfHarmNotEscalated])
        XCTAssertEqual(unescalated.validate().first?.message.zh, "来访涉及自伤念头，必须转交心理教师")
        XCTAssertEqual(visit(reasons: [.selfHarmThoughts], escalatedTo: counselor).validate(), [])
    }

    func testVisitNeedsAReasonAndAnEndAfterItsStart() {
        var record = visit(reasons: [])
        record.end = at(monday, 12, 0)
        XCTAssertEqual(record.validate(), [.endNotAfterStart(.end), .empty(.reason)])
    }

    func testAnonymousWalkInHasNoStudent() throws {
        let record = Visit(id: VisitID("v-2"), student: nil, loggedBy: dutyTeacher, channel: .walkIn,
                           start: at(monday, 16, 40), reasons: [.study], brief: "")
        XCTAssertTrue(record.isAnonymous)
        XCTAssertEqual(record.validate(), [])
        XCTAssertEqual(try roundTrip(record).decoded, record)
    }

    func testVisitWordsParse() throws {
        XCTAssertEqual(try Visit.Channel.parse("电话"), .phone)
        XCTAssertEqual(try Visit.Channel.parse("团辅"), .group)
        XCTAssertEqual(try Visit.Reason.parse("自伤念头"), .selfHarmThoughts)
        XCTAssertEqual(try Visit.Reason.parse("学业压力"), .study)
    }

    func testReasonsEncodeInFixedOrder() throws {
        let json = try roundTrip(visit(reasons: [.other, .study, .family])).json
        XCTAssertTrue(json.contains(#""reasons":["study","family","other"]"#), json)
    }
}
