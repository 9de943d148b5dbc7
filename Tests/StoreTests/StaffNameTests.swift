import Counseling
import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// What the store calls its people: an account by the display name its
/// signed keyring gives it, people without an account by the names the
/// roster gave them. Stale-edit messages and the roster use these names.
final class StaffNameTests: XCTestCase {
    private let pupil = StudentID("s1")
    private let t1 = Fixture.at(Fixture.day(2026, 11, 2), 9)
    private let t2 = Fixture.at(Fixture.day(2026, 11, 2), 10, 15)

    func testAccountsAreCalledByTheKeyringsDisplayNameAndOthersByTheSetting() throws {
        let accounts = [Account(id: Fixture.counselor, roles: [.counselor], displayName: "李心怡"),
                        Account(id: Fixture.duty, roles: [.duty]), Account(id: Fixture.head, roles: [.head]), Account.admin]
        let store = try Fixture.store(accounts: accounts, at: t1)
        // A setting from before display names: it named accounts too.
        try store.set(.staff, [Staff(id: Fixture.counselor, name: "李老师", roles: [.counselor]),
                               Staff(id: Fixture.duty, name: "周明", roles: [.duty]),
                               Staff(id: StaffID("name:王芳"), name: "王芳", roles: [.duty])],
                      by: Fixture.admin, at: t1)
        let staff = try store.staff()
        XCTAssertEqual(staff.map(\.id.rawValue), ["counselor", "duty", "head", "admin", "name:王芳"])
        XCTAssertEqual(staff.map(\.name), ["李心怡", "周明", "head", "admin", "王芳"],
                       "the keyring's name first, else the setting's, else the account name")
    }

    /// Through a real keyring: the counselor who saved in between is named
    /// as the keyring names her, not by her account name.
    func testAStaleEditNamesWhoSavedByTheirDisplayName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var pass = Array("store-test".utf8)
        let (vault, _) = try Vault.create(database: dir + "/s.db", account: "counselor", displayName: "李心怡",
                                          roles: [.counselor, .admin], passphrase: &pass,
                                          kdf: KDFParameters(opsLimit: 1, memLimit: 8192))
        defer { vault.lock() }
        let pool = try vault.makePool()
        defer { _ = try? vault.close(pool) }
        let store = try Store(vault: vault, writer: pool, timeZone: Fixture.zone)
        let me = Account(vault)
        XCTAssertEqual(me.displayName, "李心怡")
        XCTAssertEqual(try store.staff().map(\.name), ["李心怡"])
        try store.execute(.importStudents([Fixture.student(1)]), as: me, at: t1)
        try store.execute(.savePlan(Fixture.plan("p1", pupil, at: t1), basedOn: nil), as: me, at: t1)
        let v1 = try XCTUnwrap(try store.reloadFile(pupil, as: me).currentPlan)
        var v2 = v1
        v2.goals = ["恢复作息", "回到班级上课"]
        try store.execute(.savePlan(v2, basedOn: v1), as: me, at: t2)
        var theirs = v1
        theirs.measures = ["每天午间谈话"]
        XCTAssertThrowsError(try store.execute(.savePlan(theirs, basedOn: v1), as: me, at: t2)) {
            XCTAssertEqual($0 as? StoreError, .stale(kind: .plan, by: "李心怡", at: t2))
        }
    }

    /// A hand-over to an account that is no counselor says who, by name.
    func testAHandOverRefusedForANonCounselorNamesTheAccountByItsDisplayName() throws {
        let accounts = [Account.counselor, Account(id: Fixture.duty, roles: [.duty], displayName: "周明"), Account.admin]
        let store = try Fixture.store(accounts: accounts, at: t1)
        let run = CrisisRun(id: CrisisRunID("r1"), student: StudentID("s1"), startedBy: Fixture.duty, startedAt: t1,
                            checklist: .standard)
        try store.execute(.startCrisisRun(run), as: accounts[1], at: t1)
        XCTAssertThrowsError(try store.execute(.handOverCrisis(run.id, to: Fixture.duty, note: ""), as: accounts[1], at: t2)) {
            XCTAssertEqual($0 as? StoreError, .notACounselor("周明"))
            XCTAssertEqual(($0 as? StoreError)?.message.zh, "“周明”不是心理教师账号，不能交接给他。")
        }
    }

    func testARenameIsRecordedWithTheNewNameByAnAdministratorOnly() throws {
        let store = try Fixture.store(students: [])
        for account in [Account.duty, .head, .counselor] {
            XCTAssertThrowsError(try store.execute(.recordAccountChange(.renamed(displayName: "赵敏"), account: "zhaomin"),
                                                   as: account, at: t1)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.manageAccounts))
            }
        }
        try store.execute(.recordAccountChange(.renamed(displayName: "赵敏"), account: "zhaomin"), as: .admin, at: t1)
        let entries = try store.auditEntries()
        XCTAssertEqual(entries.map { [$0.action, $0.actor, $0.subject, $0.detail] },
                       [["account.rename", "admin", "account:zhaomin", "display name 赵敏"]])
    }
}
