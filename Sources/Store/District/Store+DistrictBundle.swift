import Counseling
import DistrictBundle
import Foundation

extension Store {
    /// What a district bundle for `period` holds, counted as `account` may:
    /// refused unless its roles may export (`exportDistrictBundle`: heads
    /// and administrators), before anything is read. The figures are the
    /// term's statistics (`termStatistics`) with counts of 1 to 4 about
    /// students as "<5", keyed by their statistics keys; what the session's
    /// keys cannot count says which key it needs (a head's session:
    /// referrals and guardian contacts need the clinical key; an
    /// administrator's: every tiered figure). Staffing: `accounts` (the
    /// keyring's, verified at unlock) by role, and the minutes staff were
    /// checked in. A term still running is counted up to `now`.
    ///
    /// Writes nothing: the caller seals it, writes the file and records
    /// the export (`.recordExport(.districtBundle, …)`).
    public func districtBundleContent(period: BundlePeriod, district: KeyFingerprint, school: KeyFingerprint,
                                      accounts: [Account], as account: Account, at now: LocalDateTime,
                                      exportedAt: Date) throws -> BundleContent {
        guard account.may(.exportDistrictBundle) else { throw StoreError.notAllowed(.exportDistrictBundle) }
        let term = try calendar().term(for: period)
        guard term.first <= now.day else { throw DistrictPeriodError.notBegun(period, first: term.first) }
        // The file id only goes into the seal, which the bundle does not carry.
        let sealed = try sealedStatistics(from: term.first, through: term.last, now: now, fileID: "", suppressingSmallCounts: true)
        let checkIns = try compliance(from: term.first, through: term.last, now: now).checkIns
        let dutySeconds = checkIns.compactMap { $0.presence(asOf: now)?.seconds }.reduce(0, +)
        var byRole: [String: Int] = [:]
        for role in Role.allCases { byRole[role.rawValue] = accounts.filter { $0.roles.contains(role) }.count }
        return BundleContent(
            district: district, school: school, period: period, first: "\(term.first)", last: "\(term.last)",
            exportedAt: BundleContent.timestamp(exportedAt),
            // The export's own audit entry comes next: each export's number
            // is larger than every earlier one's.
            sequence: sealed.seal.auditEntries + 1,
            figures: Dictionary(sealed.statistics.figures.map { ($0.key.rawValue, BundleFigure($0.value)) }, uniquingKeysWith: { a, _ in a }),
            staffing: .init(accountsByRole: byRole, dutyMinutes: dutySeconds / 60))
    }
}

extension BundleFigure {
    /// A statistics figure as the bundle writes it: a count, "<5", or the
    /// key it needs (`needs-clinical-key`, as the canonical text names it).
    public init(_ figure: Figure) {
        switch figure {
        case .count(let n): self = .count(n)
        case .fewerThanFive: self = .fewerThanFive
        case .needs: self = .withheld(figure.canonical)
        }
    }
}
