/// The instruments a screening file can hold (issue 17; DOMAIN.md,
/// "Screening instruments"). PHQ-9 and GAD-7 are scored here from the item
/// answers (free to use since 2010); MHT, MSSMHS and SCL-90 are licensed,
/// so only the scores a platform exports are read, never their items;
/// `levels` is a platform's own warning level, read through the school's
/// table (`ScreeningLevelTable`).
public enum ScreeningInstrument: String, Codable, CaseIterable, Sendable {
    case phq9, gad7, mht, mssmhs, scl90, levels

    /// The name a result carries and the chronology shows: short, the same
    /// in both languages (the instruments are known by these names).
    public var shortName: String {
        switch self {
        case .phq9: "PHQ-9"
        case .gad7: "GAD-7"
        case .mht: "MHT"
        case .mssmhs: "MSSMHS"
        case .scl90: "SCL-90"
        case .levels: "预警等级 level"
        }
    }

    public var displayName: LocalizedText {
        switch self {
        case .phq9: LocalizedText(zh: "PHQ-9（含青少年版 PHQ-A）", en: "PHQ-9 (with the adolescent PHQ-A)")
        case .gad7: LocalizedText(zh: "GAD-7", en: "GAD-7")
        case .mht: LocalizedText(zh: "MHT 心理健康诊断测验", en: "MHT Mental Health Test")
        case .mssmhs: LocalizedText(zh: "MSSMHS 中学生心理健康量表", en: "MSSMHS middle-school mental health scale")
        case .scl90: LocalizedText(zh: "SCL-90 症状自评量表", en: "SCL-90 Symptom Checklist")
        case .levels: LocalizedText(zh: "平台预警等级", en: "platform warning level")
        }
    }

    /// The version recorded with a result when the import names none: the
    /// instrument as published, with the source of its decision rule.
    public var defaultVersion: String {
        switch self {
        case .phq9: "PHQ-9 (Kroenke, Spitzer & Williams 2001; PHQ-A cut-off 11, Richardson et al. 2010)"
        case .gad7: "GAD-7 (Spitzer et al. 2006)"
        case .mht: "MHT 心理健康诊断测验 (周步成 1991)"
        case .mssmhs: "MSSMHS 中国中学生心理健康量表 (王极盛 1997)"
        case .scl90: "SCL-90 (Derogatis 1973; 1–5 scoring)"
        case .levels: "platform warning level (the school's level table)"
        }
    }

    /// The columns a row carries besides the student's identification,
    /// each with the header words platforms use, in Chinese and English.
    public var columns: [ScreeningColumn] {
        switch self {
        case .phq9: Self.itemColumns(count: 9, prefixes: ["PHQ", "PHQA"], instrumentNames: ["PHQ9", "PHQA"])
        case .gad7: Self.itemColumns(count: 7, prefixes: ["GAD"], instrumentNames: ["GAD7"])
        case .mht: Self.mhtColumns
        case .mssmhs: Self.mssmhsColumns
        case .scl90: Self.scl90Columns
        case .levels:
            [ScreeningColumn(key: "level", headers: ["预警等级", "风险等级", "等级", "预警级别", "危机等级", "预警", "level",
                                                     "warning level", "risk level"], required: true)]
        }
    }

    /// Item `n` as `n`, `Q1`, `第1题`, `PHQ1`, `phq9_1` …. `PHQ9` alone is
    /// not item 9 (nor `GAD7` item 7): platforms head a total column so.
    static func itemColumns(count: Int, prefixes: [String], instrumentNames: [String]) -> [ScreeningColumn] {
        (1...count).map { n in
            var headers = ["\(n)", "\(n).", "Q\(n)", "Q0\(n)", "第\(n)题", "题\(n)", "题目\(n)", "条目\(n)", "item \(n)"]
            headers += prefixes.filter { $0 + "\(n)" != instrumentNames.first }.map { $0 + "\(n)" }
            headers += instrumentNames.map { $0 + "_\(n)" }
            return ScreeningColumn(key: "item\(n)", headers: headers, required: true)
        }
    }

