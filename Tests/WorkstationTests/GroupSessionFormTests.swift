import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// Logging a group session (团体辅导) through `update`: `G` opens the form
/// for a counselor only; participants are typed by student number or name;
/// what is wrong is marked on its field and nothing is sent; a saved
/// session shows in each participant's chronology.
final class GroupSessionFormTests: XCTestCase {
    typealias F = WorkstationFixture

    /// Three current students, the third one with a name nobody else has.
    private func participants(_ s: AppState) throws -> [StudentSummary] {
        let current = s.students.filter { $0.leaving == nil }
        let unique = try XCTUnwrap(current.dropFirst(2).first { one in current.filter { $0.name == one.name }.count == 1 })
        return [current[0], current[1], unique]
    }

    /// The form with every field filled, the third student by name.
    private func filledForm(_ language: Language = .en, width: Int = 80, height: Int = 24,
                            theme: String = "考前减压", students: String? = nil) throws -> AppState {
        var s = try F.state("counselor", [.counselor], language: language, width: width, height: height)
        let three = try participants(s)
        _ = F.press(&s, .character("G"))
        _ = F.type(&s, "15:30")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "16:20")
        _ = F.press(&s, .tab, .tab, .paste(theme), .tab, .paste(students ?? "\(three[0].number) \(three[1].number)，\(three[2].name)"),
                    .tab, .paste("分享了考前的紧张，练习了腹式呼吸。"))
        return s
    }

    private func field(_ s: AppState, _ i: Int) -> Form.Field? {
        guard case .form(let f) = s.modal else { return nil }
        return f.form.fields[i]
    }

    func testACounselorLogsASessionWithStudentsByNumberAndName() throws {
        var s = try filledForm()
        let three = try participants(s)
        let effects = F.press(&s, .function(2))
        guard case .execute(.logGroupSession(let session, let ids))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(ids, three.map(\.id))
        XCTAssertEqual(session.start, LocalDateTime(F.now.day, TimeOfDay(hour: 15, minute: 30)!))
        XCTAssertEqual(session.end, LocalDateTime(F.now.day, TimeOfDay(hour: 16, minute: 20)!))
        XCTAssertEqual(session.facilitator, StaffID("counselor"), "the counselor logging it leads by default")
        XCTAssertEqual(session.theme, "考前减压")
        XCTAssertEqual(session.participantCount, 3)
        XCTAssertEqual(session.note, "分享了考前的紧张，练习了腹式呼吸。")
    }

    func testAnyMemberOfStaffLeadsByName() throws {
        var s = try filledForm()
        let duty = try XCTUnwrap(s.staff.first { $0.id == StaffID("duty") })
        _ = F.press(&s, .backTab, .backTab, .backTab, .backspace)
        _ = F.type(&s, duty.name)
        guard case .execute(.logGroupSession(let session, _))? = F.press(&s, .function(2)).first else { return XCTFail() }
        XCTAssertEqual(session.facilitator, duty.id)
    }

    func testThePaletteFindsItByPinyinAndOpensTheForm() throws {
        for query in ["tuanti", "group"] {
            var s = try F.state("counselor", [.counselor])
            _ = F.press(&s, .character(":"))
            _ = F.type(&s, query)
            guard case .palette(let p) = s.modal else { return XCTFail("no palette") }
            // Logging first (Enter opens it), then printing the record.
            XCTAssertEqual(p.matches(s).map(\.id), [.logGroupSession, .printGroupSessions], query)
            _ = F.press(&s, .enter)
            guard case .form(let f) = s.modal, case .groupSession = f.purpose else { return XCTFail("\(String(describing: s.modal))") }
        }
    }

    func testOnlyACounselorHasTheKey() throws {
        for (account, roles) in [("duty", Set<Role>([.duty])), ("head", [.head])] {
            var s = try F.state(account, roles)
            _ = F.press(&s, .character("G"))
            if case .form(let f) = s.modal, case .groupSession = f.purpose { XCTFail("\(account) opened the form") }
            XCTAssertFalse(Command.hints(s).contains { $0.key == "G" })
        }
    }

    func testAnUnknownOrSharedStudentIsMarkedOnTheParticipantsField() throws {
        var s = try filledForm(students: "20269999 someone")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(field(s, 5)?.error, "No current student has the number or name “20269999”")
        let current = s.students.filter { $0.leaving == nil }
        if let shared = current.first(where: { one in current.filter { $0.name == one.name }.count > 1 }) {
            var t = try filledForm(.zhHans, students: "\(current[0].number) \(shared.name)")
            XCTAssertEqual(F.press(&t, .function(2)), [])
            XCTAssertTrue(field(t, 5)?.error?.contains("请改填学号") ?? false, "\(String(describing: field(t, 5)?.error))")
        }
    }

    func testTheRulesAreMarkedOnTheirFieldsBeforeAnythingIsSent() throws {
        var s = try filledForm(theme: "")
        let one = try participants(s)[0]
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(field(s, 4)?.error, "The theme is missing")
        var two = try filledForm(students: "\(one.number) \(one.number)")
        XCTAssertEqual(F.press(&two, .function(2)), [])
        XCTAssertEqual(field(two, 5)?.error, "A student is named twice among the participants")
        var alone = try filledForm(.zhHans, students: one.number)
        XCTAssertEqual(F.press(&alone, .function(2)), [])
        XCTAssertEqual(field(alone, 5)?.error, "团体辅导的参加学生应为 2 到 40 人")
    }

    func testTheEndMustComeAfterTheStart() throws {
        var s = try F.state("counselor", [.counselor])
        _ = F.press(&s, .character("G"))
        _ = F.type(&s, "16:20")
        _ = F.press(&s, .tab)
        _ = F.type(&s, "15:30")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(field(s, 2)?.error, "The time must end after it starts")
    }

    func testSavedTheTeacherIsToldHowManyAndTheFileShowsIt() throws {
        var s = try filledForm()
        let effects = F.press(&s, .function(2))
        guard case .execute(let command)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(CommandMessages.saved(command, CommandOutcome(), staff: s.staff, .en),
                       "Group session saved (3 students), in each one's file.")
        XCTAssertEqual(CommandMessages.saved(command, CommandOutcome(), staff: s.staff, .zhHans),
                       "团体辅导已保存（3 名学生），已记入每人的档案。")
    }

    /// A counselor reading a participant's file, maximised: the group
    /// session is one event of the chronology, with theme, time,
    /// facilitator and size.
    private func fileWithAGroupSession(_ language: Language, width: Int, height: Int) throws -> AppState {
        var s = try F.state("counselor", [.counselor], language: language, width: width, height: height)
        let first = try XCTUnwrap(s.queue.first)
        var file = try F.openFile(first.student.id)
        file.groupSessions.append(GroupAttendance(id: GroupAttendanceID("ga-1"), session: GroupSessionID("gs-1"), student: file.student.id,
                                                  start: LocalDateTime(F.now.day, TimeOfDay(hour: 15, minute: 30)!),
                                                  end: LocalDateTime(F.now.day, TimeOfDay(hour: 16, minute: 20)!),
                                                  facilitator: StaffID("counselor"), theme: "考前减压", participantCount: 3))
        _ = Update.update(&s, .fileOpened(file))
        // Maximised, so the whole entry shows, not its first words.
        _ = F.press(&s, .character("2"), .character("z"))
        return s
    }

    func testTheChronologyShowsTheSession() throws {
        let s = try fileWithAGroupSession(.zhHans, width: 120, height: 40)
        let name = s.staffName(StaffID("counselor"))
        XCTAssertTrue(F.screen(s).contains("\(F.now.day) 15:30  团体辅导  考前减压 · 15:30–16:20 · 带领 \(name) · 共 3 人"), F.screen(s))
    }

    func testSnapshotsOfTheFormAndTheChronology() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            for (w, h) in [(80, 24), (120, 40)] {
                assertSnapshot(try filledForm(language, width: w, height: h), "group-session-form-\(tag)-\(w)x\(h)")
                assertSnapshot(try fileWithAGroupSession(language, width: w, height: h), "group-session-chronology-\(tag)-\(w)x\(h)")
            }
        }
    }
}
