import Counseling
import Foundation
import GRDB
@testable import Store
import Terminal
import Vault
import XCTest
@testable import Workstation

/// A demo school in memory and a state signed in as one of its accounts.
enum WorkstationFixture {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let now = LocalDateTime(Day(year: 2026, month: 11, day: 20)!, TimeOfDay(secondsSinceMidnight: 16 * 3600 + 30 * 60)!)
    static let wall = Date(timeIntervalSince1970: 1_795_000_000)

    nonisolated(unsafe) static var cached: Store?

    static func store() throws -> Store {
        if let cached { return cached }
        let store = try Store(writer: DatabaseQueue(), timeZone: zone, keys: .ephemeral())
        try store.saveDemo(DemoSchool.generate(students: 300, seed: 11, now: now, calendar: try HolidayFile.bundledCalendar()),
                           by: DemoSchool.counselorID, at: now)
        cached = store
        return store
    }

    /// The demo's accounts as the store sees them (roles as a key slot states them).
    static func account(_ name: String, _ roles: Set<Role>? = nil) -> Account {
        let defaults: [String: Set<Role>] = ["counselor": [.counselor, .admin], "duty": [.duty], "head": [.head]]
        return Account(id: StaffID(name), roles: roles ?? defaults[name] ?? [.counselor])
    }

    /// A student's file as the counselor opens it.
    static func openFile(_ id: StudentID) throws -> StudentFile {
        try store().openFile(id, as: account("counselor"), at: now)
    }

    /// The demo store as a session of `account` sees it: the same database,
    /// with the tier keys its roles hold (a counselor both, a head of
    /// guidance oversight, anyone else none), as the vault would give them.
    static func store(as account: String, _ roles: Set<Role>) throws -> Store {
        let base = try store()
        let tiers: Set<Tier> = roles.contains(.counselor) ? [.oversight, .clinical] : roles.contains(.head) ? [.oversight] : []
        return try Store(writer: base.writer, timeZone: zone, accounts: base.accounts,
                         keys: base.keys.limited(to: tiers, account: account))
    }

    static func state(_ account: String, _ roles: Set<Role>, language: Language = .en, width: Int = 120, height: Int = 40) throws -> AppState {
        var s = AppState(language: language, accounts: ["counselor", "duty", "head"], now: now, wall: wall)
        s.width = width
        s.height = height
        XCTAssertEqual(Update.update(&s, .unlocked(account: account, roles: roles)), [.load])
        _ = Update.update(&s, .loaded(try Snapshot.load(from: try store(as: account, roles), roles: roles, now: now)))
        return s
    }

    static func press(_ s: inout AppState, _ keys: KeyEvent...) -> [Effect] {
        keys.flatMap { Update.update(&s, .key($0, at: wall)) }
    }

    static func type(_ s: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { Update.update(&s, .key(.character($0), at: wall)) }
    }

    static func screen(_ s: AppState) -> String { Render.frame(s).lines().joined(separator: "\n") }
}
