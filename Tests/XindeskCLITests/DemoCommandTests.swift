import Foundation
import XCTest

final class DemoCommandTests: CLITestCase {
    func testDemoCreatesASchoolThatChecksOutAndOpensForEachAccount() throws {
        let run = try xindesk(["demo", "--db", db, "--students", "200", "--seed", "4"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("200 students"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Accounts (passphrase: demo1234):"), run.stdout)
        // The demo keeps the cheap key derivation (without the test
        // variable, which `init` would need for it) and says so.
        XCTAssertTrue(run.stdout.contains("The demo accounts use the fast `interactive` key derivation, for trying xindesk only"), run.stdout)
        for user in ["duty", "counselor", "head"] {
            let check = try xindesk(["check", "--db", db, "--user", user], env: ["XINDESK_PASSPHRASE": "demo1234"])
            XCTAssertEqual(check.status, 0, "\(user): \(check.stderr)")
            XCTAssertTrue(check.stdout.contains("audit log intact"), check.stdout)
        }
        let again = try xindesk(["demo", "--db", db])
        XCTAssertEqual(again.status, 1, "a demo never overwrites a database")
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
    }

    func testDemoInChineseWhenLANGIsChinese() throws {
        let run = try xindesk(["demo", "--db", db, "--students", "60"], env: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("演示学校已创建"), run.stdout)
        XCTAssertTrue(run.stdout.contains("账户（口令均为 demo1234）："), run.stdout)
        XCTAssertTrue(run.stdout.contains("interactive，只适合试用"), run.stdout)
    }
}
