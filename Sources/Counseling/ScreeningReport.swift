/// The school year's screening as `xindesk report screening` shows it: per
/// campaign and class, how many were screened, invalid, flagged, confirmed,
/// dismissed and still pending (from the campaigns' counts, which a head
/// reads); whether every grade that must be screened each year was (000,
/// 001); and, for a counselor, who: students not screened, re-tests, and
/// proposals waiting.
public struct ScreeningReport: Sendable {
    public struct ClassRow: Sendable, Equatable {
        public var tally: ScreeningCampaign.ClassTally
        /// Students of the class on the roster now.
        public var enrolled: Int
        /// Enrolled students of the class without a result in the campaign
        /// (a head's count; a counselor also gets the names).
        public var notScreened: Int
    }

    public struct CampaignSection: Sendable {
        public var campaign: ScreeningCampaign
        public var rows: [ClassRow]
        public var total: ScreeningCampaign.ClassTally
        /// Names, for a counselor only (nil for a head).
        public var notScreened: [Student]?
        public var retests: [(student: Student, result: ScreeningResult)]?
        public var pending: [(student: Student, proposal: ScreeningProposal)]?
    }

    /// A grade that must be screened each school year, and how far it was.
    public struct GradeCoverage: Sendable, Equatable {
        public var stage: SchoolStage
        public var grade: Int
        public var enrolled: Int
        /// The most students of the grade one campaign screened.
        public var screened: Int
        public var isCovered: Bool { screened > 0 }
    }

    public var year: SchoolYear
    public var sections: [CampaignSection]
    public var coverage: [GradeCoverage]

    /// `roster`: the students on the lists; `results` and `proposals`: nil
    /// for a session without the clinical key (counts only).
    public init(year: SchoolYear, campaigns: [ScreeningCampaign], roster: [Student],
                results: [ScreeningResult]?, proposals: [ScreeningProposal]?) {
        self.year = year
        let mine = campaigns.filter { year.contains($0.firstDay) }.sorted { ($0.firstDay, $0.name) < ($1.firstDay, $1.name) }
        let byClass = Dictionary(grouping: roster, by: ClassRef.init(of:))
        let byID = Dictionary(roster.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        sections = mine.map { campaign in
            let tallies = Dictionary(campaign.tallies.map { ($0.classRef, $0) }, uniquingKeysWith: { a, _ in a })
            let classes = Set(byClass.keys.filter { campaign.grades.contains($0.grade) }).union(tallies.keys)
            let rows = classes.sorted().map { ref in
                let tally = tallies[ref] ?? ScreeningCampaign.ClassTally(classRef: ref)
                let enrolled = byClass[ref]?.count ?? 0
                return ClassRow(tally: tally, enrolled: enrolled, notScreened: max(0, enrolled - tally.screened))
            }
            var section = CampaignSection(campaign: campaign, rows: rows,
                                          total: .total(campaign.tallies, as: ClassRef(stage: .junior, grade: 0, className: "")))
            if let results, let proposals {
                let own = results.filter { $0.campaign == campaign.id }
                let screened = Set(own.map(\.student))
                section.notScreened = roster.filter { campaign.grades.contains($0.grade) && !screened.contains($0.id) }
                    .sorted { (ClassRef(of: $0), $0.number) < (ClassRef(of: $1), $1.number) }
                section.retests = own.filter(\.needsRetest).compactMap { r in byID[r.student].map { ($0, r) } }
                    .sorted { (ClassRef(of: $0.student), $0.student.number) < (ClassRef(of: $1.student), $1.student.number) }
                let ids = Set(own.map(\.id))
                section.pending = proposals.filter { ids.contains($0.result) && $0.status == .pending }
                    .compactMap { p in byID[p.student].map { ($0, p) } }
                    .sorted { ($0.proposal.urgent ? 0 : 1, $0.student.number) < ($1.proposal.urgent ? 0 : 1, $1.student.number) }
            }
            return section
        }
        let grades = Set(roster.filter { SchoolYear.requiresScreening(stage: $0.stage, grade: $0.grade) }.map { GradeKey(stage: $0.stage, grade: $0.grade) })
        coverage = grades.sorted().map { key in
            let enrolled = roster.filter { $0.stage == key.stage && $0.grade == key.grade }.count
            let screened = mine.map { c in c.tallies.filter { $0.classRef.stage == key.stage && $0.classRef.grade == key.grade }
                .reduce(0) { $0 + $1.screened } }.max() ?? 0
            return GradeCoverage(stage: key.stage, grade: key.grade, enrolled: enrolled, screened: screened)
        }
    }

    private struct GradeKey: Hashable, Comparable {
        var stage: SchoolStage
        var grade: Int
        static func < (a: Self, b: Self) -> Bool { (a.grade, a.stage.rawValue) < (b.grade, b.stage.rawValue) }
    }
}
