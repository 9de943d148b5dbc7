import ArgumentParser
import Counseling
import Foundation
import Store

extension ImportCommand {
    /// `xindesk import screening FILE --instrument …`: a screening
    /// platform's export, or PHQ-9/GAD-7 answers, into a campaign. Every
    /// flagged result becomes a proposal for a counselor, never a level.
    struct Screening: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import screening results into a campaign (counselors): PHQ-9/GAD-7 answers are scored here; MHT, MSSMHS and SCL-90 scores and platform warning levels are judged by the school's rules.")
        @OptionGroup var options: Options
        @Option(help: "phq9, gad7, mht, mssmhs, scl90 or levels (a platform's own warning level).")
        var instrument: ScreeningInstrument
        @Option(help: "The day of rows without a date of their own (default: today).")
        var date: String?
        @Option(help: "The campaign's name; a later import under the same name adds to it (default: the school year and instrument).")
        var campaign: String?
        @Option(help: "The grades the campaign covers, e.g. 4,5,6 or 7-9 (default: the grades of the students in the file).")
        var grades: String?
        @Option(help: "The consent or information text students and guardians were given.")
        var consent: String = ""
        @Option(help: "The instrument's version as the platform names it (default: xindesk's description of the rules used).")
        var version: String?

        func validate() throws {
            if let grades, GradeList.parse(grades) == nil {
                throw ValidationError(LocalizedText(zh: "--grades 写法如 4,5,6 或 7-9", en: "--grades is written like 4,5,6 or 7-9").text(Text.language))
            }
        }

        func run() throws {
            let started = Date()
            let typedDay = try date.map { try Day.parse($0, field: .date) }
            let sheet = try ImportFile.sheet(options)
            // The roster is read once: decoding 10,000 students is most of an import's time.
            var roster: [Student] = []
            try ImportFile.run(options, read: { store in
                roster = try store.allStudents()
                return ScreeningImport.read(sheet, instrument: instrument, rules: try store.screeningRules(),
                                            students: roster, date: typedDay ?? LocalDateTime(Date(), in: store.timeZone).day)
            }) { session, report in
                let day = typedDay ?? session.now.day
                let students = Dictionary(roster.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                let days = report.values.map(\.date)
                // The same default in every language, so a re-import finds it.
                let name = campaign ?? "\(SchoolYear(of: day)) \(instrument.shortName)"
                let named = ScreeningCampaign(
                    id: ScreeningCampaignID("campaign-" + UUID().uuidString.prefix(8).lowercased()), name: name,
                    instruments: [instrument], versions: [version ?? instrument.defaultVersion],
                    firstDay: days.min() ?? day, lastDay: days.max() ?? day,
                    grades: grades.flatMap(GradeList.parse) ?? Array(Set(report.values.compactMap { students[$0.student]?.grade })),
                    consent: consent)
                let results = report.values.map { row in
                    ScreeningResult(id: ScreeningResultID("\(instrument.rawValue)-\(row.student.rawValue)"), student: row.student,
                                    instrument: instrument.shortName, date: row.date, scores: row.outcome.scores,
                                    flag: row.outcome.flag, version: version ?? instrument.defaultVersion,
                                    urgent: row.outcome.urgent, invalid: row.outcome.invalid, reasons: row.outcome.reasons)
                }
                let outcome = try session.execute(.importScreening(ScreeningImportBatch(campaign: named, results: results)))
                let c = outcome.screening ?? ScreeningImportCounts()
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                return LocalizedText(
                    zh: "测评批次“\(name)”：新增 \(c.added) 条，更正 \(c.changed) 条，未变 \(c.unchanged) 条；新的待确认建议 \(c.proposals) 条（紧急 \(c.urgent) 条），需重测 \(c.retests) 人，撤回建议 \(c.withdrawn) 条。用时 \(seconds) 秒。",
                    en: "Campaign “\(name)”: \(c.added) added, \(c.changed) corrected, \(c.unchanged) unchanged; \(c.proposals) new proposals to decide (\(c.urgent) urgent), \(c.retests) to re-test, \(c.withdrawn) proposals withdrawn. Took \(seconds) s."
                ).text(Text.language)
            }
        }
    }
}

extension ScreeningInstrument: ExpressibleByArgument {}

/// `4,5,6` or `7-9` (or both: `4-6,9`).
enum GradeList {
    static func parse(_ text: String) -> [Int]? {
        var grades: Set<Int> = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let ends = part.split(separator: "-").compactMap { Int($0) }
            switch ends.count {
            case 1 where (1...12).contains(ends[0]): grades.insert(ends[0])
            case 2 where (1...12).contains(ends[0]) && (ends[0]...12).contains(ends[1]): grades.formUnion(ends[0]...ends[1])
            default: return nil
            }
        }
        return grades.isEmpty ? nil : grades.sorted()
    }
}
