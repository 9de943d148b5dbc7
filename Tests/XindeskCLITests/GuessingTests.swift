import Foundation
import XCTest

/// Issue 14, "Guessing": the wrong-passphrase throttle every process honours,
/// passphrases of at least 8 characters on every path, and `moderate` as the
/// least key derivation outside tests.
final class GuessingTests: CLITestCase {
    var throttle: String { db + ".throttle" }

    /// The seconds a refusal inside the wait gives ("try again in N s").
    func toldWait(_ stderr: String) -> Int? {
        guard let range = stderr.range(of: #"try again in [0-9]+ s"#, options: .regularExpression) else { return nil }
        return Int(stderr[range].dropFirst("try again in ".count).dropLast(2))
    }

    /// Ten wrong passphrases, one `xindesk check` process each, sent one
    /// after another as fast as xindesk lets a guesser go: a guess refused
    /// inside the wait is sent again once the wait it was told is over.
    /// The waits are 1, 2, 4, 8, 16 s, so the sixth guess is tried only
    /// 31 s after the first, and then each of the last four is refused at
    /// once with a wait of 32 s: ten cannot be tried in less than 30 s
    /// (they take 511 s; the test stops at 31 to stay short). Right after
    /// every tried guess a process with the RIGHT passphrase is refused too,
    /// with the wait message, without changing the throttle file: inside
    /// the wait nothing is tried, so no key derivation runs.
    func testTenWrongPassphrasesThroughTheCLITakeAtLeast30SecondsInAllAcrossProcesses() throws {
        try initStore()
        let guesses = (1...10).map { "not-alice-\($0)" }
        var tried = 0
        let start = Date()
        while tried < 6 {
            let run = try xindesk(as: "alice", guesses[tried], ["check"])
            XCTAssertEqual(run.status, 12, "guess \(tried + 1): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("Wrong passphrase for account \"alice\""), run.stderr)
            tried += 1

            let counted = try XCTUnwrap(contents(throttle))
            let inside = try xindesk(as: "alice", "alice-passphrase", ["check"])
            XCTAssertEqual(inside.status, 14, inside.stderr)
            XCTAssertTrue(inside.stderr.contains("Too many wrong passphrases for account \"alice\""), inside.stderr)
            XCTAssertTrue(inside.stderr.contains("This passphrase was not tried."), inside.stderr)
            XCTAssertEqual(contents(throttle), counted, "a refused attempt is not tried and not counted")
            let wait = try XCTUnwrap(toldWait(inside.stderr), inside.stderr)
            let rule = 1 << (tried - 1)
            XCTAssertTrue((1...rule).contains(wait), "after \(tried) wrong: told \(wait) s, the rule says \(rule) s")
            if tried < 6 { Thread.sleep(forTimeInterval: Double(wait)) }
        }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 30, "six wrong passphrases must take 1+2+4+8+16 = 31 s")

