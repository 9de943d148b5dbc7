import Counseling
import XCTest

/// MHT, MSSMHS and SCL-90 from the scores a platform exports, at the edges
/// of their published decision rules.
final class ScreeningVendorScoringTests: XCTestCase {
    func score(_ instrument: ScreeningInstrument, _ cells: [String: String],
               rules: ScreeningRules = .defaults) -> Result<ScreeningOutcome, ScreeningCellProblems> {
        ScreeningScoring.score(instrument, cells: cells, stage: .junior, rules: rules)
    }

    func outcome(_ instrument: ScreeningInstrument, _ cells: [String: String], rules: ScreeningRules = .defaults,
                 file: StaticString = #filePath, line: UInt = #line) -> ScreeningOutcome? {
        switch score(instrument, cells, rules: rules) {
        case .success(let outcome): return outcome
        case .failure(let problems):
            XCTFail("problems: \(problems)", file: file, line: line)
            return nil
        }
    }

    func problems(_ instrument: ScreeningInstrument, _ cells: [String: String]) -> [ScreeningCellProblem] {
        if case .failure(let problems) = score(instrument, cells) { return problems.problems }
        XCTFail("scored")
        return []
    }

    // MARK: MHT

    func mht(lie: String = "3", scale: String = "5", learning: String = "5", total: String? = "40") -> [String: String] {
        var cells = ["lie": lie, "learning": learning, "social": scale, "lonely": scale, "selfBlame": scale,
                     "sensitive": scale, "physical": scale, "phobic": scale, "impulsive": scale]
        cells["total"] = total
        return cells
    }

    func testMHTValidityScaleSevenMeansReTest() {
        let valid = outcome(.mht, mht(lie: "6"))
        XCTAssertNil(valid?.invalid)
        XCTAssertEqual(valid?.flag, ScreeningResult.Flag.none)
        XCTAssertEqual(valid?.reasons.map(\.zh), ["各内容量表均低于 8 分"])
        // Invalid even with high scales: never a proposal, a re-test.
        let invalid = outcome(.mht, mht(lie: "7", scale: "9", total: "70"))
        XCTAssertEqual(invalid?.invalid?.zh, "效度量表 7 分，达到 7：答卷无效，请重测")
        XCTAssertEqual(invalid?.invalid?.en, "validity (lie) scale 7, at or above 7: invalid questionnaire, re-test")
        XCTAssertEqual(invalid?.flag, ScreeningResult.Flag.none)
        XCTAssertEqual(invalid?.urgent, false)
        XCTAssertEqual(invalid?.reasons, [])
        XCTAssertEqual(invalid?.scores.first, ScreeningResult.Score(scale: "效度量表", value: 7), "the scores are still recorded")
        XCTAssertEqual(invalid?.scores.last, ScreeningResult.Score(scale: "总分", value: 70))
    }

    func testMHTContentScaleEightIsHighAndTotal65AnAlert() {
        XCTAssertEqual(outcome(.mht, mht(learning: "7"))?.flag, ScreeningResult.Flag.none)
        let high = outcome(.mht, mht(learning: "8"))
        XCTAssertEqual(high?.flag, .attention)
        XCTAssertEqual(high?.reasons.map(\.zh), ["学习焦虑 8 分，达到高分线 8"])
        XCTAssertEqual(high?.reasons.map(\.en), ["learning anxiety 8, at or above the high mark 8"])
        XCTAssertEqual(outcome(.mht, mht(total: "64"))?.flag, ScreeningResult.Flag.none)
        let alert = outcome(.mht, mht(total: "65"))
        XCTAssertEqual(alert?.flag, .alert)
        XCTAssertEqual(alert?.reasons.map(\.zh), ["总分 65，达到 65：总焦虑倾向很高"])
        XCTAssertEqual(outcome(.mht, mht(total: nil))?.scores.count, 9, "the total is optional")
    }

    func testMHTScoresOutsideTheScaleAreProblems() {
        let found = problems(.mht, mht(lie: "", scale: "12", total: "95"))
        XCTAssertEqual(found.map(\.key), ["lie", "social", "lonely", "selfBlame", "sensitive", "physical", "phobic", "impulsive", "total"])
        XCTAssertEqual(found[0].reason.zh, "空白：这一列每行都要有分数（效度量表 0–10）")
        XCTAssertEqual(found[1].reason.en, "must be a number from 0 to 10 (MHT scale scores 0–10)")
    }

    // MARK: MSSMHS

    func mssmhs(_ factor: String = "1.5", depression: String = "1.5", totalMean: String? = nil) -> [String: String] {
        var cells = ["obsessive": factor, "paranoid": factor, "hostile": factor, "interpersonal": factor, "depression": depression,
                     "anxiety": factor, "studyPressure": factor, "maladjustment": factor, "emotionalImbalance": factor,
                     "psychologicalImbalance": factor]
        cells["totalMean"] = totalMean
        return cells
    }

