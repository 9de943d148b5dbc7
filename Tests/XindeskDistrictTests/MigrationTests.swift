import DistrictBundle
import Foundation
import XCTest

/// `init` against the real server: a fresh database, a second run that
/// changes nothing, a newer schema refused, and the district key pair.
final class MigrationTests: DistrictTestCase {
    func testInitCreatesTheSchemaAndTheKeyPair() throws {
        let run = try district(["init", "--pg", pg, "--key", keyFile])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("Applied schema version(s) 1."), run.stdout)
        XCTAssertTrue(run.stdout.contains("Made the district key"), run.stdout)
        XCTAssertEqual(try sql("SELECT version FROM schema_migrations"), ["1"])
        // Partitioned by school year; no partition until a bundle of a year arrives.
        XCTAssertEqual(try sql("SELECT relkind FROM pg_class WHERE relname = 'bundles'"), ["p"])
        XCTAssertEqual(try sql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'bundles'::regclass"), ["0"])

        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        let key = try DistrictKeyPair.load(keyFile)
        XCTAssertEqual(try DistrictPublicKey.load(keyFile + ".pub"), key.publicKey)
        XCTAssertTrue(run.stdout.contains(key.publicKey.fingerprint.description), run.stdout)
        XCTAssertEqual(try sql("SELECT key_fingerprint FROM district_settings"), [key.publicKey.fingerprint.description])
    }

    func testRunningInitAgainChangesNothing() throws {
        let key = try initDistrict()
        let secret = try Data(contentsOf: URL(fileURLWithPath: keyFile))
        let again = try district(["init", "--pg", pg, "--key", keyFile, "--lang", "zh"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("数据库结构已是第 1 版，无需升级。"), again.stdout)
        XCTAssertFalse(again.stdout.contains("已生成区密钥"), again.stdout)
        XCTAssertEqual(try sql("SELECT count(*) FROM schema_migrations"), ["1"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: keyFile)), secret)
        XCTAssertEqual(try sql("SELECT key_fingerprint FROM district_settings"), [key.publicKey.fingerprint.description])
    }

    func testANewerSchemaIsRefusedAndLeftAlone() throws {
        try initDistrict()
        try sql("INSERT INTO schema_migrations (version, name) VALUES (2, 'from a newer xindesk-district')")
        let run = try district(["init", "--pg", pg, "--key", keyFile])
        XCTAssertEqual(run.status, 4)
        XCTAssertTrue(run.stderr.contains("schema is version 2, newer than version 1"), run.stderr)
        XCTAssertEqual(try sql("SELECT version FROM schema_migrations ORDER BY version"), ["1", "2"])
        // Every other command refuses it too, before touching anything.
        let list = try district(["school", "list", "--pg", pg])
        XCTAssertEqual(list.status, 4)
        XCTAssertTrue(list.stderr.contains("newer than version 1"), list.stderr)
    }

    func testCommandsOnADatabaseNeverSetUpSaySo() throws {
        let run = try district(["school", "list", "--pg", pg, "--lang", "zh"])
        XCTAssertEqual(run.status, 4)
        XCTAssertTrue(run.stderr.contains("这个数据库还没有初始化"), run.stderr)
    }

    func testAnotherKeyFileIsNotThisDistrictsKey() throws {
        try initDistrict()
        let other = dir + "/other.key"
        try DistrictKeyPair.generate().write(to: other)
        let run = try district(["init", "--pg", pg, "--key", other])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is not the district key this database was set up with"), run.stderr)
        // And a missing key file for a database that has its key is not replaced by a new one.
        let missing = try district(["init", "--pg", pg, "--key", dir + "/missing.key"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/missing.key"))
    }

    func testABadAddressIsExplained() throws {
        let run = try district(["school", "list", "--pg", "mysql://clerk:s3cret@somewhere/db"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Cannot read the database address \"mysql://clerk:***@somewhere/db\""), run.stderr)
        XCTAssertFalse(run.stderr.contains("s3cret"), run.stderr)
        // A server that is not there: said so, with exit 5.
        let away = try district(["school", "list", "--pg", "postgres://postgres@/x?host=\(dir)&port=1"])
        XCTAssertEqual(away.status, 5)
        XCTAssertTrue(away.stderr.contains("Cannot reach the district's PostgreSQL"), away.stderr)
    }
}
