import Counseling
@testable import Store
import XCTest

/// `[screening]` and `[screening_levels]` of the school file: shown with
/// the published rules, edited, read back; a wrong value named by its line.
final class SchoolFileScreeningTests: XCTestCase {
    let bundled = try! HolidayFile.bundled()

    var base: SchoolSetup {
        SchoolSetup(profile: .unnamed, calendar: HolidayFile.defaultSchoolCalendar(), openingPolicy: .primarySecondary,
                    followUpIntervals: .standard, crisisChecklist: .standard)
    }

    func lines(_ setup: SchoolSetup) -> [String] {
        SchoolFile.render(setup, bundled: bundled).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testTheFileShowsThePublishedRulesAndReadsBackAChangedCutOffAndLevelTable() throws {
        let text = SchoolFile.render(base, bundled: bundled)
        for line in ["phq9_secondary_cut_off = 11", "phq9_cut_off = 10", "phq9_alert_from = 20", "gad7_cut_off = 10",
                     "mht_lie_invalid_from = 7", "mht_scale_high_from = 8", "mht_total_alert_from = 65",
                     "mssmhs_attention_from = 2.0", "mssmhs_alert_from = 3.0", "scl90_total_above = 160",
                     "scl90_positive_items_above = 43", "scl90_factor_from = 2.0",
                     "urgent = [\"红\", \"红色\", \"高危\"]", "none = [\"绿\", \"绿色\", \"正常\", \"无\", \"未见异常\"]"] {
            XCTAssertTrue(text.contains("\n" + line + "\n"), line)
        }
        XCTAssertTrue(text.contains("有的一级最重，有的三级最重"), "the file says the numbered levels differ by platform")
        XCTAssertEqual(try SchoolFile.parse(text), base)

        var edited = base
        edited.screeningRules.phq9SecondaryCutOff = 10
        edited.screeningRules.mssmhsAttentionFrom = 2.5
        edited.screeningRules.levels.alert = ["橙", "三级"]
        edited.screeningRules.levels.attention = ["黄", "关注", "二级", "一级", "需关注"]
        let editedText = SchoolFile.render(edited, bundled: bundled)
        XCTAssertTrue(editedText.contains("\nmssmhs_attention_from = 2.5\n"))
        let read = try SchoolFile.parse(editedText)
        XCTAssertEqual(read, edited)
        XCTAssertEqual(read.changedSections(from: base), [.screeningRules])
        XCTAssertEqual(SchoolFile.diff(from: base, to: read, bundled: bundled), [
            "[screening]", "- phq9_secondary_cut_off = 11", "+ phq9_secondary_cut_off = 10",
            "- mssmhs_attention_from = 2.0", "+ mssmhs_attention_from = 2.5",
            "[screening_levels]", "- alert = [\"橙\", \"橙色\", \"一级\", \"1级\"]", "- attention = [\"黄\", \"黄色\", \"关注\", \"二级\", \"2级\", \"三级\", \"3级\"]",
            "+ alert = [\"橙\", \"三级\"]", "+ attention = [\"黄\", \"关注\", \"二级\", \"一级\", \"需关注\"]",
        ])
    }

    func testEveryRuleReadsBackChanged() throws {
        var edited = base
        edited.screeningRules = ScreeningRules(phq9SecondaryCutOff: 12, phq9CutOff: 9, phq9AlertFrom: 19, gad7CutOff: 9, gad7AlertFrom: 14,
                                               mhtLieInvalidFrom: 8, mhtScaleHighFrom: 9, mhtTotalAlertFrom: 60,
                                               mssmhsAttentionFrom: 2.25, mssmhsAlertFrom: 3.5, scl90TotalAbove: 170,
                                               scl90PositiveItemsAbove: 40, scl90FactorFrom: 2.5,
                                               levels: ScreeningLevelTable(urgent: ["危机"], alert: [], attention: ["异常"], none: []))
        XCTAssertEqual(edited.validate(), [])
        XCTAssertEqual(try SchoolFile.parse(SchoolFile.render(edited, bundled: bundled)), edited)
    }

    func testAFileWithoutTheScreeningPartsOrWithALineLeftOutHasThePublishedRules() throws {
        let kept = lines(base).filter { !$0.hasPrefix("phq9_cut_off") }
        XCTAssertEqual(try SchoolFile.parse(kept.joined(separator: "\n")).screeningRules, .defaults)
        let withoutScreening = SchoolFile.render(base, bundled: bundled).components(separatedBy: "[screening]")[0]
        XCTAssertEqual(try SchoolFile.parse(withoutScreening).screeningRules, .defaults)
        // A whole number is a mean too.
        let whole = lines(base).map { $0 == "mssmhs_alert_from = 3.0" ? "mssmhs_alert_from = 3" : $0 }
        XCTAssertEqual(try SchoolFile.parse(whole.joined(separator: "\n")).screeningRules.mssmhsAlertFrom, 3)
    }

    func testABadRuleIsRefusedWithItsLine() {
        var lines = lines(base)
        func replace(_ old: String, _ new: String) -> Int {
            let index = lines.firstIndex(of: old)!
            lines[index] = new
            return index + 1
        }
        let cutOff = replace("phq9_secondary_cut_off = 11", "phq9_secondary_cut_off = 30")
        let mean = replace("scl90_factor_from = 2.0", "scl90_factor_from = \"two\"")
        let unknown = replace("gad7_alert_from = 15", "gad7_alert_at = 15")
        let twice = replace("none = [\"绿\", \"绿色\", \"正常\", \"无\", \"未见异常\"]", "none = [\"绿\", \"正常\", \"红\"]")
        XCTAssertThrowsError(try SchoolFile.parse(lines.joined(separator: "\n"), file: "school.toml")) {
            let problems = ($0 as? SchoolFile.Problems)?.problems ?? []
            XCTAssertEqual(problems.map(\.line), [cutOff, unknown, mean, twice])
            XCTAssertEqual(problems.map(\.place), ["[screening] · phq9_secondary_cut_off", "[screening] · gad7_alert_at",
                                                   "[screening] · scl90_factor_from", "[screening_levels] · none"])
            XCTAssertEqual(problems.first?.message.zh, "第 \(cutOff) 行（[screening] · phq9_secondary_cut_off）："
                           + "phq9_secondary_cut_off 应是 1 到 27 之间的整数。应写成：phq9_secondary_cut_off = 11（1 到 27）")
            XCTAssertEqual(problems.last?.message.en, "line \(twice) ([screening_levels] · none): \"红\" is already under urgent: "
                           + "a word has one meaning. Write instead: none = [\"绿\", \"正常\", \"无\"]")
        }
    }

    func testAnAlertLineBelowItsCutOffIsRefusedWithItsLine() {
        var lines = lines(base)
        let index = lines.firstIndex(of: "mssmhs_alert_from = 3.0")!
        lines[index] = "mssmhs_alert_from = 1.5"
        XCTAssertThrowsError(try SchoolFile.parse(lines.joined(separator: "\n"))) {
            let problems = ($0 as? SchoolFile.Problems)?.problems ?? []
            XCTAssertEqual(problems.map(\.line), [index + 1])
            XCTAssertEqual(problems.first?.what.zh, "mssmhs_alert_from 低于关注的界值 2，就没有“需关注”这一档了")
        }
    }

    func testAnEmptyLevelTableIsRefused() {
        let emptied = lines(base).map { line in
            ["urgent", "alert", "attention", "none"].contains { line.hasPrefix($0 + " = ") } ? String(line.prefix { $0 != "=" }) + "= []" : line
        }
        XCTAssertThrowsError(try SchoolFile.parse(emptied.joined(separator: "\n"))) {
            let problems = ($0 as? SchoolFile.Problems)?.problems ?? []
            XCTAssertEqual(problems.map(\.place), ["[screening_levels]"])
            XCTAssertEqual(problems.first?.what.en, "the table of warning levels has no word")
        }
    }
}
