import Counseling
import XCTest

/// PHQ-9 (PHQ-A) and GAD-7 scored from the answers, at every edge the
/// published bands and cut-offs have (hand-computed totals).
final class ScreeningItemScoringTests: XCTestCase {
    /// Answers summing to `total`, filled from item 1 with 3s, and item 9
    /// (or the last item) answered `last`.
    func answers(total: Int, count: Int = 9, last: Int = 0) -> [String: String] {
        var left = total - last
        var cells: [String: String] = [:]
        for n in 1..<count {
            let answer = min(3, left)
            cells["item\(n)"] = String(answer)
            left -= answer
        }
        precondition(left == 0, "total \(total) does not fit")
        cells["item\(count)"] = String(last)
        return cells
    }

    func outcome(_ instrument: ScreeningInstrument, _ cells: [String: String], stage: SchoolStage = .junior,
                 rules: ScreeningRules = .defaults, file: StaticString = #filePath, line: UInt = #line) -> ScreeningOutcome? {
        switch ScreeningScoring.score(instrument, cells: cells, stage: stage, rules: rules) {
        case .success(let outcome): return outcome
        case .failure(let problems):
            XCTFail("problems: \(problems)", file: file, line: line)
            return nil
        }
    }

    func problems(_ instrument: ScreeningInstrument, _ cells: [String: String]) -> [ScreeningCellProblem] {
        if case .failure(let problems) = ScreeningScoring.score(instrument, cells: cells, stage: .junior, rules: .defaults) {
            return problems.problems
        }
        XCTFail("scored")
        return []
    }

    func total(_ outcome: ScreeningOutcome?) -> Double? {
        outcome?.scores.first { $0.scale == "总分" }?.value
    }

    func testPHQ9BandEdges() {
        // (total, stage, flag, the reason's band and rule)
        let cases: [(Int, SchoolStage, ScreeningResult.Flag, String)] = [
            (4, .junior, .none, "PHQ-9 总分 4（无或极轻），低于中学生界值 11"),
            (5, .junior, .none, "PHQ-9 总分 5（轻度），低于中学生界值 11"),
            (9, .primary, .none, "PHQ-9 总分 9（轻度），低于界值 10"),
            (10, .primary, .attention, "PHQ-9 总分 10（中度），达到界值 10"),
            (10, .junior, .none, "PHQ-9 总分 10（中度），低于中学生界值 11"),
            (10, .senior, .none, "PHQ-9 总分 10（中度），低于中学生界值 11"),
            (11, .senior, .attention, "PHQ-9 总分 11（中度），达到中学生界值 11"),
            (11, .vocational, .attention, "PHQ-9 总分 11（中度），达到中学生界值 11"),
            (10, .university, .attention, "PHQ-9 总分 10（中度），达到界值 10"),
            (14, .junior, .attention, "PHQ-9 总分 14（中度），达到中学生界值 11"),
            (15, .junior, .attention, "PHQ-9 总分 15（中重度），达到中学生界值 11"),
            (19, .junior, .attention, "PHQ-9 总分 19（中重度），达到中学生界值 11"),
            (20, .junior, .alert, "PHQ-9 总分 20（重度），达到预警分 20"),
            (24, .primary, .alert, "PHQ-9 总分 24（重度），达到预警分 20"),
        ]
        for (sum, stage, flag, reason) in cases {
            let result = outcome(.phq9, answers(total: sum), stage: stage)
            XCTAssertEqual(total(result), Double(sum))
            XCTAssertEqual(result?.flag, flag, "\(sum) \(stage)")
            XCTAssertEqual(result?.reasons.map(\.zh), [reason])
            XCTAssertEqual(result?.urgent, false)
            XCTAssertNil(result?.invalid)
        }
        XCTAssertEqual(outcome(.phq9, answers(total: 14))?.reasons.first?.en,
                       "PHQ-9 total 14 (moderate), at or above the secondary-school cut-off 11")
    }

    func testAnyItem9AnswerIsUrgentWhateverTheTotal() {
        let result = outcome(.phq9, answers(total: 3, last: 1), stage: .primary)
        XCTAssertEqual(total(result), 3)
        XCTAssertEqual(result?.flag, .attention)
        XCTAssertEqual(result?.urgent, true)
        XCTAssertEqual(result?.reasons.map(\.zh), ["PHQ-9 总分 3（无或极轻），低于界值 10", "第 9 题（自伤念头）答 1"])
        XCTAssertEqual(result?.reasons.last?.en, "item 9 (thoughts of self-harm) answered 1")
        XCTAssertEqual(result?.scores.first { $0.scale == "第9题" }?.value, 1)
        // An alert stays an alert, and is urgent too.
        let severe = outcome(.phq9, answers(total: 22, last: 2))
        XCTAssertEqual(severe?.flag, .alert)
        XCTAssertEqual(severe?.urgent, true)
        // Item 9 answered 0 is not urgent.
        XCTAssertEqual(outcome(.phq9, answers(total: 24, last: 0))?.urgent, false)
    }

