import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// Screening proposals reach the counselor's queue: an urgent one (a PHQ-9
/// item 9 answer) like an escalation, the rest counted; `S` opens the file
/// of the next to decide, urgent first.
final class ProposalQueueTests: XCTestCase {
    typealias F = WorkstationFixture

    /// The demo's pending proposals, the first made urgent.
    func state(_ language: Language, width: Int, height: Int) throws -> AppState {
        var s = try F.state("counselor", [.counselor], language: language, width: width, height: height)
        XCTAssertGreaterThan(s.proposals.count, 1, "the demo leaves proposals to decide")
        s.proposals[0].urgent = true
        return s
    }

    func testAnUrgentProposalShowsAboveTheQueueAndSOpensItsStudentsFile() throws {
        var s = try state(.zhHans, width: 120, height: 40)
        let urgent = s.proposals[0]
        let screen = F.screen(s)
        XCTAssertTrue(screen.contains("⚠ 紧急测评（S 打开）\(s.studentName(urgent.student))"), screen)
        XCTAssertTrue(screen.contains("待处理测评建议 \(s.proposals.count - 1) 条"), screen)
        XCTAssertEqual(F.press(&s, .character("S")), [.openFile(urgent.student)])
        s.proposals = []
        _ = F.press(&s, .character("S"))
        XCTAssertFalse(Command.hints(s).contains { $0.key == "S" }, "nothing to decide: S is not offered")
    }

    func testADutyTeacherAndAHeadLoadNoProposal() throws {
        XCTAssertEqual(try F.state("duty", [.duty]).proposals, [])
        XCTAssertEqual(try F.state("head", [.head]).proposals, [])
    }

    func testSnapshotsInBothLanguagesAtBothSizes() throws {
        for language in [Language.zhHans, .en] {
            for (width, height) in [(80, 24), (120, 40)] {
                let s = try state(language, width: width, height: height)
                assertSnapshot(s, "proposals-urgent-\(language == .en ? "en" : "zh")-\(width)x\(height)")
            }
        }
    }

    /// The decision form says what the result found before asking, and
    /// starts with no decision: a quick save decides nothing.
    func testTheDecisionFormShowsTheFindingAndStartsUndecided() throws {
        for language in [Language.zhHans, .en] {
            for (width, height) in [(80, 24), (120, 40)] {
                var s = try F.state("counselor", [.counselor], language: language, width: width, height: height)
                let pending = try XCTUnwrap(s.proposals.first)
                let file = try F.openFile(pending.student)
                let result = try XCTUnwrap(file.screeningResults.first { $0.id == pending.result })
                _ = Update.update(&s, .fileOpened(file))
                _ = F.press(&s, .character("2"), .character("p"))
                guard case .form(let form) = s.modal else { return XCTFail("no decision form") }
                XCTAssertEqual(form.form.fields[0].editor.text, "")
                XCTAssertTrue(form.hint.hasPrefix(ScreeningText.summary(result, language)), form.hint)
                XCTAssertEqual(F.press(&s, .function(2)), [], "no decision, nothing saved")
                assertSnapshot(s, "proposal-form-\(language == .en ? "en" : "zh")-\(width)x\(height)")
            }
        }
    }
}
