/// MHT, MSSMHS and SCL-90: licensed instruments, so the scores come from
/// the platform's export and only the published decision rules run here.
extension ScreeningScoring {
    static func score(_ name: String, _ value: Double) -> ScreeningResult.Score {
        ScreeningResult.Score(scale: name, value: value)
    }

    /// A scale's English name: its first header in English.
    static func english(_ headers: [String]) -> String {
        headers.first { $0.allSatisfy(\.isASCII) } ?? ""
    }

    /// MHT (周步成): the validity (lie) scale decides whether the answers
    /// count at all; then each content scale at or above the high mark
    /// needs attention, and a total at or above the alert line is an alert.
    static func mht(_ reader: inout ScreeningCells, rules: ScreeningRules) -> ScreeningOutcome? {
        let scaleWords = LocalizedText(zh: "MHT 量表分 0–10", en: "MHT scale scores 0–10")
        let lie = reader.number("lie", 0...10, scale: LocalizedText(zh: "效度量表 0–10", en: "validity scale 0–10"))
        let scales = ScreeningInstrument.mhtScales.map { reader.number($0.key, 0...10, scale: scaleWords) }
        let total = reader.number("total", 0...90, required: false, scale: LocalizedText(zh: "MHT 总分 0–90", en: "MHT total 0–90"))
        guard let lie else { return nil }
        let values = scales.compactMap { $0 }
        guard values.count == scales.count else { return nil }
        var scores = [score("效度量表", lie)] + zip(ScreeningInstrument.mhtScales, values).map { score($0.0.name, $0.1) }
        if let total { scores.append(score("总分", total)) }
        if reaches(lie, Double(rules.mhtLieInvalidFrom)) {
            return ScreeningOutcome(scores: scores, flag: .none, invalid: LocalizedText(
                zh: "效度量表 \(text(lie)) 分，达到 \(rules.mhtLieInvalidFrom)：答卷无效，请重测",
                en: "validity (lie) scale \(text(lie)), at or above \(rules.mhtLieInvalidFrom): invalid questionnaire, re-test"), reasons: [])
        }
        var flag = ScreeningResult.Flag.none
        var reasons: [LocalizedText] = []
        for (scale, value) in zip(ScreeningInstrument.mhtScales, values) where reaches(value, Double(rules.mhtScaleHighFrom)) {
            flag = max(flag, .attention)
            reasons.append(LocalizedText(zh: "\(scale.name) \(text(value)) 分，达到高分线 \(rules.mhtScaleHighFrom)",
                                         en: "\(english(scale.headers)) \(text(value)), at or above the high mark \(rules.mhtScaleHighFrom)"))
        }
        if let total, reaches(total, Double(rules.mhtTotalAlertFrom)) {
            flag = .alert
            reasons.append(LocalizedText(zh: "总分 \(text(total))，达到 \(rules.mhtTotalAlertFrom)：总焦虑倾向很高",
                                         en: "total \(text(total)), at or above \(rules.mhtTotalAlertFrom): a high overall anxiety tendency"))
        }
        if reasons.isEmpty {
            reasons.append(LocalizedText(zh: "各内容量表均低于 \(rules.mhtScaleHighFrom) 分", en: "every content scale below \(rules.mhtScaleHighFrom)"))
        }
        return ScreeningOutcome(scores: scores, flag: flag, reasons: reasons)
    }

    /// 王极盛's bands of a MSSMHS mean: 2–2.99 mild, 3–3.99 moderate, 4 and up severe.
    static func mssmhsBand(_ mean: Double) -> LocalizedText {
        switch mean {
        case ..<2: LocalizedText(zh: "无明显问题", en: "no marked problem")
        case ..<3: LocalizedText(zh: "轻度", en: "mild")
        case ..<4: LocalizedText(zh: "中度", en: "moderate")
        default: LocalizedText(zh: "重度", en: "severe")
        }
    }

