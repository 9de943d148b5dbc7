import Foundation

/// A class written with its grade in one cell, as many registries export it:
/// `初二(3)班`, `初二（3）班`, `八年级3班`, `七年级（3）班`, `高一1班`, `2-3`.
/// Read into a `ClassRef`: stage, grade and a class name written one way (`初二(3)班`),
/// or refused when it could mean two things (`2-3` without a stage, `六年级`
/// in a school that may be five-four): a guess would put a student in the
/// wrong class.
extension ClassRef {
    /// The placement `text` names, nil when it names no grade (`3班`,
    /// `实验班`: the grade is in its own column). `stage` is what a stage
    /// column says, if the sheet has one.
    public static func parse(_ text: String, stage: SchoolStage?) throws(ClassWithGradeProblem) -> ClassRef? {
        let word = text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
        guard let (gradeWord, rest) = split(word) else { return nil }
        // A grade alone is a class missing; a grade word followed by what is
        // no class (初一年级心理实验组) is a name of its own, checked as one.
        guard let classPart = className(rest) else {
            if rest.isEmpty { throw .classMissing }
            return nil
        }
        let resolved: (SchoolStage, Int)
        switch gradeWord {
        case .inStage(let named, let year):
            if let stage, stage != named { throw .stageDisagrees }
            resolved = (named, named == .junior ? year + 6 : year + 9)
        case .number(let n, let bare):
            if let stage {
                // `8-3` and `2-3` as Grade reads a bare number in the stage;
                // `三年级` is grade 3 whatever the stage.
                let g: Int? = bare ? (try? Grade.parse("\(n)", stage: stage)) : n
                guard let g, stage.grades.contains(g) else { throw .gradeOutOfRange(stage) }
                resolved = (stage, g)
            } else if bare && n <= 6 || n == 6 {
                // `2-3` is 初二 or 二年级; `六年级` is primary or five-four junior high.
                throw .stageNeeded
            } else {
                switch n {
                case 1...5: resolved = (.primary, n)
                case 7...9: resolved = (.junior, n)
                case 10...12: resolved = (.senior, n)
                default: throw .gradeOutOfRange(nil)
                }
            }
        }
        return ClassRef(stage: resolved.0, grade: resolved.1, className: shortGradeName(resolved.0, resolved.1) + classPart)
    }

    /// The class within its grade, written one way: `初二(3)班`, `（3）班`,
    /// `3班` and `3` all give `(3)班`; a named class (`实验班`) stays as
    /// written. How a screening row's class is compared with the roster's.
    public static func classPart(_ text: String) -> String {
        let word = text.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
        if let (_, rest) = split(word), let part = className(rest) { return part }
        return className(Substring(word)) ?? word
    }

    enum GradeWord {
        /// 初二, 高一: the year within the stage.
        case inStage(SchoolStage, Int)
        /// 八年级 or the `8` of `8-3` (`bare`).
        case number(Int, bare: Bool)
    }

    /// The grade at the start of `word` and what follows it.
    static func split(_ word: String) -> (GradeWord, Substring)? {
        let chars = Array(word)
        guard !chars.isEmpty else { return nil }
        if chars.count >= 2, let stage = ["初": SchoolStage.junior, "高": .senior][chars[0]],
           let year = Grade.chineseNumber(String(chars[1])), (1...3).contains(year) {
            return (.inStage(stage, year), word.dropFirst(2))
        }
        if let range = word.range(of: "年级") {
            let number = String(word[..<range.lowerBound])
            guard let n = Int(number) ?? Grade.chineseNumber(number) else { return nil }
            return (.number(n, bare: false), word[range.upperBound...])
        }
        if let match = word.firstMatch(of: Patterns.numbered) {
            return (.number(Int(match.1)!, bare: true), Substring(match.2 + "班"))
        }
        return nil
    }