        // The other four, sent at once, are each refused untried: 32 s more.
        let counted = try XCTUnwrap(contents(throttle))
        for guess in guesses[6...] {
            let run = try xindesk(as: "alice", guess, ["check"])
            XCTAssertEqual(run.status, 14, run.stderr)
            XCTAssertTrue((30...32).contains(toldWait(run.stderr) ?? 0), run.stderr)
        }
        XCTAssertEqual(contents(throttle), counted)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 30)
    }

    func testEmptyOrShortPassphrasesAreRefusedOnEveryPath() throws {
        let fresh = dir + "/fresh.db"
        // init: from the environment, and from --passphrase-file (its first line).
        for short in ["", "1234567", "心理辅导室老师"] {
            let run = try xindesk(["init", "--db", fresh, "--user", "alice"] + Self.kdf, env: ["XINDESK_NEW_PASSPHRASE": short])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("The passphrase in XINDESK_NEW_PASSPHRASE is empty or too short: a passphrase needs at least 8 characters"), run.stderr)
        }
        let file = dir + "/pass.txt"
        for content in ["", "\n", "short\nthe second line is long but ignored\n"] {
            try Data(content.utf8).write(to: URL(fileURLWithPath: file))
            let run = try xindesk(["init", "--db", fresh, "--user", "alice", "--passphrase-file", file] + Self.kdf)
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("The first line of the passphrase file \(file) is empty or too short"), run.stderr)
            XCTAssertTrue(run.stderr.contains("at least 8 characters"), run.stderr)
        }
        XCTAssertFalse(exists(fresh), "nothing was created")
        // Exactly eight characters is enough.
        try Data("12345678\n".utf8).write(to: URL(fileURLWithPath: file))
        XCTAssertEqual(try xindesk(["init", "--db", fresh, "--user", "alice", "--passphrase-file", file] + Self.kdf).status, 0)
        XCTAssertEqual(try xindesk(as: "alice", "12345678", ["user", "list"], database: fresh).stdout, "alice\tadmin\tkeys: page\n")

        try initStore()
        for short in ["", "bob-pas"] {
            // user add
            var run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "bob", "--role", "duty"] + Self.kdf,
                                  env: ["XINDESK_NEW_PASSPHRASE": short])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("XINDESK_NEW_PASSPHRASE is empty or too short"), run.stderr)
            // user passwd
            run = try xindesk(as: "alice", "alice-passphrase", ["user", "passwd"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": short])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("XINDESK_NEW_PASSPHRASE is empty or too short"), run.stderr)
            // unlocking: XINDESK_PASSPHRASE and --passphrase-file
            run = try xindesk(as: "alice", short, ["check"])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("The passphrase in XINDESK_PASSPHRASE is empty or too short"), run.stderr)
            try Data(short.utf8).write(to: URL(fileURLWithPath: file))
            run = try xindesk(["check", "--db", db, "--user", "alice", "--passphrase-file", file])
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("The first line of the passphrase file \(file) is empty or too short"), run.stderr)
        }
        // Nothing changed, and a short passphrase was never a guess: the
        // right one works at once, with no wait.
        let counted = try XCTUnwrap(JSONSerialization.jsonObject(with: XCTUnwrap(contents(throttle))) as? [String: Any])
        XCTAssertEqual((counted["accounts"] as? [String: Any])?.count, 0, "\(counted)")
        let list = try xindesk(as: "alice", "alice-passphrase", ["user", "list"])
        XCTAssertEqual(list.stdout, "alice\tadmin\tkeys: page\n", list.stderr)
    }

    func testInteractiveKDFIsRefusedWithoutTheTestVariable() throws {
        let fresh = dir + "/fresh.db"
        var run = try xindesk(["init", "--db", fresh, "--user", "alice", "--kdf", "interactive"],
                              env: ["XINDESK_NEW_PASSPHRASE": "alice-passphrase"], allowWeakKDF: false)
        XCTAssertEqual(run.status, 64, run.stderr)
        XCTAssertTrue(run.stderr.contains("--kdf interactive is for tests and the demo only"), run.stderr)
        XCTAssertTrue(run.stderr.contains("moderate (the default) or sensitive"), run.stderr)
        XCTAssertFalse(exists(fresh))
        // The variable must say 1.
        run = try xindesk(["init", "--db", fresh, "--user", "alice", "--kdf", "interactive"],
                          env: ["XINDESK_NEW_PASSPHRASE": "alice-passphrase", "XINDESK_ALLOW_WEAK_KDF": "yes"], allowWeakKDF: false)
        XCTAssertEqual(run.status, 64, run.stderr)
        XCTAssertFalse(exists(fresh))

        try initStore()   // with XINDESK_ALLOW_WEAK_KDF=1, as the whole suite
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "bob", "--role", "duty", "--kdf", "interactive"],
                          env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase"], allowWeakKDF: false)
        XCTAssertEqual(run.status, 64, run.stderr)
        XCTAssertTrue(run.stderr.contains("--kdf interactive is for tests and the demo only"), run.stderr)
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "passwd", "--kdf", "interactive"],
                          env: ["XINDESK_NEW_PASSPHRASE": "alice-new-passphrase"], allowWeakKDF: false)
        XCTAssertEqual(run.status, 64, run.stderr)
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "list"])
        XCTAssertEqual(run.stdout, "alice\tadmin\tkeys: page\n", "nothing changed: \(run.stderr)")

        // In the test suite bob gets the cheap one; a passphrase set again
        // outside it is raised to moderate (3 passes, 256 MiB).
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "bob", "--role", "duty"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try kdf(of: "bob"), [2, 64 << 20])
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "passwd", "bob"],
                          env: ["XINDESK_NEW_PASSPHRASE": "bob-new-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try kdf(of: "bob"), [3, 256 << 20])
    }

    /// Argon2id passes and memory of an account's slot, as the keyring file says.
    func kdf(of account: String) throws -> [Int] {
        let keyring = try XCTUnwrap(JSONSerialization.jsonObject(with: XCTUnwrap(contents(db + ".keys"))) as? [String: Any])
        let slots = try XCTUnwrap(keyring["slots"] as? [[String: Any]])
        let slot = try XCTUnwrap(slots.first { $0["name"] as? String == account && $0["kind"] as? String == "account" })
        let p = try XCTUnwrap(slot["kdfParameters"] as? [String: Any])
        return [try XCTUnwrap(p["opsLimit"] as? Int), try XCTUnwrap(p["memLimit"] as? Int)]
    }
}
