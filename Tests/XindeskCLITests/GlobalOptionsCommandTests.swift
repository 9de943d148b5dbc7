import XCTest

/// The options the README calls global (`--db`, `--user`,
/// `--passphrase-file`, `--lang`) work before or after the subcommand, and
/// a command with no use for one refuses it instead of ignoring it.
final class GlobalOptionsCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    func testGlobalOptionsWorkBeforeOrAfterTheSubcommand() throws {
        try demo(students: 30)
        for arguments in [["--db", db, "--user", "head", "check"], ["check", "--db", db, "--user", "head"],
                          ["--db", db, "check", "--user", "head"], ["--user", "head", "check", "--db", db]] {
            let run = try xindesk(arguments, env: pass)
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stdout.hasPrefix("ok: "), "\(arguments): \(run.stdout)")
        }
        // Two levels down (report compliance), and --lang before the subcommand.
        let before = try xindesk(["--user", "head", "--lang", "zh", "report", "compliance", "--db", db], env: pass)
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertTrue(before.stdout.hasPrefix("心理辅导室开放合规报告"), before.stdout)
        let after = try xindesk(["report", "compliance", "--db", db, "--user", "head", "--lang", "en"],
                                env: pass.merging(["LANG": "zh_CN.UTF-8"]) { $1 })
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stdout.hasPrefix("Counseling-room opening compliance"), after.stdout)
        // The passphrase file, before the subcommand.
        let file = dir + "/passphrase"
        FileManager.default.createFile(atPath: file, contents: Data("demo1234\n".utf8))
        let fromFile = try xindesk(["--passphrase-file", file, "--user", "duty", "--db", db, "check"])
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
    }

    func testLangChoosesTheLanguageOfMessagesAndABadOneIsRefused() throws {
        let missing = try xindesk(["--lang", "zh", "check", "--db", dir + "/none.db", "--user", "head"], env: pass)
        XCTAssertEqual(missing.status, 10)
        XCTAssertTrue(missing.stderr.contains("数据库"), missing.stderr)
        let bad = try xindesk(["--lang", "fr", "check"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("--lang is zh (Chinese) or en (English), not \"fr\""), bad.stderr)
        let badZh = try xindesk(["check", "--lang", "fr"], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(badZh.status, 64)
        XCTAssertTrue(badZh.stderr.contains("--lang 只能是 zh（中文）或 en（英文）"), badZh.stderr)
    }

    /// `open` takes --user (the account chosen on its unlock screen) and
    /// refuses an account the database does not have before any screen
    /// opens; it takes no --passphrase-file. Choosing the account is shown
    /// by the end-to-end journey (`xindesk open --user duty`).
    func testOpenTakesUserAndRefusesWhatItCannotUse() throws {
        try demo(students: 30)
        for arguments in [["open", "--user", "nobody", "--db", db], ["--user", "nobody", "--db", db]] {
            let run = try xindesk(arguments)
            XCTAssertEqual(run.status, 12, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("There is no account \"nobody\" in this database."), run.stderr)
        }
        let file = try xindesk(["--passphrase-file", dir + "/p", "open", "--db", db])
        XCTAssertEqual(file.status, 64)
        XCTAssertTrue(file.stderr.contains("xindesk open takes no --passphrase-file: the workstation asks for the passphrase on its unlock screen."),
                      file.stderr)
    }

    func testCommandsWithoutUseForAnOptionRefuseIt() throws {
        let bench = try xindesk(["--db", db, "bench", "render", "--frames", "1"])
        XCTAssertEqual(bench.status, 64)
        XCTAssertTrue(bench.stderr.contains("xindesk bench takes no --db"), bench.stderr)
        let demo = try xindesk(["demo", "--db", db, "--user", "duty", "--no-open"], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(demo.status, 64)
        XCTAssertTrue(demo.stderr.contains("xindesk demo 不用 --user：演示学校自带 duty、counselor、head 三个账户"), demo.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db))
        // The demo's --db before the subcommand is where it creates the school.
        let created = try xindesk(["--db", db, "demo", "--students", "30", "--no-open"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: db))
    }
}
