import Counseling

/// The words forms use to explain what was typed wrong: each names the
/// field by its own label, as the teacher sees it in the form, and says
/// what would be accepted. The typed value itself is never repeated.
extension S {
    static func fieldEmpty(_ label: String) -> LocalizedText {
        LocalizedText(zh: "\(label)不能为空", en: "\(label) is missing")
    }

    /// The codes follow, for a field whose hint does not list them.
    static func choiceUnknown(_ label: String, codes: String, example: String) -> LocalizedText {
        LocalizedText(zh: "\(label)无法识别：填序号或名称，名称写开头即可（如“\(example)”）：\(codes)",
                      en: "\(label) not recognized: type a number or a name; its start is enough (e.g. “\(example)”): \(codes)")
    }

    static func choiceAmbiguous(_ label: String, names: String) -> LocalizedText {
        LocalizedText(zh: "\(label)可能是 \(names)：请多写几个字或填序号",
                      en: "\(label) could be \(names): type more of it, or its number")
    }

    static func dateUnknown(_ label: String) -> LocalizedText {
        LocalizedText(zh: "\(label)无法识别：可写 2026-12-14、12-14、12月14日、明天、下周一",
                      en: "\(label) not recognized: write 2026-12-14, 12-14, tomorrow or next monday (明天, 下周一)")
    }

    /// The level form opens on the new level, empty: saving it untouched
    /// must never change a level the teacher did not choose.
    static func levelNotChosen(_ current: String) -> LocalizedText {
        LocalizedText(zh: "请填写新等级（现在是 \(current)）；不调整请按 Esc",
                      en: "Type the new level (now \(current)); Esc leaves it as it is")
    }

    static let levelFormHint = LocalizedText(
        zh: "等级 0无 1一级关注 2二级关注 3三级关注（三级最重）；理由必填；追踪日期空着＝按学校间隔",
        en: "level 0 none, 1, 2 or 3 (watch 3 most serious); a reason is required; no follow-up date: the school's interval")

    /// The help's glossary: the two sets of words and the seed each comes from.
    static let levelGlossary = [
        LocalizedText(zh: "预警等级 0无 1一级关注 2二级关注 3三级关注：三级预警（000 内蒙古）",
                      en: "Warning levels 0 none, watch 1–3: three-level warning (seed 000)"),
        LocalizedText(zh: "危机类别 一般／严重／重大心理危机：危机评估（001 鞍山）",
                      en: "Crisis categories general / severe / major: assessment (seed 001)"),
    ]
}
