import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// The appointment register through `update`: the booking form's fields
/// (date, time, counselor, purpose, channel), the confirmation it asks for
/// outside the opening hours, a past time refused on the form, the warning
/// at a double booking, and the roster pane listing every appointment of
/// the week with its day, scrolling.
final class AppointmentRegisterTests: XCTestCase {
    typealias F = WorkstationFixture

    /// The booking form of the first student, with `purpose` typed.
    func bookingForm(_ language: Language = .en, width: Int = 80, height: Int = 24, purpose: String = "学习压力") throws -> AppState {
        var s = try F.state("duty", [.duty], language: language, width: width, height: height)
        _ = F.press(&s, .character("b"))
        _ = F.press(&s, .tab, .tab, .tab, .paste(purpose))
        return s
    }

    func field(_ s: AppState, _ i: Int) -> Form.Field? {
        guard case .form(let f) = s.modal else { return nil }
        return f.form.fields[i]
    }

    func testTheFormRecordsCounselorPurposeAndChannel() throws {
        var s = try bookingForm()
        // Counselor by name, channel by its word.
        _ = F.press(&s, .backTab)
        _ = F.press(&s, .backspace)
        _ = F.type(&s, "李")
        _ = F.press(&s, .tab, .tab, .backspace, .paste("online"))
        let effects = F.press(&s, .function(2))
        guard case .execute(.bookAppointment(let a, outsideHoursConfirmed: false)) = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(a.counselor, StaffID("counselor"))
        XCTAssertEqual(a.purpose, "学习压力")
        XCTAssertEqual(a.channel, .online)
        XCTAssertEqual(a.slot.start.description, "2026-11-23T12:20:00")
        XCTAssertEqual(a.slot.start.seconds(to: a.slot.end), 30 * 60)
    }

    func testAnEmptyPurposeAndAnUnknownCounselorAreMarkedOnTheirFields() throws {
        var s = try bookingForm(purpose: "")
        _ = F.press(&s, .backTab, .backspace)
        _ = F.type(&s, "9")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(field(s, 3)?.error, "The purpose is missing")
        XCTAssertTrue(field(s, 2)?.error?.contains("No counselor is called “9”") ?? false, "\(String(describing: field(s, 2)?.error))")
    }

    /// 03:00 on a past date: the form says so at once and sends nothing.
    func testAPastTimeIsRefusedOnTheFormWithTheTime() throws {
        for language in [Language.zhHans, .en] {
            var s = try bookingForm(language)
            _ = F.press(&s, .backTab, .backTab)
            _ = F.press(&s, .backspace, .backspace, .backspace, .backspace, .backspace)
            _ = F.type(&s, "03:00")
            _ = F.press(&s, .backTab)
            for _ in 0..<10 { _ = F.press(&s, .backspace) }
            _ = F.type(&s, "2026-11-19")
            XCTAssertEqual(F.press(&s, .function(2)), [])
            XCTAssertEqual(field(s, 1)?.error, AppointmentBookingProblem.inPast(
                TimeSpan(start: LocalDateTime(Day(year: 2026, month: 11, day: 19)!, TimeOfDay(hour: 3, minute: 0)!),
                         end: LocalDateTime(Day(year: 2026, month: 11, day: 19)!, TimeOfDay(hour: 3, minute: 30)!))).message.text(language))
        }
    }

    /// The store refused a time outside the opening hours: the form stays,
    /// says why, and F2 again books that slot confirmed; a changed time asks again.
    func testOutsideTheOpeningHoursTheFormAsksAndF2AgainConfirms() throws {
        var s = try bookingForm()
        guard case .execute(.bookAppointment(let a, false))? = F.press(&s, .function(2)).first else { return XCTFail() }
        let problem = AppointmentBookingProblem.outsideOpeningHours(a.slot, open: [])
        _ = Update.update(&s, .bookingNeedsConfirmation(problem.message.text(.en), a.slot))
        guard case .form(let f) = s.modal else { return XCTFail("the form stays open") }
        XCTAssertEqual(f.problem, problem.message.text(.en))
        XCTAssertTrue(f.problem?.contains("press F2 again to book anyway") ?? false)
        guard case .execute(.bookAppointment(let again, true))? = F.press(&s, .function(2)).first else { return XCTFail() }
        XCTAssertEqual(again.slot, a.slot)
        // Another time is a new question.
        _ = F.press(&s, .backTab, .backTab, .backspace)
        _ = F.type(&s, "5")
        guard case .execute(.bookAppointment(let moved, false))? = F.press(&s, .function(2)).first else { return XCTFail() }
        XCTAssertNotEqual(moved.slot, a.slot)
    }

