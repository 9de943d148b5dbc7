/// Grade numbers as schools write them. Secondary grades are counted on from
/// primary (初一 is grade 7, 高一 grade 10); vocational and university years
/// count from 1.
public enum Grade {
    /// Reads `7`, `7年级`, `七年级`, `初一`, `高二`, `大一`, `一年级` for `stage`;
    /// in junior and senior high a bare 1–3 means the year within the stage.
    public static func parse(_ text: String, stage: SchoolStage) throws(ValidationError) -> Int {
        var word = WordNormalizer.key(text)
        guard !word.isEmpty else { throw .empty(.grade) }
        for suffix in ["年级", "grade", "year"] where word.hasSuffix(suffix) {
            word.removeLast(suffix.count)
        }
        for prefix in ["grade", "year"] where word.hasPrefix(prefix) {
            word.removeFirst(prefix.count)
        }
        let stagePrefixes: [(String, SchoolStage)] = [("初", .junior), ("高", .senior), ("大", .university)]
        var yearInStage = false
        if case let (prefix, prefixStage)? = stagePrefixes.first(where: { word.hasPrefix($0.0) }) {
            guard prefixStage == stage else { throw outOfRange(stage) }
            word.removeFirst(prefix.count)
            yearInStage = true
        }
        guard let number = Int(word) ?? chineseNumber(word) else { throw outOfRange(stage) }
        let grade: Int
        switch stage {
        case .junior where yearInStage || (1...3).contains(number): grade = number + 6
        case .senior where yearInStage || (1...3).contains(number): grade = number + 9
        default: grade = number
        }
        guard stage.grades.contains(grade) else { throw outOfRange(stage) }
        return grade
    }

    /// `七年级` / `Grade 7`, `高一` / `Grade 10`, `大一` / `Year 1`.
    public static func displayName(_ grade: Int, stage: SchoolStage) -> LocalizedText {
        switch stage {
        case .primary, .junior:
            LocalizedText(zh: "\(chineseNumeral(grade))年级", en: "Grade \(grade)")
        case .senior:
            LocalizedText(zh: "高\(chineseNumeral(grade - 9))", en: "Grade \(grade)")
        case .vocational:
            LocalizedText(zh: "中职\(chineseNumeral(grade))年级", en: "Year \(grade)")
        case .university:
            LocalizedText(zh: "大\(chineseNumeral(grade))", en: "Year \(grade)")
        }
    }

    private static func outOfRange(_ stage: SchoolStage) -> ValidationError {
        .outOfRange(.grade, lowest: stage.grades.lowerBound, highest: stage.grades.upperBound)
    }

    private static let digits: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 一 … 十二; grades never go higher.
    static func chineseNumber(_ word: String) -> Int? {
        let chars = Array(word)
        func digit(_ c: Character) -> Int? { digits.firstIndex(of: c) }
        switch chars.count {
        case 1:
            return chars[0] == "十" ? 10 : digit(chars[0])
        case 2 where chars[0] == "十":
            return digit(chars[1]).map { 10 + $0 }
        default:
            return nil
        }
    }

    static func chineseNumeral(_ number: Int) -> String {
        switch number {
        case 0...9: String(digits[number])
        case 10: "十"
        case 11...19: "十" + String(digits[number - 10])
        default: String(number)
        }
    }
}
