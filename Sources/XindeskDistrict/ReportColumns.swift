import Counseling
import DistrictBundle

/// The columns of the district report, one school a row: what each shows
/// and how a value reads in a language. Shared by the text table, the CSV
/// and the HTML, so the three always say the same.
enum ReportColumns {
    static let roles = ["counselor", "duty", "head", "admin"]

    static let headers: [LocalizedText] = [
        LocalizedText(zh: "学校", en: "School"),
        LocalizedText(zh: "达标周", en: "Weeks met"),
        LocalizedText(zh: "违规", en: "Violations"),
        LocalizedText(zh: "来访", en: "Visits"),
        LocalizedText(zh: "测评覆盖", en: "Screened"),
        LocalizedText(zh: "期末一/二/三级", en: "Watch 1/2/3"),
        LocalizedText(zh: "转介反馈", en: "Referral feedback"),
        LocalizedText(zh: "心理/值班/负责人", en: "Couns./duty/head"),
        LocalizedText(zh: "值班小时", en: "Duty hours"),
    ]

    /// The cells of one school that sent its bundle, in `headers` order after the name.
    static func cells(_ f: DistrictReport.StoredFigures, _ L: Language) -> [String] {
        func show(_ key: StatisticsKey) -> String { f.figure(key)?.displayText.text(L) ?? "–" }
        let weeks = [StatisticsKey.weeksMet, .weeksNotMet, .weeksIncomplete].compactMap(f.figure)
        let weeksTotal = weeks.reduce(0) { sum, figure in if case .count(let n) = figure { sum + n } else { sum } }
        let levels = [WarningLevel.general, .severe, .major].map { show(.levelAtEnd($0)) }.joined(separator: "/")
        let staff = ["counselor", "duty", "head"].map { String(f.staffing.accountsByRole[$0] ?? 0) }.joined(separator: "/")
        return [
            "\(show(.weeksMet))/\(weeksTotal)",
            f.sum(prefix: "compliance.violations.").map(String.init) ?? "–",
            show(.visits),
            rate(f.figure(.screened), of: f.figure(.screeningEligible), L),
            levels,
            rate(f.figure(.referralsWithFeedback), of: f.figure(.referrals), L),
            staff,
            hours(f.staffing.dutyMinutes),
        ]
    }

    /// `part/whole (p%)`; the percentage only when both are exact counts
    /// (a "<5" has no exact share).
    static func rate(_ part: Figure?, of whole: Figure?, _ L: Language) -> String {
        guard let part, let whole else { return "–" }
        let text = part.displayText.text(L) + "/" + whole.displayText.text(L)
        guard case .count(let p) = part, case .count(let w) = whole, w > 0 else { return text }
        return text + " (\((p * 100 + w / 2) / w)%)"
    }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60)" : "\(minutes / 60).\((minutes % 60) * 10 / 60)"
    }
}
