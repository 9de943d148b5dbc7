import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// The message line of its own above the key hints: a message answers the
/// last key and goes at the next; an urgent instruction stays until Esc;
/// hints, hotlines and checklist steps are never cut mid-word or mid-number.
final class MessageLineTests: XCTestCase {
    typealias F = WorkstationFixture

    private func rows(_ s: AppState) -> [String] { Render.frame(s).lines() }

    func testAMessageStaysUntilTheNextKeyAndNeverCoversTheHints() throws {
        var s = try F.state("duty", [.duty], language: .zhHans, width: 80, height: 24)
        _ = Update.update(&s, .saved(S.visitSaved.text(.zhHans), Snapshot(), nil))
        let hintsBefore = try XCTUnwrap(rows(s).last)
        XCTAssertTrue(rows(s)[s.height - 2].contains("来访已登记。"), rows(s).joined(separator: "\n"))
        XCTAssertTrue(hintsBefore.contains("F2/n 登记来访") && hintsBefore.contains("F1/? 帮助"), hintsBefore)
        _ = F.press(&s, .down)
        XCTAssertEqual(s.message, "")
        XCTAssertFalse(rows(s).joined().contains("来访已登记。"))
    }

    func testAnUrgentInstructionStaysThroughOtherKeysUntilEscAndWrapsWhole() throws {
        for language in [Language.zhHans, .en] {
            for (w, h) in [(80, 24), (120, 40)] {
                var s = try F.state("duty", [.duty], language: language, width: w, height: h)
                let instruction = S.visitEscalated.format(language, "李心怡")
                _ = Update.update(&s, .urgent(instruction))
                let tag = "\(language == .en ? "en" : "zh")-\(w)x\(h)"
                assertSnapshot(s, "message-urgent-\(tag)")
                // Every word of it is on screen, across its wrapped lines.
                let shown = rows(s).dropLast().suffix(3).joined().filter { !$0.isWhitespace }
                XCTAssertTrue(shown.contains(instruction.filter { !$0.isWhitespace }), rows(s).joined(separator: "\n"))
                _ = F.press(&s, .down, .character("3"), .character("1"))
                XCTAssertEqual(s.urgent, instruction, "other keys leave it")
                _ = F.press(&s, .character("/"))
                _ = F.press(&s, .escape)
                XCTAssertEqual(s.urgent, instruction, "Esc leaves the search first")
                // The answer to a later key shows above it; neither hides the other.
                _ = Update.update(&s, .saved(S.checkedOut.text(language), Snapshot(), nil))
                let bottom = rows(s).dropLast().suffix(4).joined(separator: "\n")
                XCTAssertTrue(bottom.contains(S.checkedOut.text(language)) && bottom.contains(S.acknowledge.text(language)), bottom)
                _ = F.press(&s, .escape)
                XCTAssertEqual(s.urgent, "", "then Esc acknowledges it")
            }
        }
    }

    func testEscalatedVisitsAndHandOversAreUrgentOtherSavesAreNot() {
        var escalated = CommandOutcome()
        escalated.routedTo = StaffID("li")
        let visit = Visit(id: VisitID("v"), student: nil, loggedBy: StaffID("duty"), channel: .walkIn, start: F.now,
                          reasons: [.selfHarmThoughts], brief: "")
        XCTAssertTrue(CommandMessages.isUrgent(.logVisit(visit), escalated))
        XCTAssertFalse(CommandMessages.isUrgent(.logVisit(visit), CommandOutcome()))
        XCTAssertTrue(CommandMessages.isUrgent(.handOverCrisis(CrisisRunID("r"), to: nil, note: ""), CommandOutcome()))
        XCTAssertFalse(CommandMessages.isUrgent(.removeDraft, CommandOutcome()))
    }

    func testHintsShowWholeWithHelpAlwaysLast() throws {
        for language in [Language.zhHans, .en] {
            let s = try F.state("counselor", [.counselor, .admin], language: language, width: 80, height: 24)
            let hints = try XCTUnwrap(rows(s).last).trimmingCharacters(in: .whitespaces)
            XCTAssertTrue(hints.hasSuffix("F1/? " + Command.command(.help).shortText(language)), hints)
            for hint in Command.hints(s) where hints.contains(hint.key + " ") {
                XCTAssertTrue(hints.contains(hint.key + " " + hint.label), "\(hint) is cut in: \(hints)")
            }
        }
    }

    func testStepsAreShortenedAtAClauseAndHotlineNumbersStayWhole() throws {
        XCTAssertEqual(TextWidth.abbreviate("重大危机：拨打 120／110，联系合作医院", to: 24), "重大危机：拨打…", "never 120／1…")
        XCTAssertEqual(TextWidth.abbreviate("重大危机：拨打 120／110，联系合作医院", to: 27), "重大危机：拨打 120／110…", "the clause's comma goes with the rest")
        XCTAssertEqual(TextWidth.abbreviate("Call 120 now", to: 8), "Call…")
        XCTAssertEqual(TextWidth.abbreviate("短", to: 8), "短")
        XCTAssertEqual(TextWidth.abbreviate("评估心理危机类别（一般／严重／重大）", to: 24), "评估心理危机类别…", "before the parenthesis")
        XCTAssertEqual(TextWidth.abbreviate("确保学生安全不让学生独处", to: 12), "确保学生安…", "no clause: cut as any text")
        let packed = TextWidth.pack(["12356 全国统一心理援助热线", "12355 青少年服务台"], lead: "求助热线：", separator: " · ", width: 40, lines: 2)
        XCTAssertEqual(packed, ["求助热线：12356 全国统一心理援助热线", "12355 青少年服务台"])
        for language in [Language.zhHans, .en] {
            for (w, h) in [(80, 24), (120, 40)] {
                let s = try F.state("duty", [.duty], language: language, width: w, height: h)
                // Every number from the hotline lead down is a whole hotline number, and every hotline shows.
                let area = try XCTUnwrap(Render.innerArea(.crisis, s))
                let frame = Render.frame(s)
                let bottom = (area.y..<area.maxY).map { y in (area.x..<area.maxX).map { frame[$0, y] }.filter { !$0.isContinuation }.map(\.symbol).joined() }
                let lead = try XCTUnwrap(bottom.firstIndex { $0.contains(S.hotlines.text(language)) }, "\(bottom)")
                let numbers = bottom[lead...].joined(separator: " ").split(whereSeparator: { !$0.isNumber }).map(String.init).filter { $0.count >= 3 }
                XCTAssertEqual(Set(numbers), Set(s.checklist.hotlines.map(\.number)), "\(bottom)")
            }
        }
    }
}