    /// MSSMHS: any factor mean or the total mean at the attention line
    /// needs attention, at the alert line is an alert. Without a total
    /// mean column the total mean is the factors' mean (six items each).
    static func mssmhs(_ reader: inout ScreeningCells, rules: ScreeningRules) -> ScreeningOutcome? {
        let meanWords = LocalizedText(zh: "均分 1–5", en: "means 1–5")
        let factors = ScreeningInstrument.mssmhsFactors.map { reader.number($0.key, 1...5, scale: meanWords) }
        let given = reader.number("totalMean", 1...5, required: false, scale: meanWords)
        let values = factors.compactMap { $0 }
        guard values.count == factors.count else { return nil }
        let totalMean = given ?? values.reduce(0, +) / Double(values.count)
        let named = zip(ScreeningInstrument.mssmhsFactors, values).map { (zh: $0.0.name, en: english($0.0.headers), value: $0.1) }
            + [(zh: "总均分", en: "total mean", value: totalMean)]
        var flag = ScreeningResult.Flag.none
        var reasons: [LocalizedText] = []
        for item in named where reaches(item.value, rules.mssmhsAttentionFrom) {
            let alert = reaches(item.value, rules.mssmhsAlertFrom)
            flag = max(flag, alert ? .alert : .attention)
            let band = mssmhsBand(item.value), shown = text((item.value * 100).rounded() / 100)
            reasons.append(alert
                ? LocalizedText(zh: "\(item.zh) \(shown)（\(band.zh)），达到预警线 \(text(rules.mssmhsAlertFrom))",
                                en: "\(item.en) \(shown) (\(band.en)), at or above the alert line \(text(rules.mssmhsAlertFrom))")
                : LocalizedText(zh: "\(item.zh) \(shown)（\(band.zh)），达到关注线 \(text(rules.mssmhsAttentionFrom))",
                                en: "\(item.en) \(shown) (\(band.en)), at or above the attention line \(text(rules.mssmhsAttentionFrom))"))
        }
        if reasons.isEmpty {
            reasons.append(LocalizedText(zh: "各因子均分和总均分均低于 \(text(rules.mssmhsAttentionFrom))",
                                         en: "every factor mean and the total mean below \(text(rules.mssmhsAttentionFrom))"))
        }
        return ScreeningOutcome(scores: named.map { score($0.zh, $0.value) }, flag: flag, reasons: reasons)
    }

    /// SCL-90, 1–5 scoring: the screen is positive (attention) when the
    /// total is above its line, or the positive items are more than theirs,
    /// or any of the nine factor means reaches its line; each rule that
    /// fires is named. The additional items (其他) are no factor.
    static func scl90(_ reader: inout ScreeningCells, rules: ScreeningRules) -> ScreeningOutcome? {
        // A platform scoring 0–4 gives means below 1 and totals below 90.
        let means = LocalizedText(zh: "因子均分 1–5；按 0–4 计分的请各加 1", en: "factor means 1–5; add 1 to each when scored 0–4")
        let factors = ScreeningInstrument.scl90Factors.map { reader.number($0.key, 1...5, scale: means) }
        let other = reader.number("other", 1...5, required: false, scale: means)
        let total = reader.number("total", 90...450, scale: LocalizedText(zh: "总分 90–450；按 0–4 计分的请加 90",
                                                                          en: "total 90–450; add 90 when scored 0–4"))
        let positive = reader.number("positiveItems", 0...90, scale: LocalizedText(zh: "阳性项目数 0–90", en: "positive items 0–90"))
        let totalMean = reader.number("totalMean", 1...5, required: false, scale: means)
        let values = factors.compactMap { $0 }
        guard values.count == factors.count, let total, let positive else { return nil }
        var scores = zip(ScreeningInstrument.scl90Factors, values).map { score($0.0.name, $0.1) }
        if let other { scores.append(score("其他", other)) }
        scores += [score("总分", total), score("阳性项目数", positive)]
        if let totalMean { scores.append(score("总均分", totalMean)) }
        var reasons: [LocalizedText] = []
        if total > Double(rules.scl90TotalAbove) {
            reasons.append(LocalizedText(zh: "总分 \(text(total))，超过 \(rules.scl90TotalAbove)",
                                         en: "total \(text(total)), above \(rules.scl90TotalAbove)"))
        }
        if positive > Double(rules.scl90PositiveItemsAbove) {
            reasons.append(LocalizedText(zh: "阳性项目数 \(text(positive))，超过 \(rules.scl90PositiveItemsAbove)",
                                         en: "positive items \(text(positive)), more than \(rules.scl90PositiveItemsAbove)"))
        }
        for (factor, value) in zip(ScreeningInstrument.scl90Factors, values) where reaches(value, rules.scl90FactorFrom) {
            reasons.append(LocalizedText(zh: "\(factor.name) 因子均分 \(text(value))，达到 \(text(rules.scl90FactorFrom))",
                                         en: "\(english(factor.headers)) factor mean \(text(value)), at or above \(text(rules.scl90FactorFrom))"))
        }
        let positiveScreen = !reasons.isEmpty
        if !positiveScreen {
            reasons.append(LocalizedText(
                zh: "筛查阴性：总分不超过 \(rules.scl90TotalAbove)，阳性项目数不超过 \(rules.scl90PositiveItemsAbove)，各因子均分低于 \(text(rules.scl90FactorFrom))",
                en: "negative screen: total at most \(rules.scl90TotalAbove), positive items at most \(rules.scl90PositiveItemsAbove), "
                    + "every factor mean below \(text(rules.scl90FactorFrom))"))
        }
        return ScreeningOutcome(scores: scores, flag: positiveScreen ? .attention : .none, reasons: reasons)
    }
}