    func testADoubleBookingIsSavedWithAWarningNamingTheOther() throws {
        let s = try F.state("duty", [.duty])
        let other = try XCTUnwrap(s.appointments.first)
        var outcome = CommandOutcome()
        outcome.doubleBooked = other
        let text = CommandMessages.saved(.bookAppointment(other), outcome, staff: s.staff, .zhHans)
        XCTAssertEqual(text, "预约已保存。注意：李心怡 已有预约（\(other.slot.start.monthDayClock)，\(other.status.displayName.zh)），同一时间两个预约。")
        XCTAssertEqual(CommandMessages.saved(.bookAppointment(other), CommandOutcome(), staff: s.staff, .en), "Appointment saved.")
    }

    /// A busy week: every appointment is in the list, the selection scrolls
    /// to the last, and the line below says which of how many.
    func testTheRosterPaneListsEveryAppointmentOfTheWeekAndScrolls() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            var s = try busyWeek(.en, width: w, height: h)
            let all = s.weekAppointments
            XCTAssertEqual(all.count, 16)
            for _ in 0..<all.count { _ = F.press(&s, .down) }
            XCTAssertEqual(s.appointmentList.selected, all.count - 1)
            let screen = F.screen(s)
            XCTAssertTrue(screen.contains(RosterPane.row(all[all.count - 1], s)), screen)
            XCTAssertTrue(screen.contains("This week 16 appointments (12 open) · today 4 · 16 of 16"), screen)
            _ = F.press(&s, .up, .up, .up, .up, .up, .up, .up, .up, .up, .up, .up, .up, .up, .up, .up)
            XCTAssertTrue(F.screen(s).contains(RosterPane.row(all[0], s)))
        }
    }

    /// The demo's week and twelve more appointments, four of them today.
    func busyWeek(_ language: Language, width: Int, height: Int) throws -> AppState {
        var s = try F.state("counselor", [.counselor, .admin], language: language, width: width, height: height)
        let purposes = ["学习压力", "同学关系", "情绪困扰", "家庭矛盾"]
        var extra: [Appointment] = []
        for i in 0..<12 {
            let day = F.now.day.adding(days: i < 4 ? 0 : -(i % 4) - 1)
            let start = LocalDateTime(day, TimeOfDay(hour: 12 + i % 2 * 5, minute: 10 + i)!)
            extra.append(Appointment(id: AppointmentID("x\(i)"), student: s.students[i].id, requestedBy: .student,
                                     channel: Appointment.Channel.allCases[i % 3], slot: TimeSpan(start: start, end: start.adding(minutes: 30)),
                                     counselor: StaffID("counselor"), purpose: purposes[i % 4], statusChangedAt: F.now))
        }
        s.appointments += extra
        _ = Update.perform(&s, .pane3)
        _ = Update.perform(&s, .maximize)
        return s
    }

    func testSnapshotsOfTheFormAndTheRegister() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            for (w, h) in [(80, 24), (120, 40)] {
                var form = try bookingForm(language, width: w, height: h)
                let effects = F.press(&form, .function(2))
                guard case .execute(.bookAppointment(let a, _))? = effects.first else { return XCTFail("\(effects)") }
                _ = Update.update(&form, .bookingNeedsConfirmation(
                    AppointmentBookingProblem.outsideOpeningHours(a.slot, open: [TimeSpan(on: a.slot.start.day, from: TimeOfDay(hour: 12, minute: 10)!,
                                                                                         to: TimeOfDay(hour: 12, minute: 40)!)])
                        .message.text(language), a.slot))
                assertSnapshot(form, "appointment-form-\(tag)-\(w)x\(h)")
                var busy = try busyWeek(language, width: w, height: h)
                for _ in 0..<10 { _ = F.press(&busy, .down) }
                assertSnapshot(busy, "appointments-\(tag)-\(w)x\(h)")
            }
        }
    }
}
