import Foundation
import GRDB
import Store
import Vault
import XCTest

/// `user add`, `user remove`, `user passwd` and `backup` are audited (who,
/// to which account or where, never a passphrase); `backup` is for
/// administrators only; and keyring changes made by processes running at
/// the same moment are all kept (the keyring's exclusive lock).
final class AccountAuditAndRaceTests: CLITestCase {
    /// A value handed to another thread (the test case itself is not Sendable).
    private struct Unchecked<Value>: @unchecked Sendable { let value: Value }

    /// What the two threads of `together` report, under a lock.
    private final class Results: @unchecked Sendable {
        let lock = NSLock()
        var runs: [Run?] = [nil, nil]
        var errors = ["", ""]
    }

    /// Runs two `xindesk` processes at the same moment, each from its own
    /// thread, and returns both results.
    private func together(_ first: @escaping (CLITestCase) throws -> Run,
                          _ second: @escaping (CLITestCase) throws -> Run) -> [Run] {
        let test = Unchecked(value: self)
        let bodies = Unchecked(value: [first, second])
        let results = Results()
        let go = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        for i in 0..<2 {
            Thread.detachNewThread {
                go.wait()
                do {
                    let run = try bodies.value[i](test.value)
                    results.lock.withLock { results.runs[i] = run }
                } catch {
                    results.lock.withLock { results.errors[i] = "\(error)" }
                }
                done.signal()
            }
        }
        go.signal(); go.signal()
        done.wait(); done.wait()
        return results.lock.withLock {
            (0..<2).map { results.runs[$0] ?? Run(status: -1, stdout: "", stderr: results.errors[$0]) }
        }
    }

