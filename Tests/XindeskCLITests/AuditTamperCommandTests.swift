import Foundation
import GRDB
import Vault
import XCTest
@testable import Store

/// `xindesk check` on a real encrypted database whose audit log was
/// changed through the cipher VFS with a page key, as anyone with an
/// account and a copy of the files could: exit 13, a message for the
/// teacher in their language, and a detail naming the entry and why.
final class AuditTamperCommandTests: CLITestCase {
    /// alice (admin, counselor) adds bob (duty) and carol (counselor): two
    /// entries, each run closing cleanly with a signed head.
    private func schoolWithTwoEntries() throws {
        try initStore(roles: ["counselor"])
        for (name, role) in [("bob", "duty"), ("carol", "counselor")] {
            let run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", name, "--role", role] + Self.kdf,
                                  env: ["XINDESK_NEW_PASSPHRASE": "\(name)-passphrase"])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let run = try xindesk(as: "carol", "carol-passphrase", ["check"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("audit log intact (2 entries, all signed)\n"), run.stdout)
    }

    /// Raw SQL on the store, unlocked as `user` in this process.
    private func tamper(as user: String, _ passphrase: String, _ change: (Database, TierKeys) throws -> Void) throws {
        var bytes = Array(passphrase.utf8)
        let vault = try Vault.unlock(database: db, account: user, passphrase: &bytes)
        defer { vault.lock() }
        let keys = try vault.tierKeys()
        let queue = try vault.makeQueue()
        try queue.writeWithoutTransaction { db in try change(db, keys) }
        try vault.close(queue)
    }

    func testCheckExits13WhenTheNewestEntryWasDeletedAfterACleanClose() throws {
        try schoolWithTwoEntries()
        try tamper(as: "bob", "bob-passphrase") { db, _ in
            try db.execute(sql: "DROP TRIGGER audit_log_no_delete")
            try db.execute(sql: "DELETE FROM audit_log WHERE id = 2")
        }

        var run = try xindesk(as: "alice", "alice-passphrase", ["check"])
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("The audit log has been tampered with at entry 2: when alice last closed xindesk"
                                          + " the log had 2 entries; this one and those after it have been deleted."), run.stderr)
        XCTAssertTrue(run.stderr.contains(
            "detail: audit entry 2: entries after the last signed head are missing (it counts 2, by alice)"), run.stderr)
        run = try xindesk(as: "alice", "alice-passphrase", ["check"], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("审计日志在第 2 条处被篡改：alice 上次正常关闭时日志共有 2 条，从这一条起的记录已被删除。"),
                      run.stderr)
        XCTAssertTrue(run.stderr.contains("详情：audit entry 2: entries after the last signed head are missing"), run.stderr)

        // Work goes on: the next entry takes id 2 again, and no later close
        // signs a head over the log without the deleted one.
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "dave", "--role", "duty"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "dave-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try xindesk(as: "carol", "carol-passphrase", ["check"])
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("detail: audit entry 2: altered before the last signed head (by alice)"), run.stderr)
    }

    /// The case: the duty teacher writes a level change "by" the
    /// counselor, correctly chained, signed with the only key bob has.
    func testCheckExits13WhenTheDutyTeacherWroteAnEntryInTheCounselorsName() throws {
        try schoolWithTwoEntries()
        try tamper(as: "bob", "bob-passphrase") { db, keys in
            XCTAssertFalse(keys.canSign(as: "carol"))
            let last = try XCTUnwrap(try AuditEntry.fetchOne(db, key: 2))
            var forged = AuditEntry(id: 3, atMillis: last.atMillis + 60_000, actor: "carol", action: "level.change",
                                    subject: "student:s1", detail: "level 3 → 1", prevHash: last.hash, hash: Data(), signature: nil)
            forged.hash = AuditChain.hash(of: forged)
            forged.signature = Data(try keys.sign(forged.signedBytes, as: "bob"))
            try forged.insert(db)
        }

        let run = try xindesk(as: "carol", "carol-passphrase", ["check"])
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("The audit log has been tampered with at entry 3: it says carol did it, but it"
                                          + " does not carry carol's signature: someone wrote it in carol's name."), run.stderr)
        XCTAssertTrue(run.stderr.contains("detail: audit entry 3: not signed by its author (carol)"), run.stderr)
        let zh = try xindesk(as: "bob", "bob-passphrase", ["check"], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(zh.status, 13, zh.stderr)
        XCTAssertTrue(zh.stderr.contains("这一条写着是 carol 做的，却没有 carol 的签名"), zh.stderr)
    }
}