    func testGAD7BandEdges() {
        let cases: [(Int, ScreeningResult.Flag, String)] = [
            (4, .none, "GAD-7 总分 4（无或极轻），低于界值 10"),
            (5, .none, "GAD-7 总分 5（轻度），低于界值 10"),
            (9, .none, "GAD-7 总分 9（轻度），低于界值 10"),
            (10, .attention, "GAD-7 总分 10（中度），达到界值 10"),
            (14, .attention, "GAD-7 总分 14（中度），达到界值 10"),
            (15, .alert, "GAD-7 总分 15（重度），达到预警分 15"),
        ]
        for (sum, flag, reason) in cases {
            for stage in [SchoolStage.primary, .senior] {
                let result = outcome(.gad7, answers(total: sum, count: 7), stage: stage)
                XCTAssertEqual(total(result), Double(sum))
                XCTAssertEqual(result?.flag, flag, "\(sum)")
                XCTAssertEqual(result?.reasons.map(\.zh), [reason])
                XCTAssertEqual(result?.urgent, false, "GAD-7 has no urgent item")
            }
        }
        XCTAssertEqual(outcome(.gad7, answers(total: 7, count: 7, last: 3))?.urgent, false)
    }

    func testTheAnswerWordsPlatformsExportCount() {
        let cells = ["item1": "完全不会", "item2": "好几天", "item3": "一半以上的天数", "item4": "几乎每天",
                     "item5": "Not at all", "item6": "several days", "item7": "More than half the days",
                     "item8": "nearly every day", "item9": "３"]
        // 0+1+2+3 + 0+1+2+3 + 3 (a full-width digit) = 15
        let result = outcome(.phq9, cells)
        XCTAssertEqual(total(result), 15)
        XCTAssertEqual(result?.urgent, true)
        XCTAssertEqual(outcome(.gad7, ["item1": "2分", "item2": "1.0", "item3": " 好几天 ", "item4": "0", "item5": "0",
                                       "item6": "0", "item7": "0"]).flatMap(total), 4)
    }

    func testBlankAndOutOfRangeAnswersAreProblemsOfTheirCells() {
        var cells = answers(total: 12)
        cells["item3"] = ""
        cells["item5"] = "4"
        cells["item6"] = "1.5"
        cells["item7"] = "-1"
        cells["item8"] = "0x1"
        cells["item2"] = "经常"
        cells["item9"] = nil
        let found = problems(.phq9, cells)
        XCTAssertEqual(found.map(\.key), ["item2", "item3", "item5", "item6", "item7", "item8", "item9"])
        XCTAssertEqual(found[1].reason.zh, "空白：每题都要有答案（未答完的问卷请重测）")
        XCTAssertEqual(found[2].reason.zh, "答案应是 0 到 3 的整数，或 完全不会、好几天、一半以上的天数、几乎每天")
        XCTAssertEqual(found[2].reason.en, "the answer must be a whole number from 0 to 3, or not at all, several days, "
                                           + "more than half the days, nearly every day")
        XCTAssertFalse(found.contains { $0.reason.zh.contains("经常") }, "a reason never repeats the cell")
        XCTAssertEqual(problems(.gad7, answers(total: 9, count: 7).merging(["item7": "9"]) { $1 }).map(\.key), ["item7"])
    }

    func testTheSchoolsOwnCutOffsApply() {
        var rules = ScreeningRules.defaults
        rules.phq9SecondaryCutOff = 10
        rules.phq9AlertFrom = 15
        rules.gad7CutOff = 8
        XCTAssertEqual(outcome(.phq9, answers(total: 10), rules: rules)?.flag, .attention)
        XCTAssertEqual(outcome(.phq9, answers(total: 15), rules: rules)?.flag, .alert)
        XCTAssertEqual(outcome(.gad7, answers(total: 8, count: 7), rules: rules)?.flag, .attention)
    }

    func testEachItemColumnIsKnownByThePlatformsHeaders() {
        let phq9 = ScreeningInstrument.phq9.columns
        XCTAssertEqual(phq9.map(\.key), (1...9).map { "item\($0)" })
        XCTAssertTrue(phq9.allSatisfy(\.required))
        for header in ["1", "q1", "第1题", "条目1", "phq1", "phq9_1"] {
            XCTAssertTrue(phq9[0].headers.map { $0.lowercased() }.contains(header), header)
        }
        XCTAssertFalse(phq9[8].headers.contains("PHQ9"), "PHQ9 alone heads a total column")
        XCTAssertTrue(phq9[8].headers.contains("PHQ9_9"))
        XCTAssertEqual(ScreeningInstrument.gad7.columns.count, 7)
        XCTAssertFalse(ScreeningInstrument.gad7.columns[6].headers.contains("GAD7"))
        // No header names two columns of one instrument.
        for instrument in ScreeningInstrument.allCases {
            // Compared as the import compares headers: no case, spaces or _-:()*.
            let headers = instrument.columns.flatMap { Set($0.headers.map { $0.lowercased().filter { !" _-:：()（）*".contains($0) } }) }
            XCTAssertEqual(Set(headers).count, headers.count, "\(instrument)")
            XCTAssertFalse(instrument.defaultVersion.isEmpty)
        }
    }
}
