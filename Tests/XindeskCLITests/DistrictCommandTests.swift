import Counseling
import DistrictBundle
import Foundation
import GRDB
import Store
import Vault
import XCTest

/// `xindesk district export / show / fingerprint` on the demo school, with
/// the district's key pair made here as the district's program makes it.
final class DistrictCommandTests: CLITestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    /// The district's key pair in this test's folder; its public file's path.
    private func districtKey() throws -> (DistrictKeyPair, String) {
        let pair = DistrictKeyPair.generate()
        try pair.write(to: dir + "/district.key")
        return (pair, dir + "/district.key.pub")
    }

    private func export(as user: String, to pub: String, out: String, period: String = "2026-autumn",
                        lang: String = "en") throws -> Run {
        try xindesk(["district", "export", "--period", period, "--to", pub, "--out", out, "--db", db, "--user", user, "--lang", lang], env: pass)
    }

    private func auditEntries() throws -> [AuditEntry] {
        var p = Array("demo1234".utf8)
        let vault = try Vault.unlock(database: db, account: "head", passphrase: &p)
        defer { vault.lock() }
        let queue = try vault.makeQueue()
        defer { try? queue.close() }
        return try queue.read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id") }
    }

    func testAHeadExportsWhatTheDistrictOpensAndShowsExactlyWhatLeaves() throws {
        try demo()
        let (district, pub) = try districtKey()
        let out = dir + "/school.bundle"
        let run = try export(as: "head", to: pub, out: out)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("xindesk district show \(out)"), run.stdout)
        XCTAssertEqual(try mode(out), 0o600)

        // The district opens it; the signer is the fingerprint the school prints (for any account).
        let bundle = try SealedBundle.open(try XCTUnwrap(contents(out)), with: district)
        let printed = try xindesk(["district", "fingerprint", "--db", db, "--user", "duty"], env: pass)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout.contains("  \(bundle.signer)\n"), printed.stdout)
        XCTAssertNoThrow(try bundle.verify(against: try XCTUnwrap(KeyFingerprint(parsing: bundle.signer.description))))
        XCTAssertEqual(bundle.content.period.description, "2026-autumn")
        XCTAssertEqual(bundle.content.district, district.publicKey.fingerprint)

        // The figures are the head's own statistics of the term (those that
        // cannot move between two moments of one minute: not the weekly
        // minutes of a duty still checked in).
        let expected = try demoStore("head") { store in
            try store.termStatistics(from: Day(year: 2026, month: 9, day: 1)!, through: Day(year: 2027, month: 1, day: 22)!,
                                     now: LocalDateTime(Date(), in: store.timeZone)).suppressingSmallCounts
        }
        var compared = 0
        for figure in expected.figures where !figure.key.rawValue.hasPrefix("compliance.") {
            XCTAssertEqual(bundle.content.figures[figure.key.rawValue], BundleFigure(figure.value), figure.key.rawValue)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 40)
        XCTAssertEqual(bundle.content.figures["referrals.total"], .withheld("needs-clinical-key"), "a head holds no clinical key")

        // `show` prints the very bytes the district reads, and a reading of them.
        let shown = try xindesk(["district", "show", out, "--db", db, "--user", "head", "--lang", "en"], env: pass)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains(String(decoding: bundle.canonicalJSON, as: UTF8.self) + "\n"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("Counts only"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("Referrals"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("needs a counselor's print"), "a withheld figure says what it needs")
        let zh = try xindesk(["district", "show", out, "--db", db, "--user", "counselor", "--lang", "zh"], env: pass)
        XCTAssertEqual(zh.status, 0, zh.stderr)
        XCTAssertTrue(zh.stdout.contains("只有数字"), zh.stdout)
        XCTAssertTrue(zh.stdout.contains("来访人次"), zh.stdout)

        // Audited: the period and the district, never a figure.
        let entry = try XCTUnwrap(try auditEntries().last { $0.action == "district.export" })
        XCTAssertEqual(entry.actor, "head")
        XCTAssertTrue(entry.detail.hasPrefix("period 2026-autumn, district \(district.publicKey.fingerprint), "), entry.detail)

        // Never over an existing file; the bundle there is untouched.
        let before = try XCTUnwrap(contents(out))
        let again = try export(as: "head", to: pub, out: out)
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        XCTAssertEqual(contents(out), before)
    }

    func testADutyTeacherAndACounselorCannotExportNorSignForTheSchool() throws {
        try demo()
        // carol: a counselor and nothing else (the demo's counselor also administers).
        let add = try xindesk(as: "counselor", "demo1234", ["user", "add", "carol", "--role", "counselor"] + Self.kdf,
                              env: ["XINDESK_NEW_PASSPHRASE": "carol-passphrase"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let (district, pub) = try districtKey()
        for (user, passphrase) in [("duty", "demo1234"), ("carol", "carol-passphrase")] {
            let out = dir + "/\(user).bundle"
            let run = try xindesk(["district", "export", "--period", "2026-autumn", "--to", pub, "--out", out, "--db", db, "--user", user],
                                  env: ["XINDESK_PASSPHRASE": passphrase])
            XCTAssertEqual(run.status, 1, user)
            XCTAssertTrue(run.stderr.contains(Permission.refusal(.exportDistrictBundle).en), run.stderr)
            XCTAssertFalse(exists(out), user)

            // With their own keys, past the command line: the vault holds no
            // reporting key for them, so nothing can be signed for the school.
            var p = Array(passphrase.utf8)
            let vault = try Vault.unlock(database: db, account: user, passphrase: &p)
            XCTAssertFalse(vault.holdsReportingKey, user)
            XCTAssertThrowsError(try vault.signReport(Array("figures".utf8)), user)
            let keys = try JSONSerialization.jsonObject(with: XCTUnwrap(contents(db + ".keys"))) as? [String: Any]
            let slot = (keys?["slots"] as? [[String: Any]])?.first { $0["name"] as? String == user }
            XCTAssertNil((slot?["grants"] as? [String: Any])?["reporting"], "no reporting grant in \(user)'s slot")
            vault.lock()

            // A bundle signed with a key of their own making is not the school's.
            let forged = SchoolSigningKey()
            let content = BundleContent(district: district.publicKey.fingerprint, school: forged.fingerprint,
                                        period: BundlePeriod(year: 2026, season: .autumn), first: "2026-09-01", last: "2027-01-22",
                                        exportedAt: "2026-12-08T00:00:00Z", sequence: 1, figures: ["visits.total": .count(0)],
                                        staffing: .init(accountsByRole: [:], dutyMinutes: 0))
            let opened = try SealedBundle.open(try SealedBundle.seal(content, signer: forged, to: district.publicKey), with: district)
            let schoolKey = try XCTUnwrap(try xindesk(["district", "fingerprint", "--db", db, "--user", "head"], env: pass).stdout
                .split(separator: "\n").compactMap { KeyFingerprint(parsing: $0.trimmingCharacters(in: .whitespaces)) }.first)
            XCTAssertThrowsError(try opened.verify(against: schoolKey)) {
                XCTAssertEqual($0 as? DistrictBundleError, .unregisteredSchool(signer: forged.fingerprint, registered: schoolKey))
            }
        }
        XCTAssertFalse(try auditEntries().contains { $0.action == "district.export" })
    }

    func testBadPeriodsAndKeyFilesAreExplained() throws {
        try demo()
        let (_, pub) = try districtKey()
        let out = dir + "/b.bundle"
        let cases: [(String, String, String, String)] = [
            ("2026-fall", pub, "not written as a term", "学期写法不对"),
            ("2031-autumn", pub, "no term starting in autumn 2031", "没有 2031年秋季 开始的学期"),
            ("2026-autumn", dir + "/missing.pub", "Cannot read the key file", "无法读取密钥文件"),
            ("2026-autumn", dir + "/district.key", "Cannot read the key file", "无法读取密钥文件"),
        ]
        for (period, key, en, zh) in cases {
            let run = try export(as: "head", to: key, out: out, period: period)
            XCTAssertEqual(run.status, 1, period)
            XCTAssertTrue(run.stderr.contains(en), run.stderr)
            let runZh = try export(as: "head", to: key, out: out, period: period, lang: "zh")
            XCTAssertTrue(runZh.stderr.contains(zh), runZh.stderr)
            XCTAssertFalse(exists(out))
        }
        // A file that is not a bundle, or another school's, cannot be shown.
        FileManager.default.createFile(atPath: out, contents: Data("a,b\n".utf8))
        let notBundle = try xindesk(["district", "show", out, "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(notBundle.status, 1)
        XCTAssertTrue(notBundle.stderr.contains("not an xindesk district bundle"), notBundle.stderr)
        let district = DistrictKeyPair.generate()
        let other = SchoolSigningKey()
        let foreign = try SealedBundle.seal(BundleContent(district: district.publicKey.fingerprint, school: other.fingerprint,
                                                          period: BundlePeriod(year: 2026, season: .autumn), first: "2026-09-01", last: "2027-01-22",
                                                          exportedAt: "2026-12-08T00:00:00Z", sequence: 1, figures: [:],
                                                          staffing: .init(accountsByRole: [:], dutyMinutes: 0)),
                                            signer: other, to: district.publicKey)
        let foreignPath = dir + "/foreign.bundle"
        FileManager.default.createFile(atPath: foreignPath, contents: foreign)
        let shown = try xindesk(["district", "show", foreignPath, "--db", db, "--user", "head"], env: pass)
        XCTAssertEqual(shown.status, 1)
        XCTAssertTrue(shown.stderr.contains("not exported by this school"), shown.stderr)
    }
}
