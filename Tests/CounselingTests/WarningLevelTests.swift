import Counseling
import XCTest

final class WarningLevelTests: XCTestCase {
    let pupil = StudentID("student-1")
    let moment = at(day(2026, 9, 15), 15, 0)

    func testLevelsTwoAndThreeAreKeyAttention() {
        XCTAssertEqual(WarningLevel.allCases.map(\.isKeyAttention), [false, false, true, true])
        XCTAssertEqual(WarningLevel.allCases.map(\.number), [0, 1, 2, 3])
        XCTAssertEqual(WarningLevel.allCases.map(\.displayName.zh), ["无", "一级关注", "二级关注", "三级关注"])
        XCTAssertEqual(WarningLevel.allCases.map(\.displayName.en), ["none", "watch 1", "watch 2", "watch 3"])
        XCTAssertTrue(WarningLevel.major > .severe)
    }

    func testLevelParsesNumbersAndCategoryWordsButNotAmbiguousGrades() throws {
        XCTAssertEqual(try WarningLevel.parse("3"), .major)
        XCTAssertEqual(try WarningLevel.parse("严重心理危机"), .severe)
        XCTAssertEqual(try WarningLevel.parse("General"), .general)
        XCTAssertEqual(try WarningLevel.parse("三级关注"), .major)
        XCTAssertEqual(try WarningLevel.parse("重大"), .major, "the category word of 001 reads as its level")
        XCTAssertThrowsError(try WarningLevel.parse("一级"), "an import takes whole words only")
    }

    /// The level names are not the crisis-category words (一般/严重/重大)
    /// the crisis checklist assesses, in either language.
    func testLevelNamesAreNotTheCrisisCategoryWords() {
        let assess = CrisisChecklist.standard.steps.first { $0.id == "assess-level" }!.title
        for level in WarningLevel.allCases where level != .none {
            for word in ["一般", "严重", "重大"] { XCTAssertFalse(level.displayName.zh.contains(word)) }
            for word in ["general", "severe", "major"] { XCTAssertFalse(level.displayName.en.contains(word)) }
            XCTAssertFalse(assess.zh.contains(level.displayName.zh))
            XCTAssertFalse(assess.en.contains(level.displayName.en))
        }
        XCTAssertTrue(assess.zh.contains("类别") && assess.en.contains("category"))
    }

    /// A form takes the start of a name in either language; too short a
    /// start names several levels and decides nothing.
    func testAPrefixNamesOneLevelOrSeveral() {
        XCTAssertEqual(WarningLevel.matching(prefix: "三级"), [.major])
        XCTAssertEqual(WarningLevel.matching(prefix: "watch 2"), [.severe])
        XCTAssertEqual(WarningLevel.matching(prefix: "sev"), [.severe])
        XCTAssertEqual(WarningLevel.matching(prefix: "watch"), [.general, .severe, .major])
        XCTAssertEqual(WarningLevel.matching(prefix: "四级"), [])
        XCTAssertEqual(Visit.Channel.matching(prefix: "直接"), [.walkIn])
    }

    func testLevelChangeWithoutReasonIsRejected() {
        XCTAssertThrowsError(try LevelChange.make(id: LevelChangeID("l-1"), student: pupil, from: .none, to: .severe,
                                                  by: counselor, at: moment, reason: "  ")) { error in
            XCTAssertEqual(error as? LevelChangeError, .reasonMissing)
            XCTAssertEqual((error as? LevelChangeError)?.message.zh, "调整预警等级必须填写原因")
            XCTAssertEqual((error as? LevelChangeError)?.message.en, "A level change needs a reason")
        }
    }

    func testLevelChangeCarriesWhoWhenAndWhy() throws {
        let change = try LevelChange.make(id: LevelChangeID("l-1"), student: pupil, from: .general, to: .major,
                                          by: counselor, at: moment, reason: "面谈中表达强烈轻生念头")
        XCTAssertEqual(change.by, counselor)
        XCTAssertEqual(change.at, moment)
        XCTAssertEqual(change.reason, "面谈中表达强烈轻生念头")
        XCTAssertEqual(change.source, .assessment)
        XCTAssertEqual(try roundTrip(change).decoded, change)
    }

    func testUnchangedLevelIsNoChange() {
        XCTAssertThrowsError(try LevelChange.make(id: LevelChangeID("l-1"), student: pupil, from: .severe, to: .severe,
                                                  by: counselor, at: moment, reason: "复评")) {
            XCTAssertEqual($0 as? LevelChangeError, .unchanged)
        }
    }

    func testLeavingKeyAttentionNeedsACaseClosing() throws {
        XCTAssertThrowsError(try LevelChange.make(id: LevelChangeID("l-1"), student: pupil, from: .severe, to: .general,
                                                  by: counselor, at: moment, reason: "情况好转")) {
            XCTAssertEqual($0 as? LevelChangeError, .closingRequired)
        }
        // Between key levels, and into key attention, an assessment is enough.
        XCTAssertNoThrow(try LevelChange.make(id: LevelChangeID("l-2"), student: pupil, from: .major, to: .severe,
                                              by: counselor, at: moment, reason: "危机解除，仍需密切关注"))
        XCTAssertNoThrow(try LevelChange.make(id: LevelChangeID("l-3"), student: pupil, from: .severe, to: .none,
                                              by: head, at: moment, reason: "销号",
                                              source: .caseClosing(CaseClosingID("close-1"))))
    }

    func testReasonWithEscapeSequenceIsRejected() {
        XCTAssertThrowsError(try LevelChange.make(id: LevelChangeID("l-1"), student: pupil, from: .none, to: .general,
                                                  by: counselor, at: moment, reason: "ok\u{1B}]0;x\u{07}")) {
            XCTAssertEqual($0 as? LevelChangeError, .invalidReason(.controlCharacters(.reason)))
        }
    }

    func testCurrentLevelIsTheLatestChange() {
        let changes = [
            levelChange("l-2", pupil, .severe, .major, at(day(2026, 9, 20), 9, 0)),
            levelChange("l-1", pupil, .none, .severe, at(day(2026, 9, 15), 9, 0)),
        ]
        XCTAssertEqual(WarningLevel.current(from: changes), .major)
        XCTAssertEqual(WarningLevel.current(from: []), .none)
    }
}
