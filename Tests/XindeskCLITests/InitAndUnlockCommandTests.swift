import Foundation
import XCTest

final class InitAndUnlockCommandTests: CLITestCase {
    func testInitCreatesOwnerOnlyFilesAndPrintsARecoveryKeyOfSixteenGroups() throws {
        let run = try xindesk(["init", "--db", db, "--user", "alice", "--role", "counselor"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "alice-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Created \(db) with account alice."), run.stdout)
        let key = try XCTUnwrap(recoveryKey(in: run.stdout), run.stdout)
        XCTAssertEqual(key.split(separator: "-").count, 16)
        for file in [db, db + ".keys"] {
            XCTAssertEqual(try mode(file), 0o600, file)
        }
        XCTAssertFalse(run.stdout.contains("alice-passphrase"))

        let list = try xindesk(as: "alice", "alice-passphrase", ["user", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout, "alice\tcounselor,admin\tkeys: page,oversight,clinical\n")
        // With a single account, --user may be left out.
        let bare = try xindesk(["user", "list", "--db", db], env: ["XINDESK_PASSPHRASE": "alice-passphrase"])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertEqual(bare.stdout, "alice\tcounselor,admin\tkeys: page,oversight,clinical\n")
    }

    func testInitWithoutDBUsesTheXDGDataFolder() throws {
        let data = dir + "/data"
        let run = try xindesk(["init", "--user", "alice"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "alice-passphrase", "XDG_DATA_HOME": data])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(exists(data + "/xindesk/xindesk.db"))
        XCTAssertEqual(try mode(data + "/xindesk"), 0o700)
    }

    func testInitRefusesAnExistingDatabaseAndChangesNothing() throws {
        try initStore()
        let before = try hashes()
        let run = try xindesk(["init", "--db", db, "--user", "mallory"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "mallory-passphrase"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("already exists"), run.stderr)
        XCTAssertEqual(try hashes(), before)
        XCTAssertEqual(try xindesk(as: "alice", "alice-passphrase", ["user", "list"]).stdout, "alice\tadmin\tkeys: page\n")
    }

    func testWrongPassphraseExits12AndChangesNoByte() throws {
        try initStore()
        XCTAssertEqual(try xindesk(as: "alice", "alice-passphrase", ["check"]).status, 0)
        let before = try hashes()
        let run = try xindesk(as: "alice", "alice-passphrasE", ["check"])
        XCTAssertEqual(run.status, 12, run.stderr)
        XCTAssertTrue(run.stderr.contains("Wrong passphrase for account \"alice\""), run.stderr)
        // It is counted beside the database, in a file of its own (not
        // secret, owner-only); the next tries wait (exit 14), whatever the command.
        XCTAssertEqual(try mode(db + ".throttle"), 0o600)
        for command in [["user", "list"], ["backup", "--to", dir + "/b.db"]] {
            let run = try xindesk(as: "alice", "alice-passphrasE", command)
            XCTAssertEqual(run.status, 14, "\(command): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("Too many wrong passphrases for account \"alice\""), run.stderr)
        }
        XCTAssertEqual(try hashes(), before)
        XCTAssertFalse(exists(dir + "/b.db"))
    }

    func testUnknownAccountExits12() throws {
        try initStore()
        let run = try xindesk(as: "mallory", "alice-passphrase", ["user", "list"])
        XCTAssertEqual(run.status, 12)
        XCTAssertTrue(run.stderr.contains("no account \"mallory\""), run.stderr)
    }

    func testMissingDatabaseExits10() throws {
        let run = try xindesk(as: "alice", "alice-passphrase", ["check"], database: dir + "/missing.db")
        XCTAssertEqual(run.status, 10)
        XCTAssertTrue(run.stderr.contains("There is no xindesk database at \(dir)/missing.db"), run.stderr)
        // Without --user the account list is read first: same answer.
        let bare = try xindesk(["user", "list", "--db", dir + "/missing.db"])
        XCTAssertEqual(bare.status, 10, bare.stderr)
    }

    func testBadArgumentsExitWithTheUsageCode() throws {
        try initStore()
        let cases: [[String]] = [
            ["check", "--no-such-option"],
            ["user", "add", "--db", db],                          // the name is missing
            ["init", "--db", dir + "/new.db", "--user", "bob", "--kdf", "extreme"],
            ["user", "add", "bob", "--role", "wizard", "--db", db, "--user", "alice"],
            ["init", "--db", dir + "/new.db"],                    // --user is required for init
            ["frobnicate"],
        ]
        for arguments in cases {
            let run = try xindesk(arguments, env: ["XINDESK_PASSPHRASE": "alice-passphrase",
                                                   "XINDESK_NEW_PASSPHRASE": "bob-passphrase"])
            XCTAssertEqual(run.status, 64, "\(arguments): \(run.stderr)")
            XCTAssertFalse(run.stderr.isEmpty, "\(arguments) must say what is wrong")
        }
        XCTAssertFalse(exists(dir + "/new.db"))
        XCTAssertEqual(try xindesk(as: "alice", "alice-passphrase", ["user", "list"]).stdout, "alice\tadmin\tkeys: page\n")
    }

    func testNoPassphraseSourceIsAClearError() throws {
        try initStore()
        let run = try xindesk(["check", "--db", db, "--user", "alice"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("No passphrase"), run.stderr)
        XCTAssertTrue(run.stderr.contains("XINDESK_PASSPHRASE"), run.stderr)
        XCTAssertTrue(run.stderr.contains("--passphrase-file"), run.stderr)

        let noNew = try xindesk(["init", "--db", dir + "/other.db", "--user", "bob"] + Self.kdf)
        XCTAssertEqual(noNew.status, 1)
        XCTAssertTrue(noNew.stderr.contains("XINDESK_NEW_PASSPHRASE"), noNew.stderr)
        XCTAssertFalse(exists(dir + "/other.db"))
    }

    func testPassphraseFileUnlocks() throws {
        try initStore()
        let good = dir + "/pass.txt", bad = dir + "/wrong.txt"
        try Data("alice-passphrase\nsecond line is ignored\n".utf8).write(to: URL(fileURLWithPath: good))
        try Data("alice-passphrase-not\n".utf8).write(to: URL(fileURLWithPath: bad))

        let run = try xindesk(["user", "list", "--db", db, "--user", "alice", "--passphrase-file", good])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "alice\tadmin\tkeys: page\n")
        // The file wins over the environment, as with restic and borg.
        let missing = try xindesk(["check", "--db", db, "--user", "alice", "--passphrase-file", dir + "/nope.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("Cannot read the passphrase file"), missing.stderr)
        let wrong = try xindesk(["user", "list", "--db", db, "--user", "alice", "--passphrase-file", bad],
                                env: ["XINDESK_PASSPHRASE": "alice-passphrase"])
        XCTAssertEqual(wrong.status, 12, wrong.stderr)
    }

    func testChineseLocaleGivesChineseMessages() throws {
        let zh = ["LANG": "zh_CN.UTF-8"]
        let created = try xindesk(["init", "--db", db, "--user", "alice"] + Self.kdf,
                                  env: zh.merging(["XINDESK_NEW_PASSPHRASE": "alice-passphrase"]) { $1 })
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("已创建"), created.stdout)
        XCTAssertTrue(created.stdout.contains("恢复密钥"), created.stdout)

        let ok = try xindesk(as: "alice", "alice-passphrase", ["check"], env: zh)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.hasPrefix("正常："), ok.stdout)

        let missing = try xindesk(as: "alice", "alice-passphrase", ["check"], database: dir + "/missing.db", env: zh)
        XCTAssertEqual(missing.status, 10)
        XCTAssertTrue(missing.stderr.contains("处没有 xindesk 数据库"), missing.stderr)

        let wrong = try xindesk(as: "alice", "wrong-passphrase", ["check"], env: zh)
        XCTAssertEqual(wrong.status, 12)
        XCTAssertTrue(wrong.stderr.contains("账户“alice”的口令不正确。"), wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("详情："), wrong.stderr)

        // Inside the wait the wrong passphrase began (1 s), in Chinese too.
        let waiting = try xindesk(as: "alice", "alice-passphrase", ["check"], env: zh)
        XCTAssertEqual(waiting.status, 14, waiting.stderr)
        XCTAssertTrue(waiting.stderr.contains("账户“alice”的口令已连续输错，请 1 秒后再试"), waiting.stderr)

        // English unless the locale says Chinese; LC_ALL outranks LANG.
        let english = try xindesk(as: "alice", "wrong-passphrase", ["check"], env: ["LANG": "zh_CN.UTF-8", "LC_ALL": "C"])
        XCTAssertTrue(english.stderr.contains("Too many wrong passphrases for account \"alice\": try again in 1 s"), english.stderr)
    }
}
