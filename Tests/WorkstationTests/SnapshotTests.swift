import Counseling
import Foundation
import GRDB
@testable import Store
import Terminal
import Vault
import XCTest
@testable import Workstation

/// Text snapshots of every pane, per role, in Chinese and English, at
/// 80×24 and 120×40. Record with XINDESK_RECORD_SNAPSHOTS=1 and read the
/// diff before committing.
final class SnapshotTests: XCTestCase {
    typealias F = WorkstationFixture

    func testEveryRoleInBothLanguagesAtBothSizes() throws {
        let roles: [(String, Set<Role>)] = [("duty", [.duty]), ("counselor", [.counselor, .admin]), ("head", [.head])]
        for (account, set) in roles {
            for language in [Language.zhHans, .en] {
                for (w, h) in [(80, 24), (120, 40)] {
                    var s = try F.state(account, set, language: language, width: w, height: h)
                    let tag = "\(account)-\(language == .en ? "en" : "zh")-\(w)x\(h)"
                    if account == "counselor", let first = s.queue.first {
                        _ = Update.update(&s, .fileOpened(try F.openFile(first.student.id)))
                    }
                    assertSnapshot(s, "main-" + tag)
                    for pane in [CommandID.pane2, .pane3, .pane4] {
                        var m = s
                        _ = Update.perform(&m, pane)
                        _ = Update.perform(&m, .maximize)
                        assertSnapshot(m, "pane\(m.pane.rawValue + 1)-" + tag)
                    }
                }
            }
        }
    }

    /// A school just made with `init`: the checklist opens on the first load.
    func testSetupChecklistOfANewSchoolInBothLanguages() throws {
        for language in [Language.zhHans, .en] {
            var s = AppState(language: language, accounts: ["wang"], now: F.now, wall: F.wall)
            s.width = 80
            s.height = 24
            _ = Update.update(&s, .unlocked(account: "wang", roles: [.head, .admin]))
            var snap = Snapshot()
            snap.setup = SetupFacts(schoolFileApplied: false, accounts: [.head: 1, .admin: 1], students: 0, upcomingShifts: 0)
            _ = Update.update(&s, .loaded(snap))
            XCTAssertEqual(s.modal, .setup)
            assertSnapshot(s, "setup-checklist-\(language == .en ? "en" : "zh")-80x24")
            _ = Update.update(&s, .key(.escape, at: F.wall))
            XCTAssertNil(s.modal, "any key closes it")
            _ = Update.update(&s, .loaded(snap))
            XCTAssertEqual(s.modal, .setup, "and it is back at the next unlock while the school has no students")
        }
        // A duty teacher's load carries no setup facts: nothing opens.
        var duty = try F.state("duty", [.duty], language: .zhHans, width: 80, height: 24)
        _ = Update.update(&duty, .loaded(Snapshot()))
        XCTAssertNil(duty.modal)
    }

