/// What the second person reads before deciding on a closing (销号, 004):
/// the file's levels over time, the support plan and its last review, the
/// last follow-ups and the referrals still open — as far as the approver's
/// keys open them. A head of guidance holds no clinical key, so plans and
/// referrals stay closed to them; the store checked them when the
/// counselor asked (`CaseClosing.problems`), and the summary says so.
public struct ClosingSummary: Hashable, Codable, Sendable {
    /// How many of the latest follow-ups the approver is shown.
    public static let followUpsShown = 3

    public var levelChanges: [LevelChange]
    /// False when the approver's keys do not open plans and referrals.
    public var clinicalReadable: Bool
    public var plan: SupportPlan?
    /// The latest follow-ups by due date, oldest first.
    public var lastFollowUps: [FollowUp]
    public var openReferrals: [Referral]

    public init(file: StudentFile, clinicalReadable: Bool) {
        levelChanges = file.levelChanges.sorted { $0.at < $1.at }
        self.clinicalReadable = clinicalReadable
        plan = clinicalReadable ? file.currentPlan : nil
        lastFollowUps = Array(file.followUps.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.suffix(Self.followUpsShown))
        openReferrals = clinicalReadable ? file.referrals.filter(\.awaitsFeedback) : []
    }
}
