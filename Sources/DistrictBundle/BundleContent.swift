import Foundation

/// What a school sends its district for one period: counts only. The
/// figures are keyed by the school's own statistics keys (`StatisticsKey`
/// raw values in the Counseling module: `compliance.weeks.met`,
/// `compliance.violations.closed`, `compliance.week.2026-09-07.open-minutes`,
/// `visits.total`, `visits.channel.walk-in`, `visits.grade.junior-7`,
/// `visits.reason.study`, `groups.sessions`, `appointments.total`,
/// `screening.eligible`, `screening.screened`, `levels.start.watch2`,
/// `levels.end.watch3`, `referrals.total`, `referrals.feedback`,
/// `contacts.total`, `closings.approved`, …), so the district and the
/// school's printed statistics name each figure alike. Counts of 1 to 4
/// about students arrive as "<5"; the room's own figures (weeks, minutes,
/// staffing) exactly.
///
/// Nothing here names a person: no student, no staff member, no number,
/// no date of birth, no text anyone typed.
public struct BundleContent: Hashable, Sendable, Codable {
    public static let formatName = "xindesk-district-bundle"
    public static let currentVersion = 1

    public var format: String = BundleContent.formatName
    public var version: Int = BundleContent.currentVersion
    /// The district key the bundle was sealed to.
    public var district: KeyFingerprint
    /// The school's reporting key that signed it: what the district registers.
    public var school: KeyFingerprint
    public var period: BundlePeriod
    /// The term's first and last day as the school calendar has them (YYYY-MM-DD).
    public var first: String
    public var last: String
    /// When it was exported, UTC, to the second (`2026-12-08T01:05:13Z`).
    public var exportedAt: String
    /// Grows with every export of the school (the length of its audit log
    /// when exported, plus one for the export's own entry): of two bundles
    /// of one school and period, the larger is the newer, whatever the
    /// clocks said, so the district can refuse an older one. (A school put
    /// back to an older backup counts from that backup's log again: its next
    /// exports number lower until it has caught up.)
    public var sequence: Int64
    public var figures: [String: BundleFigure]
    public var staffing: Staffing

    /// Who works in the room, as counts: accounts by role (`admin`, `counselor`,
    /// `duty`, `head`; an account with two roles counts in both) and the
    /// minutes staff were checked in on duty in the period (each person's
    /// own time, added up).
    public struct Staffing: Hashable, Sendable, Codable {
        public var accountsByRole: [String: Int]
        public var dutyMinutes: Int

        public init(accountsByRole: [String: Int], dutyMinutes: Int) {
            self.accountsByRole = accountsByRole
            self.dutyMinutes = dutyMinutes
        }
    }

    public init(district: KeyFingerprint, school: KeyFingerprint, period: BundlePeriod, first: String, last: String,
                exportedAt: String, sequence: Int64, figures: [String: BundleFigure], staffing: Staffing) {
        self.district = district
        self.school = school
        self.period = period
        self.first = first
        self.last = last
        self.exportedAt = exportedAt
        self.sequence = sequence
        self.figures = figures
        self.staffing = staffing
    }

    /// `exportedAt` for `date`: UTC, whole seconds.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// The canonical JSON: keys sorted, no whitespace, integers only (no
    /// floating point anywhere), slashes unescaped. The signature covers
    /// these bytes; the district refuses bytes that are not canonical, so
    /// one content has exactly one signed form.
    public func canonicalJSON() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, an integer or a map of them: encoding cannot fail.
        return Array(try! encoder.encode(self))
    }

    /// Reads canonical JSON; refuses another format or version, and bytes
    /// that are not exactly the canonical form of what they hold.
    public static func parse(canonical bytes: [UInt8]) throws -> BundleContent {
        struct Header: Decodable { var format: String; var version: Int }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(bytes)), header.format == formatName else {
            throw DistrictBundleError.malformed(detail: "content is not a \(formatName) JSON object")
        }
        guard header.version == currentVersion else { throw DistrictBundleError.unsupportedVersion(header.version) }
        let content: BundleContent
        do {
            content = try JSONDecoder().decode(BundleContent.self, from: Data(bytes))
        } catch {
            throw DistrictBundleError.malformed(detail: "content JSON: \(error)")
        }
        guard content.canonicalJSON() == bytes else { throw DistrictBundleError.notCanonical }
        return content
    }
}
