import Counseling
import Store
import Terminal
import XCTest
@testable import Workstation

/// Forms that prevent mistakes (issue 16, point 3): the level form changes
/// nothing nobody chose, a reason says something, dates are typed as
/// teachers say them, choices take the start of a word and errors name the
/// field as the form labels it, Tab never wraps round.
final class FormMistakeTests: XCTestCase {
    typealias F = WorkstationFixture

    /// A counselor's screen with the level form open on a level-3 student.
    private func levelForm(_ language: Language = .en, width: Int = 120, height: Int = 40) throws -> (AppState, Student) {
        var s = try F.state("counselor", [.counselor, .admin], language: language, width: width, height: height)
        let target = try XCTUnwrap(s.queue.first { $0.level == .major })
        while s.selectedStudent?.id != target.student.id { _ = F.press(&s, .down) }
        _ = F.press(&s, .character("L"))
        return (s, target.student)
    }

    private func form(_ s: AppState, file: StaticString = #filePath, line: UInt = #line) -> FormModal? {
        guard case .form(let f) = s.modal else { XCTFail("no form", file: file, line: line); return nil }
        return f
    }

    func testTheLevelFormOpensOnTheNewLevelEmptyWithTheCurrentOneShown() throws {
        var (s, student) = try levelForm()
        let f = try XCTUnwrap(form(s))
        XCTAssertEqual(f.purpose, .level(student: student.id, from: .major))
        XCTAssertEqual(f.form.focus, 0, "the cursor starts on the level")
        XCTAssertEqual(f.form.fields.map(\.editor.text), ["", "", ""], "no level, no date chosen for the counselor")
        XCTAssertTrue(f.title.hasSuffix("(watch 3)"), f.title)
        // A quick save with a reason but the level untouched changes nothing.
        let effects = F.press(&s, .tab, .paste("复评后情况稳定"), .function(2))
        XCTAssertEqual(effects, [])
        let refused = try XCTUnwrap(form(s))
        XCTAssertEqual(refused.form.fields[0].error, "Type the new level (now watch 3); Esc leaves it as it is")
        // The current level typed in is no change either, and says so.
        _ = F.press(&s, .up, .paste("3"), .function(2))
        XCTAssertEqual(try XCTUnwrap(form(s)).form.fields[0].error, LevelChangeError.unchanged.message.en)
    }

    func testAOneCharacterReasonIsRefusedInTheForm() throws {
        var (s, _) = try levelForm(.zhHans)
        let effects = F.press(&s, .paste("2"), .tab, .paste("3"), .function(2))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(try XCTUnwrap(form(s)).form.fields[1].error, ValidationError.tooShort(.reason).message.zh)
    }

    func testTheFollowUpDateIsTypedAsTeachersSayIt() throws {
        // Friday 2026-11-20: 下周一 is the 23rd.
        for (typed, due) in [("下周一", "2026-11-23"), ("12月14日", "2026-12-14"), ("12-14", "2026-12-14"),
                             ("明天", "2026-11-21"), ("next monday", "2026-11-23"), ("2026-12-14", "2026-12-14")] {
            var (s, _) = try levelForm()
            _ = F.press(&s, .paste("2"), .tab, .paste("复评后仍需密切关注"), .tab, .paste(typed))
            // Level 3 to 2 is an assessment the store refuses without a closing; the form reads the date first.
            var f = try XCTUnwrap(form(s))
            XCTAssertEqual(f.day(2, .dueDate, .en, today: s.now.day)?.description, due, typed)
        }
        var (s, _) = try levelForm(.zhHans)
        _ = F.press(&s, .paste("2"), .tab, .paste("复评后仍需密切关注"), .tab, .paste("下下下周"), .function(2))
        XCTAssertEqual(try XCTUnwrap(form(s)).form.fields[2].error, "追踪日期无法识别：可写 2026-12-14、12-14、12月14日、明天、下周一")
    }

    func testALevelIsRaisedWithATypedDate() throws {
        var s = try F.state("counselor", [.counselor, .admin])
        let target = try XCTUnwrap(s.queue.first { $0.level == .severe })
        while s.selectedStudent?.id != target.student.id { _ = F.press(&s, .down) }
        let effects = F.press(&s, .character("L"), .paste("三级"), .tab, .paste("自述有具体计划"), .tab, .paste("下周一"), .function(2))
        guard case .execute(.changeLevel(let change, let followUp)) = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual(change.to, .major, "三级 is the start of 三级关注")
        XCTAssertEqual(followUp.due.description, "2026-11-23")
    }

