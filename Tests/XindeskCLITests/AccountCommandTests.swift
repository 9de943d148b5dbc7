import Foundation
import XCTest

final class AccountCommandTests: CLITestCase {
    func testUserAddListPasswdRemoveJourney() throws {
        let recoveryKey = try initStore()
        XCTAssertNotEqual(recoveryKey, "")

        // alice adds bob (duty) and carol (counselor, head).
        var run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "bob", "--role", "duty"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "Added account bob.\n")
        run = try xindesk(as: "alice", "alice-passphrase",
                          ["user", "add", "carol", "--role", "counselor", "head"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "carol-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "add", "dave", "--role", "duty"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "short"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("at least 8 characters"), run.stderr)

        run = try xindesk(as: "bob", "bob-passphrase", ["user", "list"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "alice\tadmin\nbob\tduty\ncarol\tcounselor,head\n")

        // bob (duty) may not add or remove accounts.
        run = try xindesk(as: "bob", "bob-passphrase", ["user", "add", "eve", "--role", "admin"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "eve-passphrase"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("may not add accounts"), run.stderr)
        run = try xindesk(as: "bob", "bob-passphrase", ["user", "remove", "carol"])
        XCTAssertEqual(run.status, 1)

        // bob changes his own passphrase: the old one stops working.
        run = try xindesk(as: "bob", "bob-passphrase", ["user", "passwd"] + Self.kdf,
                          env: ["XINDESK_NEW_PASSPHRASE": "bob-new-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "New passphrase set for bob.\n")
        XCTAssertEqual(try xindesk(as: "bob", "bob-new-passphrase", ["user", "list"]).status, 0)
        XCTAssertEqual(try xindesk(as: "bob", "bob-passphrase", ["user", "list"]).status, 12)

        // alice removes bob: the data key is rotated.
        let keyringBeforeRemoval = try XCTUnwrap(contents(db + ".keys"))
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "remove", "bob"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("new key"), run.stdout)
        run = try xindesk(as: "bob", "bob-new-passphrase", ["user", "list"])
        XCTAssertEqual(run.status, 12)
        XCTAssertTrue(run.stderr.contains("no account \"bob\""), run.stderr)
        run = try xindesk(as: "carol", "carol-passphrase", ["user", "list"])
        XCTAssertEqual(run.stdout, "alice\tadmin\ncarol\tcounselor,head\n")
        assertCheckAfterKeyRotation(try xindesk(as: "carol", "carol-passphrase", ["check"]), firstSigner: "alice")

        // A backup made afterwards is not opened by bob either...
        let backup = dir + "/usb/backup.db"
        run = try xindesk(as: "alice", "alice-passphrase", ["backup", "--to", backup])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try mode(backup), 0o600)
        XCTAssertEqual(try mode(backup + ".keys"), 0o600)
        assertCheckAfterKeyRotation(try xindesk(as: "carol", "carol-passphrase", ["check"], database: backup), firstSigner: "alice")
        XCTAssertEqual(try xindesk(as: "bob", "bob-new-passphrase", ["check"], database: backup).status, 12)
        // ...not even with the keyring he could have copied before his removal:
        // his slot still yields the old data key, which decrypts no page.
        try keyringBeforeRemoval.write(to: URL(fileURLWithPath: backup + ".keys"))
        run = try xindesk(as: "bob", "bob-new-passphrase", ["check"], database: backup)
        XCTAssertEqual(run.status, 13, run.stderr)
        XCTAssertTrue(run.stderr.contains("page 1"), run.stderr)

        // A second backup to the same place is refused.
        run = try xindesk(as: "alice", "alice-passphrase", ["backup", "--to", backup])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("already exists"), run.stderr)

        // alice cannot remove herself, the last administrator.
        run = try xindesk(as: "alice", "alice-passphrase", ["user", "remove", "alice"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(try xindesk(as: "alice", "alice-passphrase", ["user", "list"]).status, 0)
    }

    func testAdministratorSetsAnotherAccountsPassphrase() throws {
        try initStore()
        try xindesk(as: "alice", "alice-passphrase", ["user", "add", "bob", "--role", "duty"] + Self.kdf,
                    env: ["XINDESK_NEW_PASSPHRASE": "bob-passphrase"])
        let run = try xindesk(as: "alice", "alice-passphrase", ["user", "passwd", "bob"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "bob-reset-passphrase"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try xindesk(as: "bob", "bob-reset-passphrase", ["check"]).status, 0)
        XCTAssertEqual(try xindesk(as: "bob", "bob-passphrase", ["check"]).status, 12)
        XCTAssertEqual(try xindesk(as: "alice", "alice-passphrase", ["check"]).status, 0)
    }
}
