import Counseling
import Foundation
import GRDB

/// The school file applied by someone else after it was read: who, when.
public struct SchoolSetupStale: TeacherReadableError, Equatable {
    public var by: String?
    public var at: LocalDateTime?

    public var message: LocalizedText {
        let who = by ?? "?", when = at.map { "\($0.day) \($0.time)" } ?? "?"
        return LocalizedText(zh: "\(who) 于 \(when) 修改了学校设置，您的文件未保存。请重新运行 xindesk school show 取得新版本，对照修改后再应用。",
                             en: "\(who) changed the school setup at \(when); your file was not saved. "
                                 + "Run xindesk school show again for the new version, compare and apply again.")
    }

    public var detail: String { "school setup: stored version differs from basedOn (last settings.change by \(by ?? "?"))" }
}

extension Store {
    /// Stores the parts of `setup` that differ from `base`, after checking
    /// the permission of each part, the domain rules of the whole and that
    /// the stored setup is still `base`; one audit entry names the parts.
    func applySchoolSetup(_ setup: SchoolSetup, basedOn base: SchoolSetup, _ a: Account, _ now: LocalDateTime,
                          _ db: Database) throws -> CommandOutcome {
        let changed = setup.changedSections(from: base)
        if let refused = changed.map(\.action).first(where: { !a.may($0) }) { throw StoreError.notAllowed(refused) }
        try Self.validate(setup.validate())
        guard try schoolSetup(db) == base else {
            let last = try AuditEntry.fetchOne(db, sql: "SELECT * FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1",
                                               arguments: [AuditAction.settingsChange.rawValue])
            throw SchoolSetupStale(by: try last.map { try displayName(StaffID($0.actor), db) },
                                   at: last.map { LocalDateTime(Date(timeIntervalSince1970: Double($0.atMillis) / 1000), in: timeZone) })
        }
        guard !changed.isEmpty else { return CommandOutcome() }
        for section in changed {
            let (key, body): (String, String)
            switch section {
            case .school: (key, body) = (SettingKey<SchoolProfile>.school.name, try Self.encode(setup.profile))
            case .calendar: (key, body) = (SettingKey<SchoolCalendar>.calendar.name, try Self.encode(setup.calendar))
            case .openingPolicy:
                (key, body) = (SettingKey<OpeningPolicy>.openingPolicy.name, try Self.encode(setup.openingPolicy))
            case .followUpIntervals:
                (key, body) = (SettingKey<FollowUpIntervals>.followUpIntervals.name, try Self.encode(setup.followUpIntervals))
            case .crisisChecklist:
                (key, body) = (SettingKey<CrisisChecklist>.crisisChecklist.name, try Self.encode(setup.crisisChecklist))
            case .screeningRules:
                (key, body) = (SettingKey<ScreeningRules>.screeningRules.name, try Self.encode(setup.screeningRules))
            }
            try db.execute(sql: "INSERT INTO settings(key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                           arguments: [key, body])
        }
        try audit(db, a.id, now, .settingsChange, nil, changed.map(\.rawValue).joined(separator: ", "))
        var outcome = CommandOutcome()
        outcome.updated = changed.count
        return outcome
    }
}
