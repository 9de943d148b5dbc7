import Counseling
import DistrictBundle

extension SchoolCalendar {
    /// The term `period` names, whatever the school called it: the one term
    /// starting in `period`'s year, from August for autumn, before August
    /// for spring (the 2026 autumn term starts in September 2026, the 2026
    /// spring term in February or March 2026). The refusal lists the terms
    /// by their dates, not the names the school typed.
    public func term(for period: BundlePeriod) throws -> Term {
        let matching = terms.filter { term in
            term.first.year == period.year && (term.first.month >= 8) == (period.season == .autumn)
        }
        guard matching.count == 1 else {
            throw DistrictPeriodError.noTerm(period, known: terms.sorted { $0.first < $1.first }.map { "\($0.first)–\($0.last)" })
        }
        return matching[0]
    }
}
