import Counseling
import TOMLKit

/// `[screening]` and `[screening_levels]`: the screening decision rules.
/// Either table may be left out (the published rules), and so may any key
/// of `[screening]` (its published value); a `[screening_levels]` that is
/// there is the whole table, a list left out holding no word.
extension SchoolFileReader {
    /// The file's name of each rule, in the order `show` writes them.
    static var screeningWholeNumberKeys: [(key: String, rule: WritableKeyPath<ScreeningRules, Int>)] {
        [("phq9_secondary_cut_off", \.phq9SecondaryCutOff), ("phq9_cut_off", \.phq9CutOff), ("phq9_alert_from", \.phq9AlertFrom),
         ("gad7_cut_off", \.gad7CutOff), ("gad7_alert_from", \.gad7AlertFrom),
         ("mht_lie_invalid_from", \.mhtLieInvalidFrom), ("mht_scale_high_from", \.mhtScaleHighFrom),
         ("mht_total_alert_from", \.mhtTotalAlertFrom),
         ("scl90_total_above", \.scl90TotalAbove), ("scl90_positive_items_above", \.scl90PositiveItemsAbove)]
    }

    static var screeningMeanKeys: [(key: String, rule: WritableKeyPath<ScreeningRules, Double>)] {
        [("mssmhs_attention_from", \.mssmhsAttentionFrom), ("mssmhs_alert_from", \.mssmhsAlertFrom),
         ("scl90_factor_from", \.scl90FactorFrom)]
    }

    static let screeningExamples: [String: LocalizedText] = [
        "phq9_secondary_cut_off": LocalizedText(zh: "phq9_secondary_cut_off = 11（1 到 27）", en: "phq9_secondary_cut_off = 11 (1 to 27)"),
        "phq9_cut_off": LocalizedText(zh: "phq9_cut_off = 10（1 到 27）", en: "phq9_cut_off = 10 (1 to 27)"),
        "phq9_alert_from": LocalizedText(zh: "phq9_alert_from = 20（1 到 27，不低于两个界值）",
                                         en: "phq9_alert_from = 20 (1 to 27, not below either cut-off)"),
        "gad7_cut_off": LocalizedText(zh: "gad7_cut_off = 10（1 到 21）", en: "gad7_cut_off = 10 (1 to 21)"),
        "gad7_alert_from": LocalizedText(zh: "gad7_alert_from = 15（1 到 21，不低于界值）", en: "gad7_alert_from = 15 (1 to 21, not below the cut-off)"),
        "mht_lie_invalid_from": LocalizedText(zh: "mht_lie_invalid_from = 7（1 到 10）", en: "mht_lie_invalid_from = 7 (1 to 10)"),
        "mht_scale_high_from": LocalizedText(zh: "mht_scale_high_from = 8（1 到 10）", en: "mht_scale_high_from = 8 (1 to 10)"),
        "mht_total_alert_from": LocalizedText(zh: "mht_total_alert_from = 65（1 到 90）", en: "mht_total_alert_from = 65 (1 to 90)"),
        "mssmhs_attention_from": LocalizedText(zh: "mssmhs_attention_from = 2.0（1 到 5）", en: "mssmhs_attention_from = 2.0 (1 to 5)"),
        "mssmhs_alert_from": LocalizedText(zh: "mssmhs_alert_from = 3.0（1 到 5，不低于关注线）",
                                           en: "mssmhs_alert_from = 3.0 (1 to 5, not below the attention line)"),
        "scl90_total_above": LocalizedText(zh: "scl90_total_above = 160（90 到 449）", en: "scl90_total_above = 160 (90 to 449)"),
        "scl90_positive_items_above": LocalizedText(zh: "scl90_positive_items_above = 43（0 到 89）",
                                                    en: "scl90_positive_items_above = 43 (0 to 89)"),
        "scl90_factor_from": LocalizedText(zh: "scl90_factor_from = 2.0（1 到 5）", en: "scl90_factor_from = 2.0 (1 to 5)"),
        "urgent": LocalizedText(zh: "urgent = [\"红\", \"高危\"]（加双引号的词，每个词只在一处）",
                                en: "urgent = [\"红\", \"高危\"] (words in double quotes, each word in one list only)"),
        "alert": LocalizedText(zh: "alert = [\"橙\", \"一级\"]", en: "alert = [\"橙\", \"一级\"]"),
        "attention": LocalizedText(zh: "attention = [\"黄\", \"关注\", \"二级\", \"三级\"]", en: "attention = [\"黄\", \"关注\", \"二级\", \"三级\"]"),
        "none": LocalizedText(zh: "none = [\"绿\", \"正常\", \"无\"]", en: "none = [\"绿\", \"正常\", \"无\"]"),
    ]