    /// `(3)班` from `(3)班`, `3班`, `3`; another name that ends in 班 as written.
    static func className(_ rest: Substring) -> String? {
        if let match = rest.firstMatch(of: Patterns.classNumber) { return "(\(Int(match.1)!))班" }
        if let match = rest.firstMatch(of: Patterns.classNumeral),
           let n = Grade.chineseNumber(String(match.1)) { return "(\(n))班" }
        return rest.count > 1 && rest.hasSuffix("班") ? String(rest) : nil
    }

    /// The patterns, built once: a regex literal in a function body is
    /// parsed again on every call (a tenth of a roster import's time).
    enum Patterns {
        /// `8-3`, `2.3班`: grade and class as numbers.
        nonisolated(unsafe) static let numbered = #/^([0-9]{1,2})[-—–－.·]([0-9]{1,2})班?$/#
        /// `(3)班`, `3班`, `3`.
        nonisolated(unsafe) static let classNumber = #/^\(?([0-9]{1,2})\)?班?$/#
        /// `(三)班`, `三班`.
        nonisolated(unsafe) static let classNumeral = #/^\(?([一二三四五六七八九十]{1,2})\)?班$/#
    }

    /// 初二, 高一, 五年级: the grade as a class name starts with it.
    static func shortGradeName(_ stage: SchoolStage, _ grade: Int) -> String {
        switch stage {
        case .junior where grade >= 7: "初" + Grade.chineseNumeral(grade - 6)
        case .senior: "高" + Grade.chineseNumeral(grade - 9)
        case .primary, .junior: Grade.chineseNumeral(grade) + "年级"
        case .vocational, .university: Grade.displayName(grade, stage: stage).zh
        }
    }
}

/// Why a class written with its grade cannot be read without a guess.
public enum ClassWithGradeProblem: TeacherReadableError, Equatable {
    /// `2-3`, `六年级(1)班`: more than one stage has this grade.
    case stageNeeded
    /// The grade word is not a grade of the stage (column) given.
    case gradeOutOfRange(SchoolStage?)
    /// `初二` names another stage than the stage column.
    case stageDisagrees
    /// The grade column says another grade than the class.
    case gradeDisagrees
    /// A grade but no class (`初二`).
    case classMissing

    public var message: LocalizedText {
        switch self {
        case .stageNeeded:
            LocalizedText(zh: "班级里的年级可能属于不同学段（如“2-3”可以是初二也可以是小学二年级，“六年级”可以是小学也可以是五四制初中）：请写成“初二(3)班”这样的形式，或加一列“学段”",
                          en: "The grade in this class could belong to more than one stage (\"2-3\" may be junior year 2 or primary grade 2; grade 6 may be primary or five-four junior high): write it like 初二(3)班, or add a stage column")
        case .gradeOutOfRange(let stage?):
            LocalizedText(zh: "班级里的年级不是\(stage.displayName.zh)的年级（\(stage.grades.lowerBound)–\(stage.grades.upperBound)）",
                          en: "The grade in this class is not a \(stage.displayName.en) grade (\(stage.grades.lowerBound)–\(stage.grades.upperBound))")
        case .gradeOutOfRange(nil):
            LocalizedText(zh: "班级里的年级应在 1 到 12 之间", en: "The grade in this class must be between 1 and 12")
        case .stageDisagrees:
            LocalizedText(zh: "班级里写的学段与“学段”列不一致，请改成一致", en: "The class names another stage than the stage column: make them agree")
        case .gradeDisagrees:
            LocalizedText(zh: "班级里写的年级与“年级”列不一致，请改成一致", en: "The class names another grade than the grade column: make them agree")
        case .classMissing:
            LocalizedText(zh: "班级只写了年级，没有写第几班（例如“初二(3)班”）",
                          en: "The class gives a grade but no class (for example 初二(3)班)")
        }
    }

    public var detail: String {
        switch self {
        case .stageNeeded: "class with grade: stage ambiguous"
        case .gradeOutOfRange(let stage): "class with grade: grade outside \(stage?.rawValue ?? "1...12")"
        case .stageDisagrees: "class with grade: stage differs from the stage column"
        case .gradeDisagrees: "class with grade: grade differs from the grade column"
        case .classMissing: "class with grade: no class after the grade"
        }
    }
}