    func testChoicesTakeAUniquePrefixAndErrorsNameTheFieldByItsLabel() throws {
        var zh = try F.state("duty", [.duty], language: .zhHans)
        _ = F.press(&zh, .character("n"), .character("n"))  // logged without checking in
        let label = try XCTUnwrap(form(zh)).form.fields[0].label
        XCTAssertEqual(label, "渠道")
        var typed = zh
        _ = F.press(&typed, .backspace, .paste("直接"), .tab, .paste("学"), .tab, .paste("来坐了一会儿"))
        guard case .execute(.logVisit(let visit)) = F.press(&typed, .function(2)).last else { return XCTFail("not saved") }
        XCTAssertEqual(visit.channel, .walkIn)
        XCTAssertEqual(visit.reasons, [.study])
        _ = F.press(&zh, .backspace, .paste("信件"), .tab, .paste("1"), .function(2))
        let error = try XCTUnwrap(try XCTUnwrap(form(zh)).form.fields[0].error)
        XCTAssertTrue(error.hasPrefix("渠道无法识别"), error)
        XCTAssertFalse(error.contains("方式"), "the field's own label, not the domain's word")
        XCTAssertTrue(error.contains("如“直接”"), error)
        // Too short a start names the candidates.
        var (s, _) = try levelForm()
        _ = F.press(&s, .paste("watch"), .tab, .paste("risk stays high"), .function(2))
        XCTAssertEqual(try XCTUnwrap(form(s)).form.fields[0].error,
                       "New level could be watch 1, watch 2, watch 3: type more of it, or its number")
    }

    func testTabGoesTopToBottomAndStopsAtTheEnds() throws {
        var (s, _) = try levelForm()
        _ = F.press(&s, .up)
        XCTAssertEqual(try XCTUnwrap(form(s)).form.focus, 0)
        _ = F.press(&s, .tab, .tab, .tab, .tab)
        XCTAssertEqual(try XCTUnwrap(form(s)).form.focus, 2, "Tab stops at the last field")
        _ = F.press(&s, .backTab)
        XCTAssertEqual(try XCTUnwrap(form(s)).form.focus, 1)
    }

    /// A decision is 1 or 2: a typo no longer confirms a screening proposal.
    func testAProposalDecisionOtherThanOneOrTwoDecidesNothing() throws {
        let pending = try XCTUnwrap(try F.store().openRecords(ScreeningProposal.self).first)
        var s = try F.state("counselor", [.counselor, .admin])
        _ = Update.update(&s, .fileOpened(try F.openFile(pending.student)))
        _ = F.press(&s, .character("2"), .character("p"))  // in the file pane
        _ = F.press(&s, .up, .up, .backspace, .paste("3"), .tab, .tab, .paste("面谈后确认"))
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(try XCTUnwrap(form(s)).form.fields[0].error, S.oneOrTwo.en)
        _ = F.press(&s, .up, .up, .backspace, .paste("1"))
        guard case .execute(.decideProposal(let decided, _, _)) = F.press(&s, .function(2)).last else { return XCTFail("not sent") }
        XCTAssertEqual(decided.status, .confirmed)
    }

    /// The help says which seed each set of words comes from.
    func testTheHelpTellsLevelsFromCrisisCategories() throws {
        for language in [Language.zhHans, .en] {
            var s = try F.state("counselor", [.counselor, .admin], language: language, width: 80, height: 24)
            _ = F.press(&s, .character("?"))
            let screen = Render.frame(s).lines().joined(separator: "\n")
            for line in S.levelGlossary { XCTAssertTrue(screen.contains(line.text(language)), line.text(language)) }
        }
    }

    func testSnapshotsInBothLanguagesAndSizes() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            for (width, height) in [(80, 24), (120, 40)] {
                let size = "\(width)x\(height)"
                var (s, _) = try levelForm(language, width: width, height: height)
                assertSnapshot(s, "level-form-major-\(tag)-\(size)")
                _ = F.press(&s, .tab, .paste("3"), .function(2))
                assertSnapshot(s, "level-form-untouched-\(tag)-\(size)")
                var duty = try F.state("duty", [.duty], language: language, width: width, height: height)
                _ = F.press(&duty, .character("n"), .backspace, .paste("letter"), .tab, .paste("1"), .function(2))
                assertSnapshot(duty, "visit-form-channel-error-\(tag)-\(size)")
            }
        }
    }
}
