import Counseling
import DistrictBundle
import Foundation

/// Generated bundles for the scale benchmark: every figure a school's
/// statistics hold (the same keys, 20 weeks of the weekly table), with
/// counts drawn from a seeded generator so a run can be repeated, and the
/// small student counts sent as "<5" as a real export does. Signed by a
/// fresh key per school, sealed to the district like a real bundle.
struct BenchBundles {
    var seed: UInt64

    /// The keys of one term's statistics, in the school's document order.
    static func keys(firstMonday: Day, weeks: Int) -> [StatisticsKey] {
        var keys: [StatisticsKey] = [.weeksMet, .weeksNotMet, .weeksIncomplete, .schoolDays, .daysMet]
        keys += StatisticsKey.Violation.allCases.map(StatisticsKey.violations)
        for w in 0..<weeks {
            let monday = firstMonday.adding(days: 7 * w)
            keys += [.weekOpenMinutes(monday), .weekRequiredMinutes(monday)]
        }
        keys += [.visits, .visitStudents]
        keys += Visit.Channel.allCases.map(StatisticsKey.visitsByChannel)
        keys += (7...9).map { StatisticsKey.visitsByGrade(.junior, $0) } + [.visitsWithoutGrade]
        keys += Gender.allCases.map(StatisticsKey.visitsByGender) + [.visitsWithoutGender]
        keys += Visit.Reason.allCases.map(StatisticsKey.visitsByReason)
        keys += [.groupSessions, .groupAttendances, .groupStudents, .appointments]
        keys += Appointment.Status.allCases.map(StatisticsKey.appointmentsByStatus)
        keys += [.campaigns, .screeningEligible, .screened, .screeningInvalid, .screeningFlagged, .screeningConfirmed]
        let levels: [WarningLevel] = [.general, .severe, .major]
        keys += levels.map(StatisticsKey.levelAtStart) + levels.map(StatisticsKey.levelAtEnd)
        keys += [.levelChanges, .levelsRaised, .levelsLowered, .referrals, .referralsGreenChannel, .referralsWithFeedback,
                 .referralsDeclined, .guardianContacts, .guardianNotifications, .routineContacts,
                 .closingsRequested, .closingsApproved, .closingsDeclined]
        return keys
    }

    /// One school's content for `period`; `sequence` orders its exports.
    mutating func content(school: any BundleSigner, district: DistrictPublicKey, period: BundlePeriod,
                          sequence: Int64) -> BundleContent {
        let firstDay = period.season == .autumn ? Day(year: period.year, month: 9, day: 1)! : Day(year: period.year, month: 2, day: 23)!
        let weeks = 20
        let met = 12 + next(8)
        // Figures that bound each other stay consistent: screened of those
        // to screen, feedback of the referrals, and so on.
        let eligible = 300 + next(1_200), referrals = 5 + next(40), visits = next(8) == 0 ? 0 : 20 + next(300)
        let bounded: [StatisticsKey: Int] = [
            .screeningEligible: eligible, .screened: eligible - next(eligible / 10), .referrals: referrals,
            .referralsWithFeedback: referrals - next(referrals), .referralsGreenChannel: next(referrals),
            .referralsDeclined: next(3), .visits: visits, .visitStudents: visits * 2 / 3,
            .levelAtStart(.general): 10 + next(40), .levelAtEnd(.general): 10 + next(40),
            .levelAtStart(.severe): next(15), .levelAtEnd(.severe): next(15),
            .levelAtStart(.major): next(5), .levelAtEnd(.major): next(5),
        ]
        var figures: [String: BundleFigure] = [:]
        for key in Self.keys(firstMonday: firstDay, weeks: weeks) {
            let n: Int
            switch key {
            case .weeksMet: n = met
            case .weeksNotMet: n = weeks - met
            case .weeksIncomplete: n = 0
            case .weekOpenMinutes: n = 600 + next(900)
            case .weekRequiredMinutes: n = 900
            case .schoolDays: n = 100
            case .daysMet: n = 60 + next(40)
            default:
                n = bounded[key] ?? next(key.isAboutStudents ? 60 : 6)
            }
            figures[key.rawValue] = key.isAboutStudents && (1...4).contains(n) ? .fewerThanFive : .count(max(0, n))
        }
        let staffing = BundleContent.Staffing(accountsByRole: ["counselor": 1 + next(3), "duty": 4 + next(8), "head": 1, "admin": 1],
                                              dutyMinutes: 6_000 + next(6_000))
        let first = firstDay.description
        let last = firstDay.adding(days: 7 * weeks - 3).description
        return BundleContent(district: district.fingerprint, school: school.fingerprint, period: period, first: first, last: last,
                             exportedAt: BundleContent.timestamp(Date()), sequence: sequence, figures: figures, staffing: staffing)
    }

    /// splitmix64: a small seeded generator, the same figures every run.
    private mutating func next(_ bound: Int) -> Int {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(1, bound)))
    }
}
