/// A stretch of the school year when students are under more strain (000:
/// term start, before and after exams, graduation): key-attention students
/// are followed up more often while it lasts.
public struct SpecialPeriod: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable, DisplayNamed {
        case termStart = "term-start"
        case beforeExams = "before-exams"
        case afterExams = "after-exams"
        case graduation

        public var displayName: LocalizedText {
            switch self {
            case .termStart: LocalizedText(zh: "开学初", en: "term start")
            case .beforeExams: LocalizedText(zh: "考前", en: "before exams")
            case .afterExams: LocalizedText(zh: "考后", en: "after exams")
            case .graduation: LocalizedText(zh: "毕业季", en: "graduation")
            }
        }
    }

    public var kind: Kind
    /// The school's own name for it, e.g. `期末考试前两周`.
    public var name: String
    public var first: Day
    public var last: Day
    /// The follow-up interval while it lasts, in days.
    public var followUpDays: Int

    public init(kind: Kind, name: String, first: Day, last: Day, followUpDays: Int) {
        self.kind = kind
        self.name = name
        self.first = first
        self.last = last
        self.followUpDays = followUpDays
    }

    public func contains(_ day: Day) -> Bool { first <= day && day <= last }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let problem = TextCheck.line(name, field: .specialPeriod, maximumLength: 100) { problems.append(problem) }
        if last < first { problems.append(.endNotAfterStart(.specialPeriod)) }
        if !(1...365).contains(followUpDays) { problems.append(.outOfRange(.followUpInterval, lowest: 1, highest: 365)) }
        return problems
    }
}