    func testMSSMHSFactorTwoNeedsAttentionAndOneNinetyNineDoesNot() {
        let below = outcome(.mssmhs, mssmhs(depression: "1.99"))
        XCTAssertEqual(below?.flag, ScreeningResult.Flag.none)
        XCTAssertEqual(below?.reasons.map(\.zh), ["各因子均分和总均分均低于 2"])
        let at = outcome(.mssmhs, mssmhs(depression: "2.0"))
        XCTAssertEqual(at?.flag, .attention)
        XCTAssertEqual(at?.reasons.map(\.zh), ["抑郁 2（轻度），达到关注线 2"])
        XCTAssertEqual(at?.reasons.map(\.en), ["depression 2 (mild), at or above the attention line 2"])
        // (9 × 1.5 + 2) / 10 = 1.55, computed when the file has no total mean.
        XCTAssertEqual(at?.scores.last, ScreeningResult.Score(scale: "总均分", value: 1.55))
        let alert = outcome(.mssmhs, mssmhs(depression: "3"))
        XCTAssertEqual(alert?.flag, .alert)
        XCTAssertEqual(alert?.reasons.map(\.zh), ["抑郁 3（中度），达到预警线 3"])
        XCTAssertEqual(outcome(.mssmhs, mssmhs(depression: "4.2"))?.reasons.first?.zh, "抑郁 4.2（重度），达到预警线 3")
    }

    func testMSSMHSTotalMeanTwoNeedsAttention() {
        let given = outcome(.mssmhs, mssmhs("1.9", depression: "1.9", totalMean: "2.0"))
        XCTAssertEqual(given?.flag, .attention)
        XCTAssertEqual(given?.reasons.map(\.zh), ["总均分 2（轻度），达到关注线 2"])
        // Ten factor means of 2 average to 2, also in floating point.
        let computed = outcome(.mssmhs, mssmhs("2", depression: "2"))
        XCTAssertEqual(computed?.reasons.count, 11)
        XCTAssertEqual(outcome(.mssmhs, mssmhs("1.99", depression: "1.99"))?.flag, ScreeningResult.Flag.none)
        XCTAssertEqual(problems(.mssmhs, mssmhs(depression: "0.8", totalMean: "6")).map(\.key), ["depression", "totalMean"])
    }

    // MARK: SCL-90

    func scl90(total: String = "150", positive: String = "30", depression: String = "1.6") -> [String: String] {
        ["somatization": "1.5", "obsessive": "1.7", "interpersonal": "1.6", "depression": depression, "anxiety": "1.5",
         "hostility": "1.4", "phobic": "1.3", "paranoid": "1.4", "psychoticism": "1.5", "other": "2.4",
         "total": total, "positiveItems": positive]
    }

    func testSCL90Total160IsNegativeAnd161Positive() {
        let negative = outcome(.scl90, scl90(total: "160"))
        XCTAssertEqual(negative?.flag, ScreeningResult.Flag.none)
        XCTAssertEqual(negative?.reasons.map(\.zh), ["筛查阴性：总分不超过 160，阳性项目数不超过 43，各因子均分低于 2"])
        let positive = outcome(.scl90, scl90(total: "161"))
        XCTAssertEqual(positive?.flag, .attention)
        XCTAssertEqual(positive?.reasons.map(\.zh), ["总分 161，超过 160"])
        XCTAssertEqual(positive?.urgent, false)
    }

    func testSCL90FortyThreePositiveItemsAreNegativeAndFortyFourPositive() {
        XCTAssertEqual(outcome(.scl90, scl90(positive: "43"))?.flag, ScreeningResult.Flag.none)
        let positive = outcome(.scl90, scl90(positive: "44"))
        XCTAssertEqual(positive?.flag, .attention)
        XCTAssertEqual(positive?.reasons.map(\.en), ["positive items 44, more than 43"])
    }

    func testSCL90FactorTwoIsPositiveAndEveryRuleThatFiresIsNamed() {
        XCTAssertEqual(outcome(.scl90, scl90(depression: "1.99"))?.flag, ScreeningResult.Flag.none)
        let factor = outcome(.scl90, scl90(depression: "2.00"))
        XCTAssertEqual(factor?.flag, .attention)
        XCTAssertEqual(factor?.reasons.map(\.zh), ["抑郁 因子均分 2，达到 2"])
        // The additional items (其他, 2.4 here) are no factor.
        XCTAssertFalse(factor?.reasons.contains { $0.zh.contains("其他") } ?? true)
        XCTAssertEqual(factor?.scores.first { $0.scale == "其他" }?.value, 2.4)
        let all = outcome(.scl90, scl90(total: "200", positive: "50", depression: "2.5"))
        XCTAssertEqual(all?.reasons.map(\.zh), ["总分 200，超过 160", "阳性项目数 50，超过 43", "抑郁 因子均分 2.5，达到 2"])
        XCTAssertEqual(all?.flag, .attention)
    }

    func testSCL90ScoredZeroToFourIsRefusedWithWhatToDo() {
        var cells = scl90(total: "60")
        cells["depression"] = "0.6"
        cells["positiveItems"] = ""
        let found = problems(.scl90, cells)
        XCTAssertEqual(found.map(\.key), ["depression", "total", "positiveItems"])
        XCTAssertEqual(found[0].reason.zh, "应是 1 到 5 之间的数（因子均分 1–5；按 0–4 计分的请各加 1）")
        XCTAssertEqual(found[1].reason.en, "must be a number from 90 to 450 (total 90–450; add 90 when scored 0–4)")
    }
}