    func testUnlockScreenAndFormsInBothLanguages() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            var unlock = AppState(language: language, accounts: ["counselor", "duty", "head"], now: F.now, wall: F.wall)
            _ = Update.update(&unlock, .key(.character("s"), at: F.wall))
            assertSnapshot(unlock, "unlock-\(tag)-80x24")
            // A message that says what to do wraps instead of stopping mid-sentence.
            var waiting = AppState(language: language, accounts: ["it", "li"], now: F.now, wall: F.wall)
            waiting.unlockMessage = VaultError.grantPending(account: "li").message.text(language)
            assertSnapshot(waiting, "unlock-waiting-\(tag)-80x24")
            var duty = try F.state("duty", [.duty], language: language, width: 80, height: 24)
            // Nobody is checked in: `n` at the question opens the form without.
            _ = F.press(&duty, .character("n"), .character("n"))
            assertSnapshot(duty, "visit-form-\(tag)-80x24")
            var counselor = try F.state("counselor", [.counselor, .admin], language: language, width: 120, height: 40)
            _ = F.press(&counselor, .character("L"))
            assertSnapshot(counselor, "level-form-\(tag)-120x40")
            _ = F.press(&counselor, .escape, .character("?"))
            assertSnapshot(counselor, "help-\(tag)-120x40")
            var small = try F.state("counselor", [.counselor, .admin], language: language, width: 80, height: 24)
            _ = F.press(&small, .character("?"))
            assertSnapshot(small, "help-\(tag)-80x24")
            _ = F.press(&counselor, .escape)
            let first = try XCTUnwrap(counselor.queue.first)
            _ = Update.update(&counselor, .fileOpened(try F.openFile(first.student.id)))
            _ = F.press(&counselor, .character("e"), .paste(String(repeating: "学生自述近期压力大，晚上入睡困难。", count: 4)), .enter, .paste("Plan: 下周三复谈"))
            assertSnapshot(counselor, "note-editor-\(tag)-120x40")
        }
    }

    /// The record forms at the tightest size, where clipping would show first.
    func testRecordFormsPaletteAndQuestionsInBothLanguages() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            var counselor = try F.state("counselor", [.counselor, .admin], language: language, width: 80, height: 24)
            let first = try XCTUnwrap(counselor.queue.first)
            var file = try F.openFile(first.student.id)
            file.plans = []
            file.guardianContacts = []
            _ = Update.update(&counselor, .fileOpened(file))
            for (key, name) in [("P", "plan"), ("g", "guardian-contact"), ("r", "referral")] {
                var m = counselor
                _ = F.press(&m, .character(Character(key)))
                assertSnapshot(m, "\(name)-form-\(tag)-80x24")
            }
            var closing = counselor
            _ = F.press(&closing, .character("C"), .paste(language == .en ? "Stable for six weeks" : "连续六周情绪稳定"), .function(2))
            assertSnapshot(closing, "closing-request-problems-\(tag)-80x24")
            _ = F.press(&closing, .escape)
            assertSnapshot(closing, "confirm-discard-\(tag)-80x24")

            var head = try F.state("head", [.head], language: language, width: 80, height: 24)
            // The reason as a head's session holds it: sealed for counselors.
            head.pendingClosings = [CaseClosing(id: CaseClosingID("c1"), student: head.students[3].id, author: StaffID("counselor"),
                                                requestedAt: F.now, reason: SealedText.seal("连续六周情绪稳定，医院复诊结论正常", try F.store().keys),
                                                newLevel: .general)]
            var decision = head
            _ = F.press(&decision, .character("A"))
            assertSnapshot(decision, "closing-decision-\(tag)-80x24")
            _ = F.press(&head, .function(8))
            assertSnapshot(head, "export-form-\(tag)-80x24")
            var printing = try F.state("counselor", [.counselor], language: language, width: 80, height: 24)
            _ = F.press(&printing, .character(":"))
            _ = F.type(&printing, language == .en ? "print: visit" : "来访登记表")
            _ = F.press(&printing, .enter)
            assertSnapshot(printing, "print-form-\(tag)-80x24")

            var duty = try F.state("duty", [.duty], language: language, width: 80, height: 24)
            var palette = duty
            _ = F.press(&palette, .character(":"))
            assertSnapshot(palette, "palette-duty-\(tag)-80x24")
            _ = F.press(&duty, .function(7), .character("h"))
            assertSnapshot(duty, "handover-form-\(tag)-80x24")
        }
    }

    /// A counselor's main screen while escalated visits wait, at both sizes.
    func testEscalationsWaitingAboveTheQueueInBothLanguages() throws {
        for language in [Language.zhHans, .en] {
            for (width, height) in [(80, 24), (120, 40)] {
                var s = try F.state("counselor", [.counselor], language: language, width: width, height: height)
                s.escalations = [s.students[1], s.students[2], s.students[3]].map { st in
                    Visit(id: VisitID("v-\(st.number)"), student: st.id, loggedBy: StaffID("duty"), channel: .walkIn, start: F.now,
                          reasons: [.selfHarmThoughts], brief: "", followUpNeeded: true, escalatedTo: StaffID("counselor"))
                }
                assertSnapshot(s, "escalations-counselor-\(language == .en ? "en" : "zh")-\(width)x\(height)")
            }
        }
    }

    /// Issue 15, points 6 and 7: the head's explanation form, the correction
    /// form, and the compliance view after both (an explanation beside its
    /// violation, the corrected check-in counted), at 80×24 in both languages.
    func testExplainAndCorrectFormsAndTheViewAfterInBothLanguages() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            let store = try Store(writer: DatabaseQueue(), timeZone: F.zone, keys: .ephemeral())
            try store.saveDemo(DemoSchool.generate(students: 300, seed: 11, now: F.now, calendar: try HolidayFile.bundledCalendar()),
                               by: DemoSchool.counselorID, at: F.now)
            let head = try Store(writer: store.writer, timeZone: F.zone, accounts: store.accounts,
                                 keys: store.keys.limited(to: [.oversight], account: "head"))
            func reload() throws -> Snapshot { try Snapshot.load(from: head, roles: [.head], now: F.now) }
            func save(_ effects: [Effect], _ s: inout AppState) throws {
                guard case .execute(let command) = effects.last else { return XCTFail("no command: \(effects)") }
                try head.execute(command, as: F.account("head"), at: F.now)
                _ = Update.update(&s, .saved("", try reload(), nil))
            }
            var s = AppState(language: language, accounts: ["counselor", "duty", "head"], now: F.now, wall: F.wall)
            _ = Update.update(&s, .unlocked(account: "head", roles: [.head]))
            _ = Update.update(&s, .loaded(try reload()))
            _ = F.press(&s, .character("2"), .character("z"), .character("j"))
            let chosen = try XCTUnwrap(s.selectedViolation)
            _ = F.press(&s, .character("a"))
            assertSnapshot(s, "explain-form-\(tag)-80x24")
            let explained = F.press(&s, .paste(language == .en ? "School closed (flu)" : "全校停课（流感）"), .function(2))
            guard case .execute(.explainViolation(let note, basedOn: nil)) = explained.last else { return XCTFail("\(explained)") }
            XCTAssertEqual(note.id.rawValue, chosen.key)
            try save(explained, &s)
            XCTAssertEqual(s.selectedViolation, chosen, "the selection stays on the violation explained")
            assertSnapshot(s, "compliance-explained-\(tag)-80x24")

            // The newest violation, a gap on 10-30: that day's one check-in.
            _ = F.press(&s, .character("k"), .character("i"))
            assertSnapshot(s, "correct-form-\(tag)-80x24")
            _ = F.press(&s, .backspace, .backspace, .backspace, .backspace, .backspace)
            _ = F.press(&s, .paste("13:40"), .tab, .paste(language == .en ? "as in the duty log" : "按值班登记本"))
            try save(F.press(&s, .function(2)), &s)
            let corrected = try XCTUnwrap(s.compliance?.amendedCheckIns.first)
            XCTAssertEqual(s.compliance?.amendedCheckIns.count, 1)
            XCTAssertEqual(corrected.amendment?.kind, .corrected)
            // The check-in time was left as shown: kept to the second.
            XCTAssertEqual(corrected.checkIn, corrected.amendment?.originalCheckIn)
            XCTAssertEqual(corrected.checkOut?.time, TimeOfDay(hour: 13, minute: 40))
            assertSnapshot(s, "compliance-corrected-\(tag)-80x24")
        }
    }

    /// The compliance pane of a school that started using xindesk late and
    /// whose calendar ends: the notes come before the figures; with no
    /// school day to show, they are all the pane shows.
    func testComplianceNotesInBothLanguages() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            var s = try F.state("head", [.head], language: language, width: 80, height: 24)
            _ = Update.perform(&s, .pane2)
            _ = Update.perform(&s, .maximize)
            s.compliance?.start = ComplianceStart(day: Day(year: 2026, month: 9, day: 1)!, reason: .firstRecord)
            s.compliance?.calendarGaps = [CalendarGap(first: Day(year: 2027, month: 1, day: 23)!,
                                                      last: Day(year: 2027, month: 1, day: 31)!, reason: .outsideTerms)]
            assertSnapshot(s, "pane2-notes-head-\(tag)-80x24")
            s.compliance?.days = []
            s.compliance?.weeks = []
            s.compliance?.violations = []
            s.compliance?.start = ComplianceStart(day: Day(year: 2026, month: 11, day: 20)!, reason: .nothingRecorded)
            assertSnapshot(s, "pane2-new-school-head-\(tag)-80x24")
        }
    }
}
