import Foundation
import XCTest

/// `--display-name` at `init` and `user add`, `user rename`, what
/// `user list` shows, and a roster import naming people by display name.
final class DisplayNameCommandTests: CLITestCase {
    private func addUser(_ name: String, _ displayName: String?, roles: [String], passphrase: String) throws -> Run {
        try xindesk(as: "wang", "wang-passphrase",
                    ["user", "add", name, "--role"] + roles + (displayName.map { ["--display-name", $0] } ?? []) + Self.kdf,
                    env: ["XINDESK_NEW_PASSPHRASE": passphrase])
    }

    /// A school of wang (王芳, administrator and head), zhouming (周明, duty) and bob (no display name).
    private func school() throws {
        let created = try xindesk(["init", "--db", db, "--user", "wang", "--role", "head", "--display-name", "王芳"] + Self.kdf,
                                  env: ["XINDESK_NEW_PASSPHRASE": "wang-passphrase"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("with account wang (王芳)."), created.stdout)
        let added = try addUser("zhouming", "周明", roles: ["duty"], passphrase: "zhou-passphrase")
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, "Added account zhouming (周明).\n")
        XCTAssertEqual(try addUser("bob", nil, roles: ["duty"], passphrase: "bob-passphrase").stdout, "Added account bob.\n")
    }

    func testDisplayNamesAreGivenAtInitAndAddAndListedInBothLanguages() throws {
        try school()
        let list = try xindesk(as: "zhouming", "zhou-passphrase", ["user", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout, "wang\thead,admin\tkeys: page,oversight\tdisplay name: 王芳\n"
                       + "zhouming\tduty\tkeys: page\tdisplay name: 周明\n" + "bob\tduty\tkeys: page\n")
        let zh = try xindesk(as: "zhouming", "zhou-passphrase", ["user", "list"], env: ["LANG": "zh_CN.UTF-8"])
        let line = try XCTUnwrap(zh.stdout.split(separator: "\n").first { $0.hasPrefix("zhouming\t") }, zh.stdout)
        XCTAssertTrue(line.hasPrefix("zhouming\tduty\t密钥：") && line.hasSuffix("\t显示名：周明"), String(line))
        XCTAssertEqual(try xindesk(as: "wang", "wang-passphrase", ["check"]).status, 0)
    }

    func testAnAdministratorRenamesAnAccountAndOthersMayNot() throws {
        try school()
        var run = try xindesk(as: "wang", "wang-passphrase", ["user", "rename", "bob", "--display-name", "赵敏"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "Account bob is now shown as 赵敏.\n")
        run = try xindesk(as: "wang", "wang-passphrase", ["user", "rename", "bob", "--display-name", "赵 敏"], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(run.stdout, "账户 bob 的显示名已改为 赵 敏。\n")
        XCTAssertTrue(try xindesk(as: "bob", "bob-passphrase", ["user", "list"]).stdout.contains("bob\tduty\tkeys: page\tdisplay name: 赵 敏\n"))

        // A duty teacher holds no authority key: neither its own name nor another's.
        let keys = try XCTUnwrap(contents(db + ".keys"))
        for target in ["zhouming", "wang"] {
            run = try xindesk(as: "zhouming", "zhou-passphrase", ["user", "rename", target, "--display-name", "李心怡"])
            XCTAssertEqual(run.status, 1)
            XCTAssertTrue(run.stderr.contains("may not rename accounts"), run.stderr)
        }
        run = try xindesk(as: "wang", "wang-passphrase", ["user", "rename", "nobody", "--display-name", "某某"])
        XCTAssertEqual(run.status, 12, "the exit code of an unknown account")
        XCTAssertTrue(run.stderr.contains("no account \"nobody\""), run.stderr)
        XCTAssertEqual(contents(db + ".keys"), keys, "nothing changed")
        // The rename is in the audit log, signed: the log still checks.
        let check = try xindesk(as: "wang", "wang-passphrase", ["check"])
        XCTAssertTrue(check.stdout.contains("audit log intact"), check.stdout)
    }

    func testAMisleadingDisplayNameIsRefusedWithWhatToWrite() throws {
        try school()
        let keys = try XCTUnwrap(contents(db + ".keys"))
        var run = try xindesk(as: "wang", "wang-passphrase", ["user", "rename", "bob", "--display-name", "周\u{200B}明"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("cannot be a display name: use 1 to 32 characters (such as 周明 or Li Xinyi)"), run.stderr)
        // Refused before the new passphrase is asked for (none is given here).
        run = try xindesk(as: "wang", "wang-passphrase", ["user", "add", "carol", "--role", "duty", "--display-name", " 周明"] + Self.kdf)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("cannot be a display name"), run.stderr)
        run = try xindesk(["init", "--db", dir + "/other.db", "--user", "dave", "--display-name", "周\u{202E}明"] + Self.kdf)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("cannot be a display name"), run.stderr)
        XCTAssertFalse(exists(dir + "/other.db"))
        run = try xindesk(as: "wang", "wang-passphrase", ["user", "rename", "bob", "--display-name", ""], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("不能作为显示名：请使用 1 到 32 个字符"), run.stderr)
        XCTAssertEqual(contents(db + ".keys"), keys, "nothing changed")
    }

    /// The roster names 周明 by display name and bob by account name; 张三
    /// has no account: the import says so, with the lines, and keeps the shifts.
    func testARosterImportMatchesDisplayNamesAndListsWhoMatchesNoAccount() throws {
        try school()
        let file = dir + "/roster.csv"
        FileManager.default.createFile(atPath: file, contents: Data(
            "日期,开始,结束,值班人\n2027-01-04,12:00,13:30,周明\n2027-01-05,12:00,13:30,bob\n2027-01-06,12:00,13:30,张三\n2027-01-07,12:00,13:30,张三\n".utf8))
        var run = try xindesk(as: "wang", "wang-passphrase", ["import", "roster", file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "Imported 4 shifts (0 replaced).\n")
        XCTAssertEqual(run.stderr, "line 4, column 值班人 (warning): \"张三\" is neither the account name nor the display name of any account (lines 4, 5): "
                       + "these shifts are entered under that name, and this person cannot check in at the workstation. "
                       + "If it is a typo, write the account or display name (xindesk user list) and import again\n")
        run = try xindesk(as: "wang", "wang-passphrase", ["import", "roster", file], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("第 4 行「值班人」列（提示）：“张三”不是任何账户的账户名或显示名（第 4、5 行）"), run.stderr)
    }

    func testTheDemosAccountsCarryTheirDisplayNames() throws {
        XCTAssertEqual(try xindesk(["demo", "--db", db, "--students", "60"]).status, 0)
        let list = try xindesk(as: "duty", "demo1234", ["user", "list"])
        XCTAssertEqual(list.stdout.split(separator: "\n").map { $0.split(separator: "\t").last.map(String.init) ?? "" },
                       ["display name: 李心怡", "display name: 周明", "display name: 赵建国"])
    }
}
