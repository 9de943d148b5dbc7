import Counseling
import DistrictBundle

/// Why a district export cannot cover the period asked for.
public enum DistrictPeriodError: TeacherReadableError, Equatable {
    /// Not `YYYY-autumn` or `YYYY-spring`.
    case unreadable(String)
    /// The school calendar has no term starting in that season of that year.
    case noTerm(BundlePeriod, known: [String])
    /// The term has not begun: there is nothing to report yet.
    case notBegun(BundlePeriod, first: Day)

    public var message: LocalizedText {
        switch self {
        case .unreadable:
            LocalizedText(zh: "学期写法不对。请写成“年份-autumn”（秋季学期）或“年份-spring”（春季学期），例如 2026-autumn。",
                          en: "The period is not written as a term. Write YEAR-autumn or YEAR-spring, for example 2026-autumn.")
        case .noTerm(let period, let known):
            LocalizedText(zh: "校历中没有 \(Self.zh(period)) 开始的学期。校历中的学期：\(known.isEmpty ? "无" : known.joined(separator: "、"))。请先在学校配置文件中录入这个学期。",
                          en: "The school calendar has no term starting in \(Self.en(period)). Terms in the calendar: \(known.isEmpty ? "none" : known.joined(separator: ", ")). Enter the term in the school file first.")
        case .notBegun(let period, let first):
            LocalizedText(zh: "\(Self.zh(period))学期 \(first) 才开始，还没有可报送的数字。",
                          en: "The \(period) term only begins on \(first): there are no figures to send yet.")
        }
    }

    public var detail: String {
        switch self {
        case .unreadable: "district period: not YYYY-autumn or YYYY-spring"
        case .noTerm(let period, let known): "district period \(period): no calendar term starts in it (terms: \(known.count))"
        case .notBegun(let period, let first): "district period \(period) begins \(first)"
        }
    }

    private static func zh(_ p: BundlePeriod) -> String { "\(p.year)年\(p.season == .autumn ? "秋季" : "春季")" }
    private static func en(_ p: BundlePeriod) -> String { "\(p.season == .autumn ? "autumn" : "spring") \(p.year)" }
}