    /// The eight content scales of MHT, by the manual's names.
    static let mhtScales: [(key: String, name: String, headers: [String])] = [
        ("learning", "学习焦虑", ["learning anxiety"]),
        ("social", "对人焦虑", ["social anxiety"]),
        ("lonely", "孤独倾向", ["loneliness"]),
        ("selfBlame", "自责倾向", ["self-blame"]),
        ("sensitive", "过敏倾向", ["oversensitivity", "sensitivity"]),
        ("physical", "身体症状", ["physical symptoms", "somatic symptoms"]),
        ("phobic", "恐怖倾向", ["phobic tendency", "phobia"]),
        ("impulsive", "冲动倾向", ["impulsiveness", "impulsivity"]),
    ]

    static var mhtColumns: [ScreeningColumn] {
        [ScreeningColumn(key: "lie", headers: ["效度量表", "效度", "测谎", "测谎分", "测谎量表", "说谎分", "L", "lie", "lie scale",
                                               "validity"], required: true)]
            + mhtScales.map { ScreeningColumn(key: $0.key, headers: [$0.name] + $0.headers, required: true) }
            // The total is not the sum of what platforms export per scale
            // (often the manual's standard scores), so it is read, not computed.
            + [ScreeningColumn(key: "total", headers: ["总分", "总焦虑倾向", "total", "total score"], required: false)]
    }

    /// The ten factors of MSSMHS (six items each), by 王极盛's names.
    static let mssmhsFactors: [(key: String, name: String, headers: [String])] = [
        ("obsessive", "强迫", ["强迫症状", "obsessive-compulsive"]),
        ("paranoid", "偏执", ["paranoia", "paranoid"]),
        ("hostile", "敌对", ["敌对性", "hostility"]),
        ("interpersonal", "人际关系紧张与敏感", ["人际关系敏感", "人际紧张与敏感", "interpersonal sensitivity"]),
        ("depression", "抑郁", ["depression"]),
        ("anxiety", "焦虑", ["anxiety"]),
        ("studyPressure", "学习压力", ["学习压力感", "study pressure", "academic pressure"]),
        ("maladjustment", "适应不良", ["maladjustment"]),
        ("emotionalImbalance", "情绪不平衡", ["情绪不稳定", "emotional imbalance"]),
        ("psychologicalImbalance", "心理不平衡", ["心理不平衡性", "psychological imbalance"]),
    ]

    static var mssmhsColumns: [ScreeningColumn] {
        mssmhsFactors.map { ScreeningColumn(key: $0.key, headers: [$0.name] + $0.headers, required: true) }
            // Optional: with six items per factor it is the factors' mean.
            // Not "总分", which some platforms use for the sum (60–300).
            + [ScreeningColumn(key: "totalMean", headers: ["总均分", "总均值", "总平均分", "total mean", "mean"], required: false)]
    }

    /// The nine factors of SCL-90 (with their usual abbreviations).
    static let scl90Factors: [(key: String, name: String, headers: [String])] = [
        ("somatization", "躯体化", ["somatization", "SOM"]),
        ("obsessive", "强迫症状", ["强迫", "obsessive-compulsive", "O-C"]),
        ("interpersonal", "人际关系敏感", ["人际敏感", "interpersonal sensitivity", "I-S"]),
        ("depression", "抑郁", ["depression", "DEP"]),
        ("anxiety", "焦虑", ["anxiety", "ANX"]),
        ("hostility", "敌对", ["敌对性", "hostility", "HOS"]),
        ("phobic", "恐怖", ["恐怖症状", "phobic anxiety", "PHOB"]),
        ("paranoid", "偏执", ["paranoid ideation", "PAR"]),
        ("psychoticism", "精神病性", ["psychoticism", "PSY"]),
    ]

    static var scl90Columns: [ScreeningColumn] {
        scl90Factors.map { ScreeningColumn(key: $0.key, headers: [$0.name] + $0.headers, required: true) }
            + [
                // The seven additional items (sleep, appetite …) are no
                // factor: recorded, not part of the factor rule.
                ScreeningColumn(key: "other", headers: ["其他", "其它", "附加项", "additional items", "other"], required: false),
                ScreeningColumn(key: "total", headers: ["总分", "total", "total score"], required: true),
                ScreeningColumn(key: "positiveItems", headers: ["阳性项目数", "阳性项目", "阳性项数", "阳性项目个数", "positive items",
                                                                "PST"], required: true),
                ScreeningColumn(key: "totalMean", headers: ["总均分", "总平均分", "总症状指数", "GSI", "total mean"], required: false),
            ]
    }
}
