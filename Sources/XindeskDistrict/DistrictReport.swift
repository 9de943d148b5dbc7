import Counseling
import DistrictBundle
import Foundation
import PostgresNIO

/// Every registered school's figures for one term, side by side: what
/// `report` prints, writes as HTML or as CSV. Computed from the stored
/// bundles only; a school's name is the bureau's own, never a bundle's.
struct DistrictReport {
    struct Row {
        var school: School
        /// Nil: the school sent nothing for the term.
        var bundle: StoredFigures?
    }

    /// What the report reads of one stored bundle.
    struct StoredFigures {
        var firstDay: String
        var lastDay: String
        var exportedAt: Date
        /// By the canonical key of the school's statistics (`visits.total`).
        var figures: [String: Figure]
        var staffing: BundleContent.Staffing

        func figure(_ key: StatisticsKey) -> Figure? { figures[key.rawValue] }

        /// The sum of the figures under `prefix` (the violations by kind).
        /// Nil when one of them is not a plain count.
        func sum(prefix: String) -> Int? {
            var total = 0
            for (key, value) in figures where key.hasPrefix(prefix) {
                guard case .count(let n) = value else { return nil }
                total += n
            }
            return total
        }
    }

    var period: TermPeriod
    var rows: [Row]

    var sent: [Row] { rows.filter { $0.bundle != nil } }
    var silent: [School] { rows.filter { $0.bundle == nil }.map(\.school) }

    /// Rooms whose figures suggest nobody records anything: no visit all
    /// term, or neither a violation nor a minute open (no check-in at all).
    enum Outlier: CaseIterable {
        case noVisits, noViolationsNoCheckIns

        var displayName: LocalizedText {
            switch self {
            case .noVisits: LocalizedText(zh: "整个学期没有来访记录", en: "no visits all term")
            case .noViolationsNoCheckIns: LocalizedText(zh: "没有违规，也没有任何签到", en: "no violations and no check-ins")
            }
        }
    }

    static func outliers(_ figures: StoredFigures) -> [Outlier] {
        var out: [Outlier] = []
        if figures.figure(.visits) == .count(0) { out.append(.noVisits) }
        if figures.sum(prefix: "compliance.violations.") == 0, openMinutes(figures) == 0 {
            out.append(.noViolationsNoCheckIns)
        }
        return out
    }

    /// The minutes the room was open over the term (the weekly table's sum).
    static func openMinutes(_ figures: StoredFigures) -> Int? {
        var total = 0
        for (key, value) in figures.figures where key.hasPrefix("compliance.week.") && key.hasSuffix(".open-minutes") {
            guard case .count(let n) = value else { return nil }
            total += n
        }
        return total
    }

    static func load(_ db: DistrictDatabase, period: TermPeriod) async throws -> DistrictReport {
        let schools = try await Schools.list(db)
        let rows = try await db.query("""
            SELECT school_id, first_day::text, last_day::text, exported_at, figures::text, staffing::text
            FROM bundles WHERE school_year = \(period.schoolYear) AND period = \(period.description)
            """)
        var stored: [Int: StoredFigures] = [:]
        for row in rows {
            let (id, first, last, exported, figures, staffing) = try row.decode((Int, String, String, Date, String, String).self)
            stored[id] = StoredFigures(firstDay: first, lastDay: last, exportedAt: exported,
                                       figures: try decodeFigures(figures), staffing: try JSONDecoder().decode(BundleContent.Staffing.self, from: Data(staffing.utf8)))
        }
        return DistrictReport(period: period, rows: schools.map { Row(school: $0, bundle: stored[$0.id]) })
    }

    /// The stored figures, `{"visits.total":"7",…}`; a value the school's
    /// statistics cannot hold (a stored row edited by hand) is an error,
    /// never read as 0.
    static func decodeFigures(_ json: String) throws -> [String: Figure] {
        let raw = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        var out: [String: Figure] = [:]
        for (key, value) in raw {
            guard let figure = Figure(canonical: value) else { throw DistrictError.cannotRead("bundles.figures", "\(key)=\(value)") }
            out[key] = figure
        }
        return out
    }
}