    private func auditEntries(as user: String = "alice", _ passphrase: String = "alice-passphrase") throws -> [AuditEntry] {
        var p = Array(passphrase.utf8)
        let vault = try Vault.unlock(database: db, account: user, passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try queue.read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") }
    }

    private func accountNames(as user: String = "alice", _ passphrase: String = "alice-passphrase") throws -> [String] {
        let run = try xindesk(as: user, passphrase, ["user", "list"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return run.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }

    func testUserListSaysEachAccountsRoles() throws {
        let recoveryKey = try initStore()
        let run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "carol", "--role", "head", "counselor"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "carol-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try xindesk(as: "alice", "alice-passphrase", ["user", "list"]).stdout,
                       "alice\tadmin\tkeys: page\ncarol\tcounselor,head\tkeys: page\twaiting for a counselor to grant access (counselor,head)\n")
        // Until a holder of the keys unlocks, carol cannot: her roles are keys she does not have yet.
        let waiting = try xindesk(as: "carol", "carol-passphrase", ["user", "list"])
        XCTAssertEqual(waiting.status, 1)
        XCTAssertTrue(waiting.stderr.contains("“carol” exists but is waiting for access"), waiting.stderr)

        // The recovery key grants them, on the record.
        let granted = try xindesk(as: "recovery", recoveryKey, ["user", "grant"])
        XCTAssertEqual(granted.stdout, "Granted to carol: oversight,clinical\n", granted.stderr)
        let grants = try auditEntries().filter { $0.action == "account.grant" }
        XCTAssertEqual(grants.map(\.actor), ["recovery"])
        XCTAssertEqual(grants.map(\.subject), ["account:carol"])
        XCTAssertEqual(grants.map(\.detail), ["tiers oversight,clinical"])
        XCTAssertEqual(try xindesk(as: "carol", "carol-passphrase", ["user", "list"]).stdout,
                       "alice\tadmin\tkeys: page\ncarol\tcounselor,head\tkeys: page,oversight,clinical\n")
        XCTAssertEqual(try xindesk(as: "recovery", recoveryKey, ["user", "grant"]).stdout, "No account is waiting for keys.\n")
    }

    // MARK: - the race

    func testTwoConcurrentUserAddsKeepBothAccountsTenTimesOutOfTen() throws {
        try initStore()
        for round in 0..<10 {
            let runs = together({
                try $0.xindesk(as: "alice", "alice-passphrase", ["user", "add", "duty\(round)", "--role", "duty"] + Self.kdf,
                               env: ["XINDESK_NEW_PASSPHRASE": "duty-passphrase"])
            }, {
                try $0.xindesk(as: "alice", "alice-passphrase",
                               ["user", "add", "counselor\(round)", "--role", "counselor"] + Self.kdf,
                               env: ["XINDESK_NEW_PASSPHRASE": "counselor-passphrase"])
            })
            for run in runs { XCTAssertEqual(run.status, 0, "round \(round): \(run.stderr)") }
            let names = Set(try accountNames())
            XCTAssertTrue(names.isSuperset(of: ["duty\(round)", "counselor\(round)"]), "round \(round): \(names.sorted())")
        }
        XCTAssertEqual(try accountNames().count, 21)
        let adds = try auditEntries().filter { $0.action == "account.add" }
        XCTAssertEqual(adds.count, 20, "every add audited, also those run at once")
        XCTAssertEqual(Set(adds.map(\.actor)), ["alice"])
        XCTAssertEqual(Set(adds.map(\.subject)), Set((0..<10).flatMap { ["account:duty\($0)", "account:counselor\($0)"] }))
        XCTAssertEqual(try xindesk(as: "duty9", "duty-passphrase", ["check"]).status, 0)
    }

    func testAPasswdRacingAUserAddKeepsBothChangesTenTimesOutOfTen() throws {
        try initStore()
        var run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "bob", "--role", "duty"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase-0"])
        XCTAssertEqual(run.status, 0, run.stderr)
        for round in 0..<10 {
            let runs = together({
                try $0.xindesk(as: "bob", "bob-passphrase-\(round)", ["user", "passwd"],
                               env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase-\(round + 1)"])
            }, {
                try $0.xindesk(as: "alice", "alice-passphrase", ["user", "add", "carol\(round)", "--role", "counselor"] + Self.kdf,
                               env: ["XINDESK_NEW_PASSPHRASE": "carol-passphrase"])
            })
            for run in runs { XCTAssertEqual(run.status, 0, "round \(round): \(run.stderr)") }
            // Bob's new passphrase opens, and the account added meanwhile is there.
            let names = try accountNames(as: "bob", "bob-passphrase-\(round + 1)")
            XCTAssertTrue(names.contains("carol\(round)"), "round \(round): \(names)")
        }
        // Asked once, at the end (wrong passphrases are throttled).
        run = try xindesk(as: "bob", "bob-passphrase-9", ["user", "list"])
        XCTAssertEqual(run.status, 12, "the replaced passphrase opens nothing: \(run.stderr)")
        let entries = try auditEntries()
        XCTAssertEqual(entries.filter { $0.action == "account.passphrase" }.map(\.actor), Array(repeating: "bob", count: 10))
        XCTAssertEqual(entries.filter { $0.action == "account.add" }.count, 11)
    }

    // MARK: - the audit

    func testAccountChangesAreAuditedWithWhoAndWhichAccountAndNoPassphrase() throws {
        try initStore()
        var run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "bob", "--role", "duty"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "carol", "--role", "counselor", "head"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "carol-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // bob sets his own; alice sets carol's; alice removes bob.
        run = try xindesk(as: "bob", "bob-passphrase", ["user", "passwd"], env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase-2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "passwd", "carol"],
                          env: ["XINDESK_NEW_PASSPHRASE": "carol-passphrase-2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "remove", "bob"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // Refused changes are not audited: a duty teacher adding, the last administrator removed.
        run = try xindesk(as: "carol", "carol-passphrase-2", ["user", "add", "eve", "--role", "admin"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "eve-passphrase"])
        XCTAssertEqual(run.status, 1)
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "remove", "alice"])
        XCTAssertEqual(run.status, 1)

        let entries = try auditEntries().filter { $0.action.hasPrefix("account.") }
        XCTAssertEqual(entries.map(\.action),
                       ["account.add", "account.add", "account.passphrase", "account.passphrase", "account.remove"])
        XCTAssertEqual(entries.map(\.actor), ["alice", "alice", "bob", "alice", "alice"])
        XCTAssertEqual(entries.map(\.subject), ["account:bob", "account:carol", "account:bob", "account:carol", "account:bob"])
        XCTAssertEqual(entries.map(\.detail), ["roles duty", "roles counselor,head", "", "", ""])
        let everything = try auditEntries().map { "\($0.actor) \($0.action) \($0.subject) \($0.detail)" }.joined(separator: "\n")
        for secret in ["bob-passphrase", "carol-passphrase", "alice-passphrase", "eve-passphrase"] {
            XCTAssertFalse(everything.contains(secret), "the audit log holds no passphrase")
        }
        XCTAssertTrue(try xindesk(as: "alice", "alice-passphrase", ["check"]).stdout.contains("audit log intact"))
    }

    func testBackupIsForAdministratorsOnlyAndAudited() throws {
        let recoveryKey = try initStore()
        for (user, role) in [("dora", "duty"), ("hank", "head"), ("cleo", "counselor")] {
            let run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", user, "--role", role] + Self.kdf,
                                  env: ["XINDESK_NEW_PASSPHRASE": "\(user)-passphrase"])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        XCTAssertEqual(try xindesk(as: "recovery", recoveryKey, ["user", "grant"]).status, 0)
        for user in ["dora", "hank", "cleo"] {
            let backup = dir + "/\(user)-usb/backup.db"
            let run = try xindesk(as: user, "\(user)-passphrase", ["backup", "--to", backup])
            XCTAssertEqual(run.status, 1, "\(user): \(run.stdout)")
            XCTAssertTrue(run.stderr.contains("may not make backups"), run.stderr)
            XCTAssertFalse(exists(backup), user)
            XCTAssertFalse(exists(backup + ".keys"), user)
            XCTAssertFalse(exists(dir + "/\(user)-usb"), "\(user): not even the folder")
        }
        XCTAssertEqual(try auditEntries().filter { $0.action == "backup.write" }, [], "refused backups are not audited")

        let backup = dir + "/usb/backup.db"
        let run = try xindesk(as: "alice", "alice-passphrase", ["backup", "--to", "usb/backup.db"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(exists(backup))
        let entries = try auditEntries().filter { $0.action == "backup.write" }
        XCTAssertEqual(entries.map(\.actor), ["alice"])
        XCTAssertEqual(entries.map(\.detail), [URL(fileURLWithPath: backup).standardizedFileURL.path], "the full path")
        // The backup itself opens and is sound (written before its audit entry).
        XCTAssertEqual(try xindesk(as: "dora", "dora-passphrase", ["check"], database: backup).status, 0)
    }
}
