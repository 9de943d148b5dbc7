/// How surnames are read where the everyday reading of the character is
/// wrong: 单 is Shan as a surname, not dan; 曾 Zeng, not ceng. ICU reads a
/// name character by character with the everyday reading, so only these
/// exceptions are listed; every other character goes through ICU.
enum SurnameReadings {
    /// Two-character surnames ICU misreads, tried before the single ones so
    /// 长孙 is not read as the surname 长 (Chang) plus 孙. Compound surnames
    /// ICU reads right (欧阳, 司马, 诸葛 …) need no entry.
    static let compound: [String: [String]] = [
        "尉迟": ["yu", "chi"], "万俟": ["mo", "qi"], "长孙": ["zhang", "sun"], "单于": ["chan", "yu"],
        "澹台": ["tan", "tai"], "乐正": ["yue", "zheng"], "拓跋": ["tuo", "ba"], "子车": ["zi", "ju"],
    ]

    /// Single-character surnames whose surname reading differs from the
    /// reading ICU gives the character on its own.
    static let single: [Character: String] = [
        "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
        "盖": "ge", "覃": "qin", "乐": "yue", "繁": "po", "翟": "zhai", "尉": "yu", "召": "shao",
        "种": "chong", "黑": "he", "缪": "miao", "祭": "zhai", "能": "nai", "员": "yun", "秘": "bi",
        "长": "chang", "重": "chong", "都": "du", "折": "she", "句": "gou", "薄": "bo", "蕃": "pi",
        "粘": "nian", "洗": "xian", "澹": "tan", "藏": "zang", "卜": "bu",
    ]
}
