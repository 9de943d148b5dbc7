public typealias ScreeningCampaignID = Identifier<ScreeningCampaign>

/// A screening round (心理测评 / 筛查): a name, the days it ran, the
/// instrument, the grades it covered and the consent text students and
/// guardians were given. It carries its figures per class, counts only,
/// so a head of guidance (who holds no clinical key) can report coverage
/// and outcomes without reading a single result.
public struct ScreeningCampaign: Identifiable, Hashable, Codable, Sendable {
    public var id: ScreeningCampaignID
    public var name: String
    public var instruments: [ScreeningInstrument]
    /// The instrument versions and rule sets the results were judged by.
    public var versions: [String]
    public var firstDay: Day
    public var lastDay: Day
    /// Grade numbers as `Student.grade` counts them (初一 is 7).
    public var grades: [Int]
    /// The consent or information text used (知情同意), as given.
    public var consent: String
    public var tallies: [ClassTally]

    public init(id: ScreeningCampaignID, name: String, instruments: [ScreeningInstrument], versions: [String],
                firstDay: Day, lastDay: Day, grades: [Int], consent: String, tallies: [ClassTally] = []) {
        self.id = id
        self.name = name
        self.instruments = instruments
        self.versions = versions
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.grades = grades.sorted()
        self.consent = consent
        self.tallies = tallies
    }

    /// One class's figures in the campaign.
    public struct ClassTally: Hashable, Codable, Sendable, Comparable {
        public var classRef: ClassRef
        public var screened = 0
        /// Invalid questionnaires: re-tests, never proposals.
        public var invalid = 0
        public var flagged = 0
        public var urgent = 0
        public var proposed = 0
        public var confirmed = 0
        public var dismissed = 0
        public var withdrawn = 0

        public init(classRef: ClassRef) { self.classRef = classRef }

        /// Proposals nobody has decided yet.
        public var pending: Int { proposed - confirmed - dismissed - withdrawn }

        public static func < (a: Self, b: Self) -> Bool { a.classRef < b.classRef }

        /// The sum of several classes' figures (a grade's, the campaign's).
        public static func total(_ tallies: [ClassTally], as classRef: ClassRef) -> ClassTally {
            tallies.reduce(into: ClassTally(classRef: classRef)) { t, c in
                t.screened += c.screened; t.invalid += c.invalid; t.flagged += c.flagged; t.urgent += c.urgent
                t.proposed += c.proposed; t.confirmed += c.confirmed; t.dismissed += c.dismissed; t.withdrawn += c.withdrawn
            }
        }
    }

    /// The figures per class from the campaign's results and their
    /// proposals; a student no longer on the roster counts under "?".
    public static func tallies(results: [ScreeningResult], proposals: [ScreeningProposal],
                               classOf: [StudentID: ClassRef]) -> [ClassTally] {
        var byClass: [ClassRef: ClassTally] = [:]
        let unknown = ClassRef(stage: .junior, grade: 0, className: "?")
        let proposalOf = Dictionary(proposals.map { ($0.result, $0) }, uniquingKeysWith: { a, _ in a })
        for result in results {
            let ref = classOf[result.student] ?? unknown
            var t = byClass[ref] ?? ClassTally(classRef: ref)
            t.screened += 1
            if result.needsRetest { t.invalid += 1 }
            if result.flag != .none || result.urgent { t.flagged += 1 }
            if result.urgent { t.urgent += 1 }
            if let proposal = proposalOf[result.id] {
                t.proposed += 1
                switch proposal.status {
                case .pending: break
                case .confirmed: t.confirmed += 1
                case .dismissed: t.dismissed += 1
                case .withdrawn: t.withdrawn += 1
                }
            }
            byClass[ref] = t
        }
        return byClass.values.sorted()
    }

    /// Whether `text` names this campaign (width, case and spaces aside):
    /// a re-import under the same name goes into it.
    public func isNamed(_ text: String) -> Bool { WordNormalizer.key(text) == WordNormalizer.key(name) }

    public func validate() -> [ValidationError] {
        var problems: [ValidationError] = []
        if let problem = TextCheck.line(name, field: .campaign, maximumLength: 60) { problems.append(problem) }
        if lastDay < firstDay { problems.append(.endNotAfterStart(.date)) }
        if let problem = TextCheck.note(consent, field: .consent) { problems.append(problem) }
        return problems
    }
}

/// The school year a day falls in, named by the year it starts: 1 August
/// to 31 July, so a May screening belongs to the year that began the
/// September before (000: at least once a school year).
public struct SchoolYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var startYear: Int

    public init(startYear: Int) { self.startYear = startYear }
    public init(of day: Day) { startYear = day.month >= 8 ? day.year : day.year - 1 }

    public var firstDay: Day { Day(year: startYear, month: 8, day: 1)! }
    public var lastDay: Day { Day(year: startYear + 1, month: 7, day: 31)! }
    public func contains(_ day: Day) -> Bool { day >= firstDay && day <= lastDay }
    public var description: String { "\(startYear)–\(startYear + 1)" }
    public static func < (a: Self, b: Self) -> Bool { a.startYear < b.startYear }

    /// Whether students of `grade` in `stage` must be screened every school
    /// year: upper primary (grade 4 on) and every secondary grade (000, 001).
    public static func requiresScreening(stage: SchoolStage, grade: Int) -> Bool {
        switch stage {
        case .primary: grade >= 4
        case .junior, .senior, .vocational: true
        case .university: false
        }
    }
}
