import Counseling

/// `[screening]` and `[screening_levels]` of the school file: the decision
/// rules of the screening import, with where each published one comes from.
extension SchoolFile {
    static func renderScreening(_ rules: ScreeningRules) -> [String] {
        let levels = rules.levels
        func words(_ list: [String]) -> String { "[" + list.map(quoted).joined(separator: ", ") + "]" }
        return [
            "[screening]",
            "# 测评判定规则：结果达到规则时生成“测评建议”，由心理教师确认或排除，从不直接定级。已按公开发表的标准填好，",
            "# 删去一行即用该标准 · screening rules: a result that meets one becomes a proposal a counselor confirms or",
            "# dismisses, never a level by itself; set to the published values, and a line left out means the published value",
            "# PHQ-9（含 PHQ-A）总分达到界值需关注：中学生（初中、高中、中职）用青少年界值 11，其他学段 10；达到预警分为预警。",
            "# 第 9 题（自伤念头）答 1 及以上，不论总分，一律紧急 · PHQ-9 total at the cut-off needs attention: 11 (adolescent",
            "# PHQ-A) for junior, senior and vocational students, 10 otherwise; at the alert line an alert; item 9 above 0 is always urgent",
            "phq9_secondary_cut_off = \(rules.phq9SecondaryCutOff)",
            "phq9_cut_off = \(rules.phq9CutOff)",
            "phq9_alert_from = \(rules.phq9AlertFrom)",
            "# GAD-7 总分达到界值需关注（10），达到预警分为预警（15）· GAD-7 total: attention from 10, alert from 15",
            "gad7_cut_off = \(rules.gad7CutOff)",
            "gad7_alert_from = \(rules.gad7AlertFrom)",
            "# MHT（周步成）：效度量表达到此分答卷无效，需重测；任一内容量表达到高分线需关注；总分达到此分为预警",
            "# （手册：总焦虑倾向 65 分以上）· MHT: a validity (lie) scale this high means re-test; any content scale at the",
            "# high mark needs attention; a total this high is an alert (the manual's overall anxiety tendency, 65)",
            "mht_lie_invalid_from = \(rules.mhtLieInvalidFrom)",
            "mht_scale_high_from = \(rules.mhtScaleHighFrom)",
            "mht_total_alert_from = \(rules.mhtTotalAlertFrom)",
            "# MSSMHS（王极盛）：任一因子均分或总均分达到关注线需关注，达到预警线为预警（2–2.99 轻度，3–3.99 中度，4 以上重度）",
            "# MSSMHS: any factor mean or the total mean at the attention line needs attention, at the alert line is an alert",
            "mssmhs_attention_from = \(rules.mssmhsAttentionFrom)",
            "mssmhs_alert_from = \(rules.mssmhsAlertFrom)",
            "# SCL-90（1–5 计分）：总分超过、阳性项目数超过、或任一因子均分达到下列数值，即筛查阳性（需关注）",
            "# SCL-90 (scored 1–5): a total above, more positive items than, or any factor mean at these is a positive screen",
            "scl90_total_above = \(rules.scl90TotalAbove)",
            "scl90_positive_items_above = \(rules.scl90PositiveItemsAbove)",
            "scl90_factor_from = \(rules.scl90FactorFrom)",
            "",
            "[screening_levels]",
            "# 平台自带的预警等级（导入时 --instrument levels）：urgent 紧急预警（置于待办最上方）、alert 预警、attention 需关注、",
            "# none 未见异常。注意“一级/二级/三级”的方向各平台不同：有的一级最重，有的三级最重。默认一级为预警、二级三级为",
            "# 需关注，无论哪种都不会漏掉学生；如贵校平台三级最重，请把“三级”移到 alert、“一级”移到 attention。",
            "# A platform's own warning levels: urgent (above the queue), alert, attention, none. Platforms number their levels",
            "# in opposite directions (some call the most severe 一级, others 三级); by default 一级 is an alert and 二级, 三级",
            "# need attention, so no student is missed either way; if your platform's 三级 is the most severe, swap them.",
            "urgent = \(words(levels.urgent))",
            "alert = \(words(levels.alert))",
            "attention = \(words(levels.attention))",
            "none = \(words(levels.none))",
            "",
        ]
    }
}