    mutating func screening(_ root: TOMLTable) -> ScreeningRules? {
        let before = problems.count
        var rules = ScreeningRules.defaults
        let place = Place(table: "screening")
        if let t = table(root, "screening", required: false) {
            knownKeys(t, place, Self.screeningWholeNumberKeys.map(\.key) + Self.screeningMeanKeys.map(\.key))
            for (key, rule) in Self.screeningWholeNumberKeys {
                let range = ScreeningRules.wholeNumberRules.first { $0.rule == rule }!.range
                if let value = int(t, place, key, range) ?? nil { rules[keyPath: rule] = value }
            }
            for (key, rule) in Self.screeningMeanKeys {
                guard let value = t[key] else { continue }
                let range = ScreeningRules.meanRules.first { $0.rule == rule }!.range
                guard let number = value.double ?? value.int.map(Double.init),
                      Double(range.lowerBound) <= number, number <= Double(range.upperBound) else {
                    fail(place, key, LocalizedText(zh: "\(key) 应是 \(range.lowerBound) 到 \(range.upperBound) 之间的数（如 2.0）",
                                                   en: "\(key) must be a number from \(range.lowerBound) to \(range.upperBound) (like 2.0)"))
                    continue
                }
                rules[keyPath: rule] = number
            }
            if problems.count == before {
                for line in rules.alertLinesBelowAttention {
                    let key = (Self.screeningWholeNumberKeys.first { $0.rule == line.rule }?.key
                        ?? Self.screeningMeanKeys.first { $0.rule == line.rule }?.key)!
                    let lowest = line.lowest == line.lowest.rounded() ? String(Int(line.lowest)) : String(line.lowest)
                    fail(place, key, LocalizedText(zh: "\(key) 低于关注的界值 \(lowest)，就没有“需关注”这一档了",
                                                   en: "\(key) is below the attention cut-off \(lowest), which leaves no attention band"))
                }
            }
        }
        if let t = table(root, "screening_levels", required: false) {
            rules.levels = levelTable(t)
        }
        return problems.count == before ? rules : nil
    }

    mutating func levelTable(_ t: TOMLTable) -> ScreeningLevelTable {
        let place = Place(table: "screening_levels")
        let meanings = ScreeningLevelTable.Meaning.allCases
        knownKeys(t, place, meanings.map(\.rawValue))
        var lists: [ScreeningLevelTable.Meaning: [String]] = [:]
        var seen: [String: ScreeningLevelTable.Meaning] = [:]
        for meaning in meanings {
            let key = meaning.rawValue
            let words = strings(t, place, key) ?? []
            for word in words {
                if let problem = TextCheck.line(word, field: .platformLevel, maximumLength: 20) {
                    fail(place, key, problem)
                } else if let earlier = seen[ScreeningLevelTable.normalizedKey(word)] {
                    fail(place, key, LocalizedText(zh: "“\(word)”已写在 \(earlier.rawValue) 中，一个词只能有一种含义",
                                                   en: "\"\(word)\" is already under \(earlier.rawValue): a word has one meaning"))
                } else {
                    seen[ScreeningLevelTable.normalizedKey(word)] = meaning
                }
            }
            lists[meaning] = words
        }
        let table = ScreeningLevelTable(urgent: lists[.urgent] ?? [], alert: lists[.alert] ?? [],
                                        attention: lists[.attention] ?? [], none: lists[.none] ?? [])
        if table.allWords.isEmpty {
            fail(place, nil, LocalizedText(zh: "预警等级对照表没有任何词", en: "the table of warning levels has no word"),
                 instead: Self.screeningExamples["urgent"])
        }
        return table
    }
}
