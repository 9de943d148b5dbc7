/// Everything a school sets up for itself, as the school file holds it:
/// the school, its calendar (without the bundled public holidays, which
/// are added when it is read), the opening rules, the follow-up intervals
/// with the special periods, and the crisis checklist with the region's
/// hotlines, and the screening rules. Applied as one, in one transaction.
public struct SchoolSetup: Hashable, Sendable {
    /// What changed, as the audit entry names it (the settings keys).
    public enum Section: String, Sendable, CaseIterable {
        case school, calendar
        case openingPolicy = "opening-policy"
        case followUpIntervals = "follow-up-intervals"
        case crisisChecklist = "crisis-checklist"
        case screeningRules = "screening-rules"

        /// Who may change it.
        public var action: Action {
            switch self {
            case .school, .calendar: .editSchoolCalendar
            case .openingPolicy, .followUpIntervals: .editOpeningPolicy
            case .crisisChecklist: .editCrisisChecklist
            case .screeningRules: .editScreeningRules
            }
        }
    }

    public var profile: SchoolProfile
    public var calendar: SchoolCalendar
    public var openingPolicy: OpeningPolicy
    public var followUpIntervals: FollowUpIntervals
    public var crisisChecklist: CrisisChecklist
    public var screeningRules: ScreeningRules

    public init(profile: SchoolProfile, calendar: SchoolCalendar, openingPolicy: OpeningPolicy,
                followUpIntervals: FollowUpIntervals, crisisChecklist: CrisisChecklist,
                screeningRules: ScreeningRules = .defaults) {
        self.profile = profile
        self.calendar = calendar
        self.openingPolicy = openingPolicy
        self.followUpIntervals = followUpIntervals
        self.crisisChecklist = crisisChecklist
        self.screeningRules = screeningRules
    }

    /// The sections that differ from `old`, in file order.
    public func changedSections(from old: SchoolSetup) -> [Section] {
        Section.allCases.filter { section in
            switch section {
            case .school: profile != old.profile
            case .calendar: calendar != old.calendar
            case .openingPolicy: openingPolicy != old.openingPolicy
            case .followUpIntervals: followUpIntervals != old.followUpIntervals
            case .crisisChecklist: crisisChecklist != old.crisisChecklist
            case .screeningRules: screeningRules != old.screeningRules
            }
        }
    }

    /// Every part's own rules, and that each timetable belongs to one of
    /// the school's stages, one per stage.
    public func validate() -> [ValidationError] {
        var problems = profile.validate() + calendar.validate() + openingPolicy.validate()
            + followUpIntervals.validate() + crisisChecklist.validate() + screeningRules.validate()
        let stages = calendar.timetables.map(\.stage)
        if profile.stages.count > 1, stages.contains(nil) { problems.append(.empty(.stage)) }
        if stages.contains(where: { $0.map { !profile.stages.contains($0) } ?? false }) {
            problems.append(.unrecognized(.stage, choices: Self.stageChoices(profile.stages)))
        }
        if Set(stages.compactMap { $0 }).count != stages.compactMap({ $0 }).count { problems.append(.duplicate(.stage)) }
        return problems
    }

    static func stageChoices(_ stages: [SchoolStage]) -> LocalizedText {
        LocalizedText(zh: stages.map(\.rawValue).joined(separator: "、"), en: stages.map(\.rawValue).joined(separator: ", "))
    }
}
