import Counseling
import XCTest

/// A platform's own warning level, through the school's table; and the
/// rules' own checks.
final class ScreeningLevelsTests: XCTestCase {
    func score(_ word: String, rules: ScreeningRules = .defaults) -> Result<ScreeningOutcome, ScreeningCellProblems> {
        ScreeningScoring.score(.levels, cells: ["level": word], stage: .senior, rules: rules)
    }

    func testTheDefaultTableMapsThePlatformsWords() throws {
        let expected: [(String, ScreeningResult.Flag, Bool)] = [
            ("红", .alert, true), ("红色", .alert, true), ("高危", .alert, true),
            ("橙", .alert, false), ("一级", .alert, false),
            ("黄", .attention, false), ("关注", .attention, false), ("二级", .attention, false), ("三级", .attention, false),
            ("绿", .none, false), ("正常", .none, false), ("无", .none, false), ("未见异常", .none, false),
            (" 红 ", .alert, true), ("１级", .alert, false),
        ]
        for (word, flag, urgent) in expected {
            let outcome = try score(word).get()
            XCTAssertEqual(outcome.flag, flag, word)
            XCTAssertEqual(outcome.urgent, urgent, word)
            XCTAssertEqual(outcome.scores, [])
        }
        XCTAssertEqual(try score("红").get().reasons.map(\.zh), ["平台预警等级“红”：预警，紧急"])
        XCTAssertEqual(try score("一级").get().reasons.map(\.en), ["platform warning level \"一级\": alert"])
    }

    func testAnUnknownOrBlankWordIsAProblemNamingTheTablesWords() {
        for word in ["紫", ""] {
            guard case .failure(let problems) = score(word) else { return XCTFail("scored \(word)") }
            XCTAssertEqual(problems.problems.map(\.key), ["level"])
            XCTAssertTrue(problems.problems[0].reason.zh.contains("红、红色、高危、橙、橙色、一级"), problems.problems[0].reason.zh)
            XCTAssertTrue(problems.problems[0].reason.en.contains("[screening_levels]"))
        }
    }

    func testASchoolWhosePlatformCountsTheOtherWayMovesTheNumbers() throws {
        var rules = ScreeningRules.defaults
        rules.levels.alert = ["橙", "三级"]
        rules.levels.attention = ["黄", "关注", "二级", "一级"]
        XCTAssertEqual(rules.validate(), [])
        XCTAssertEqual(try score("三级", rules: rules).get().flag, .alert)
        XCTAssertEqual(try score("一级", rules: rules).get().flag, .attention)
    }

    func testTheRulesCheckThemselves() {
        XCTAssertEqual(ScreeningRules.defaults.validate(), [])
        var rules = ScreeningRules.defaults
        rules.phq9SecondaryCutOff = 30
        rules.mssmhsAttentionFrom = .nan
        XCTAssertEqual(rules.validate(), [.outOfRange(.screeningCutOff, lowest: 1, highest: 27),
                                          .outOfRange(.screeningCutOff, lowest: 1, highest: 5)])
        rules = .defaults
        rules.gad7AlertFrom = 8
        XCTAssertEqual(rules.validate(), [.outOfRange(.screeningCutOff, lowest: 10, highest: 21)])
        rules = .defaults
        rules.levels.none.append("Red")
        rules.levels.alert.append("red")
        rules.levels.attention.append("")
        XCTAssertEqual(rules.validate(), [.empty(.platformLevel), .duplicate(.platformLevel)])
        XCTAssertEqual(ScreeningRules(levels: ScreeningLevelTable(urgent: [], alert: [], attention: [], none: [])).validate(),
                       [.empty(.platformLevel)])
    }
}
