import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// Account changes and backups are made by the vault and recorded through
/// the store: who did it, to which account (or where the backup went),
/// never a passphrase. Recording one needs the permission to make it
/// (`manageAccounts`, `makeBackup`: administrators), except that every
/// account records its own new passphrase.
final class AccountAuditTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 11, 2), 10)

    private func assertRefused(_ store: Store, _ command: StoreCommand, as account: Account, _ action: Action,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try store.auditEntries()
        XCTAssertThrowsError(try store.execute(command, as: account, at: now), file: file, line: line) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(action), "\($0)", file: file, line: line)
        }
        XCTAssertEqual(try store.auditEntries(), before, "nothing written", file: file, line: line)
    }

    func testAnAdministratorsAccountChangesAreRecordedWithWhoAndWhichAccount() throws {
        let store = try Fixture.store(students: [])
        try store.execute(.recordAccountChange(.added(roles: [.duty, .counselor]), account: "bob"), as: .admin, at: now)
        try store.execute(.recordAccountChange(.passphraseChanged, account: "bob"), as: .admin, at: now)
        try store.execute(.recordAccountChange(.removed, account: "bob"), as: .admin, at: now)
        let entries = try store.auditEntries()
        XCTAssertEqual(entries.map(\.action), ["account.add", "account.passphrase", "account.remove"])
        XCTAssertEqual(entries.map(\.actor), ["admin", "admin", "admin"])
        XCTAssertEqual(entries.map(\.subject), ["account:bob", "account:bob", "account:bob"])
        XCTAssertEqual(entries.map(\.detail), ["roles duty,counselor", "", ""], "roles in the permission table's order")
        XCTAssertEqual(try store.verifyAuditChain(), .intact(entries: 3))
    }

    func testEveryAccountRecordsItsOwnNewPassphraseButNoOneElses() throws {
        let store = try Fixture.store(students: [])
        for account in [Account.duty, .head, .counselor] {
            try store.execute(.recordAccountChange(.passphraseChanged, account: account.id.rawValue), as: account, at: now)
            try assertRefused(store, .recordAccountChange(.passphraseChanged, account: "admin"), as: account, .manageAccounts)
            try assertRefused(store, .recordAccountChange(.added(roles: [.admin]), account: account.id.rawValue),
                              as: account, .manageAccounts)
            try assertRefused(store, .recordAccountChange(.removed, account: "admin"), as: account, .manageAccounts)
        }
        let entries = try store.auditEntries()
        XCTAssertEqual(entries.map(\.actor), ["duty", "head", "counselor"])
        XCTAssertEqual(entries.map(\.subject), ["account:duty", "account:head", "account:counselor"])
        XCTAssertEqual(Set(entries.map(\.action)), ["account.passphrase"])
    }

    func testOnlyAnAdministratorRecordsABackupAndItsDestination() throws {
        let store = try Fixture.store(students: [])
        for account in [Account.duty, .head, .counselor] {
            try assertRefused(store, .recordBackup(destination: "/media/usb/xindesk.db"), as: account, .makeBackup)
        }
        try store.execute(.recordBackup(destination: "/media/usb/xindesk.db"), as: .counselorAdmin, at: now)
        // A path is kept as it came, control characters spelled out.
        try store.execute(.recordBackup(destination: "/media/usb/\u{1B}[2Jx.db"), as: .admin, at: now)
        let entries = try store.auditEntries()
        XCTAssertEqual(entries.map(\.action), ["backup.write", "backup.write"])
        XCTAssertEqual(entries.map(\.actor), ["counselor-admin", "admin"])
        XCTAssertEqual(entries.map(\.detail), ["/media/usb/xindesk.db", "/media/usb/\\u{1b}[2Jx.db"])
        XCTAssertEqual(entries.map(\.subject), ["", ""])
    }

    func testAnAccountChangeNamesAnAccount() throws {
        let store = try Fixture.store(students: [])
        XCTAssertThrowsError(try store.execute(.recordAccountChange(.removed, account: ""), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.empty(.person)]))
        }
        XCTAssertThrowsError(try store.execute(.recordAccountChange(.removed, account: "bob\u{1B}[2J"), as: .admin, at: now)) {
            XCTAssertEqual($0 as? StoreError, .invalid([.controlCharacters(.person)]))
        }
        XCTAssertEqual(try store.auditEntries(), [])
    }
}
