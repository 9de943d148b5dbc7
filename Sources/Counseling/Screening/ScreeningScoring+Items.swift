/// PHQ-9 (with the adolescent PHQ-A) and GAD-7, scored from the answers:
/// each item 0–3, the total their sum (Kroenke et al. 2001; Spitzer et
/// al. 2006). The bands are the published ones; where a result needs
/// attention or is an alert is the school's (`ScreeningRules`).
extension ScreeningScoring {
    /// The four answers both questionnaires share, in the words platforms
    /// export them instead of the number.
    static let answerWords: [(value: Int, words: [String])] = [
        (0, ["完全不会", "完全没有", "没有", "not at all"]),
        (1, ["好几天", "有几天", "几天", "several days"]),
        (2, ["一半以上的天数", "一半以上天数", "一半以上的日子", "超过一半的天数", "more than half the days"]),
        (3, ["几乎每天", "几乎天天", "nearly every day"]),
    ]

    static var answerChoices: LocalizedText {
        LocalizedText(zh: "0 到 3 的整数，或 完全不会、好几天、一半以上的天数、几乎每天",
                      en: "a whole number from 0 to 3, or not at all, several days, more than half the days, nearly every day")
    }

    /// The answers to items 1…`count`, or nil with a problem for each
    /// blank or unreadable one.
    static func answers(_ reader: inout ScreeningCells, count: Int) -> [Int]? {
        let answers = (1...count).map { n -> Int? in
            let key = "item\(n)"
            guard let text = reader.text(key) else {
                reader.fail(key, LocalizedText(zh: "空白：每题都要有答案（未答完的问卷请重测）",
                                               en: "blank: every item needs an answer (re-test an unfinished questionnaire)"))
                return nil
            }
            if let value = ScreeningCells.decimal(text), value == value.rounded(), (0...3).contains(value) { return Int(value) }
            let word = WordNormalizer.key(text)
            if let match = answerWords.first(where: { $0.words.contains { WordNormalizer.key($0) == word } }) { return match.value }
            reader.fail(key, LocalizedText(zh: "答案应是 " + answerChoices.zh, en: "the answer must be " + answerChoices.en))
            return nil
        }
        let read = answers.compactMap { $0 }
        return read.count == count ? read : nil
    }

    static func itemScores(_ answers: [Int], total: Int) -> [ScreeningResult.Score] {
        answers.enumerated().map { ScreeningResult.Score(scale: "第\($0.offset + 1)题", value: Double($0.element)) }
            + [ScreeningResult.Score(scale: "总分", value: Double(total))]
    }

    static func phq9Band(_ total: Int) -> LocalizedText {
        switch total {
        case ..<5: LocalizedText(zh: "无或极轻", en: "none or minimal")
        case 5..<10: LocalizedText(zh: "轻度", en: "mild")
        case 10..<15: LocalizedText(zh: "中度", en: "moderate")
        case 15..<20: LocalizedText(zh: "中重度", en: "moderately severe")
        default: LocalizedText(zh: "重度", en: "severe")
        }
    }

    static func gad7Band(_ total: Int) -> LocalizedText {
        switch total {
        case ..<5: LocalizedText(zh: "无或极轻", en: "minimal")
        case 5..<10: LocalizedText(zh: "轻度", en: "mild")
        case 10..<15: LocalizedText(zh: "中度", en: "moderate")
        default: LocalizedText(zh: "重度", en: "severe")
        }
    }

    /// The flag a total gives, and the sentence that says why.
    static func totalRule(_ name: String, total: Int, band: LocalizedText, cutOff: Int, cutOffName: LocalizedText,
                          alertFrom: Int) -> (ScreeningResult.Flag, LocalizedText) {
        let head = LocalizedText(zh: "\(name) 总分 \(total)（\(band.zh)）", en: "\(name) total \(total) (\(band.en))")
        if total >= alertFrom {
            return (.alert, LocalizedText(zh: head.zh + "，达到预警分 \(alertFrom)", en: head.en + ", at or above the alert line \(alertFrom)"))
        }
        if total >= cutOff {
            return (.attention, LocalizedText(zh: head.zh + "，达到\(cutOffName.zh) \(cutOff)", en: head.en + ", at or above the \(cutOffName.en) \(cutOff)"))
        }
        return (.none, LocalizedText(zh: head.zh + "，低于\(cutOffName.zh) \(cutOff)", en: head.en + ", below the \(cutOffName.en) \(cutOff)"))
    }

    /// Any answer above 0 on item 9 (thoughts of self-harm) is urgent and
    /// needs at least attention, whatever the total.
    static func phq9(_ reader: inout ScreeningCells, stage: SchoolStage, rules: ScreeningRules) -> ScreeningOutcome? {
        guard let answers = answers(&reader, count: 9) else { return nil }
        let total = answers.reduce(0, +)
        let cutOffName = ScreeningRules.isSecondary(stage)
            ? LocalizedText(zh: "中学生界值", en: "secondary-school cut-off") : LocalizedText(zh: "界值", en: "cut-off")
        var (flag, reason) = totalRule("PHQ-9", total: total, band: phq9Band(total), cutOff: rules.phq9CutOff(for: stage),
                                       cutOffName: cutOffName, alertFrom: rules.phq9AlertFrom)
        var reasons = [reason]
        let item9 = answers[8]
        if item9 > 0 {
            flag = max(flag, .attention)
            reasons.append(LocalizedText(zh: "第 9 题（自伤念头）答 \(item9)", en: "item 9 (thoughts of self-harm) answered \(item9)"))
        }
        return ScreeningOutcome(scores: itemScores(answers, total: total), flag: flag, urgent: item9 > 0, reasons: reasons)
    }

    static func gad7(_ reader: inout ScreeningCells, rules: ScreeningRules) -> ScreeningOutcome? {
        guard let answers = answers(&reader, count: 7) else { return nil }
        let total = answers.reduce(0, +)
        let (flag, reason) = totalRule("GAD-7", total: total, band: gad7Band(total), cutOff: rules.gad7CutOff,
                                       cutOffName: LocalizedText(zh: "界值", en: "cut-off"), alertFrom: rules.gad7AlertFrom)
        return ScreeningOutcome(scores: itemScores(answers, total: total), flag: flag, reasons: [reason])
    }
}
