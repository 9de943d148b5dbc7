/// A yes/no cell as spreadsheets write it: `是`/`否`, `√`/`×`, `Y`/`N`,
/// `yes`/`no`, `true`/`false`, `1`/`0`. A roster may keep each flag in its
/// own column (留守儿童: 是), or mark a referral's green channel this way.
public enum YesNo {
    static let yes: Set<String> = ["是", "有", "√", "✓", "y", "yes", "true", "1"]
    static let no: Set<String> = ["否", "无", "×", "✗", "n", "no", "false", "0"]

    /// An empty cell means no: a blank flag column is the common case.
    public static func parse(_ text: String, field: Field) throws(ValidationError) -> Bool {
        let key = WordNormalizer.key(text)
        if key.isEmpty || no.contains(key) { return false }
        if yes.contains(key) { return true }
        throw .unrecognized(field, choices: LocalizedText(zh: "是、否", en: "yes, no"))
    }
}
