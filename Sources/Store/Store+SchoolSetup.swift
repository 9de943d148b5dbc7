import Counseling
import Foundation
import GRDB

extension Store {
    /// The school's setup as the school file shows it: each part as stored,
    /// or its default; the calendar without the bundled public holidays
    /// (added when it is read), so the file lists the school's own entries.
    public func schoolSetup() throws -> SchoolSetup {
        try writer.read { db in try schoolSetup(db) }
    }

    func schoolSetup(_ db: Database) throws -> SchoolSetup {
        func stored<V>(_ key: SettingKey<V>) throws -> V? {
            try String.fetchOne(db, sql: "SELECT body FROM settings WHERE key = ?", arguments: [key.name])
                .map { try Self.decode(V.self, $0) }
        }
        let calendar = (try stored(.calendar) ?? HolidayFile.defaultSchoolCalendar()).removing(publicHolidays: try HolidayFile.bundled())
        return SchoolSetup(profile: try stored(.school) ?? .unnamed, calendar: calendar,
                           openingPolicy: try stored(.openingPolicy) ?? .primarySecondary,
                           followUpIntervals: try stored(.followUpIntervals) ?? .standard,
                           crisisChecklist: try stored(.crisisChecklist) ?? .standard,
                           screeningRules: try stored(.screeningRules) ?? .defaults)
    }

    /// Whether the school has stored a crisis checklist of its own (then
    /// its hotlines are the ones every workstation shows).
    public func hasOwnCrisisChecklist() throws -> Bool {
        try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM settings WHERE key = ?)",
                              arguments: [SettingKey<CrisisChecklist>.crisisChecklist.name]) ?? false
        }
    }

    /// The school's first recorded day: its first check-in, planned shift
    /// or visit, whichever is earliest; nil before anything is recorded.
    /// These are room records, whose time column is clear (`projections`).
    public func firstRecordedDay() throws -> Day? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT min(time) FROM records WHERE kind IN (?, ?, ?) AND time != ''",
                                arguments: [RecordKind.checkin, RecordKind.shift, RecordKind.visit])
                .flatMap { try? Day.parse(String($0.prefix(10)), field: .date) }
        }
    }
}
