import Counseling
import Foundation
import GRDB

/// A typed key of the `settings` table.
public struct SettingKey<Value: Codable & Sendable>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

public extension SettingKey where Value == SchoolCalendar {
    static let calendar = SettingKey("calendar")
}
public extension SettingKey where Value == OpeningPolicy {
    static let openingPolicy = SettingKey("opening-policy")
}
public extension SettingKey where Value == CrisisChecklist {
    static let crisisChecklist = SettingKey("crisis-checklist")
}
public extension SettingKey where Value == FollowUpIntervals {
    static let followUpIntervals = SettingKey("follow-up-intervals")
}
public extension SettingKey where Value == ScreeningRules {
    static let screeningRules = SettingKey("screening-rules")
}
public extension SettingKey where Value == SchoolProfile {
    static let school = SettingKey("school")
}
public extension SettingKey where Value == [Staff] {
    static let staff = SettingKey("staff")
}

extension Store {
    public func setting<V>(_ key: SettingKey<V>) throws -> V? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM settings WHERE key = ?", arguments: [key.name])
                .map { try Self.decode(V.self, $0) }
        }
    }

    /// Stores a setting, with an audit entry naming which one changed.
    /// Tests set one part directly; a school sets them with the school file
    /// (`StoreCommand.applySchoolSetup`).
    func set<V>(_ key: SettingKey<V>, _ value: V, by actor: StaffID, at now: LocalDateTime) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO settings(key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                           arguments: [key.name, try Self.encode(value)])
            try audit(db, actor, now, .settingsChange, nil, key.name)
        }
    }

    /// The school calendar with the bundled public holidays added; until
    /// the school enters its own, the usual autumn and spring terms.
    public func calendar() throws -> SchoolCalendar {
        (try setting(.calendar) ?? HolidayFile.defaultSchoolCalendar()).adding(publicHolidays: try HolidayFile.bundled())
    }

    /// The opening rules to check: the school's saved copy when it has one
    /// (for `profile`, when the settings name one), else the preset of
    /// `profile`, else the primary and secondary rules.
    public func openingPolicy(profile: OpeningPolicy.Profile? = nil) throws -> OpeningPolicy {
        let saved: OpeningPolicy? = try setting(.openingPolicy)
        if let saved, profile == nil || saved.profile == profile { return saved }
        return .preset(profile ?? .primarySecondary)
    }

    public func crisisChecklist() throws -> CrisisChecklist {
        try setting(.crisisChecklist) ?? .standard
    }

    public func followUpIntervals() throws -> FollowUpIntervals {
        try setting(.followUpIntervals) ?? FollowUpIntervals()
    }

    /// The screening decision rules the school applied, else the published ones.
    public func screeningRules() throws -> ScreeningRules {
        try setting(.screeningRules) ?? .defaults
    }

    /// The people who work in the room: every account of the keyring, then
    /// people the duty roster names who have no account.
    public func staff() throws -> [Staff] {
        try writer.read { db in try staff(db) }
    }

    /// An account is called by the display name the signed keyring gives
    /// it; without one (an account added before display names), by the name
    /// the `staff` setting gave it (a demo made before them), else by its
    /// account name. The setting names the roster's people without account.
    func staff(_ db: Database) throws -> [Staff] {
        let named = try Self.staffSetting(db)
        let fromAccounts = accounts.map { account in
            Staff(id: account.id, name: account.displayName ?? named.first { $0.id == account.id }?.name ?? account.id.rawValue,
                  roles: account.roles)
        }
        return fromAccounts + named.filter { person in !accounts.contains { $0.id == person.id } }
    }
}
