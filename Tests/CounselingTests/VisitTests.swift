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

final class AppointmentTests: XCTestCase {
    let slotDay = day(2026, 9, 15)

    func booking(counselor assigned: StaffID? = counselor) -> Appointment {
        Appointment(id: AppointmentID("a-1"), student: StudentID("student-1"), requestedBy: .guardian,
                    channel: .phone, slot: span(slotDay, 16, 40, 17, 20), counselor: assigned,
                    statusChangedAt: at(day(2026, 9, 14), 9, 0))
    }

    func testNewBookingIsRequested() {
        XCTAssertEqual(booking().status, .requested)
        XCTAssertEqual(booking().validate(), [])
    }

    func testAppointmentGoesRequestedConfirmedDone() throws {
        let confirmed = try booking().moved(to: .confirmed, at: at(day(2026, 9, 14), 10, 0))
        XCTAssertEqual(confirmed.status, .confirmed)
        XCTAssertEqual(confirmed.statusChangedAt, at(day(2026, 9, 14), 10, 0))
        let done = try confirmed.moved(to: .done, at: at(slotDay, 17, 20))
        XCTAssertEqual(done.status, .done)
    }

    func testRequestedCannotJumpToDone() {
        XCTAssertThrowsError(try booking().moved(to: .done, at: at(slotDay, 17, 30))) {
            XCTAssertEqual($0 as? AppointmentError, .transitionNotAllowed(from: .requested, to: .done))
        }
    }

    func testFinalStatusesAllowNoFurtherChange() throws {
        let cancelled = try booking().moved(to: .cancelled, at: at(slotDay, 8, 0))
        for status in Appointment.Status.allCases {
            XCTAssertThrowsError(try cancelled.moved(to: status, at: at(slotDay, 9, 0)))
        }
        XCTAssertTrue(Appointment.Status.noShow.isFinal)
    }

    func testConfirmingNeedsACounselor() {
        XCTAssertThrowsError(try booking(counselor: nil).moved(to: .confirmed, at: at(slotDay, 8, 0))) {
            XCTAssertEqual($0 as? AppointmentError, .noCounselor)
            XCTAssertEqual(($0 as? AppointmentError)?.message.en, "Assign a counselor before confirming the appointment")
        }
    }

    func testNoShowOnlyOnceTheSlotHasBegun() throws {
        let confirmed = try booking().moved(to: .confirmed, at: at(slotDay, 8, 0))
        XCTAssertThrowsError(try confirmed.moved(to: .noShow, at: at(slotDay, 16, 39))) {
            XCTAssertEqual($0 as? AppointmentError, .slotNotStarted)
        }
        XCTAssertEqual(try confirmed.moved(to: .noShow, at: at(slotDay, 16, 40)).status, .noShow)
    }

    func testSameCounselorOverlappingSlotsClash() {
        var other = booking()
        other.id = AppointmentID("a-2")
        other.slot = span(slotDay, 17, 0, 17, 40)
        XCTAssertTrue(booking().clashes(with: other))
        other.counselor = secondCounselor
        XCTAssertFalse(booking().clashes(with: other))
        other.counselor = counselor
        other.slot = span(slotDay, 17, 20, 18, 0)
        XCTAssertFalse(booking().clashes(with: other), "back-to-back slots do not clash")
    }

    func testSlotMustEndAfterItStarts() {
        var record = booking()
        record.slot = span(slotDay, 17, 0, 16, 0)
        XCTAssertEqual(record.validate(), [.endNotAfterStart(.time)])
    }
}
