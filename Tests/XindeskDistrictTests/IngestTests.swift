import DistrictBundle
import Foundation
import XCTest

/// `ingest` against the real server: stored once, refusals with their
/// reasons, and no second copy however often or however many at once.
final class IngestTests: DistrictTestCase {
    private var key: DistrictKeyPair!

    override func setUpWithError() throws {
        try super.setUpWithError()
        key = try initDistrict()
    }

    private func ingest(_ paths: [String], lang: String = "en") throws -> Run {
        try district(["ingest", "--pg", pg, "--key", keyFile, "--lang", lang] + paths)
    }

    private func storedCount() throws -> Int { Int(try sql("SELECT count(*) FROM bundles").first ?? "") ?? -1 }

    func testABundleIsStoredInItsSchoolYearsPartition() throws {
        let school = try registerSchool("第一中学")
        let file = try bundle(from: school, to: key.publicKey, period: "2027-spring")
        let run = try ingest([file])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("stored: \"第一中学\" 2027-spring"), run.stdout)
        // Spring 2027 belongs to school year 2026-27: the partition made at this ingest.
        XCTAssertEqual(try sql("SELECT tableoid::regclass, period, school_year FROM bundles"), ["bundles_y2026|2027-spring|2026"])
        XCTAssertEqual(try sql("SELECT figures->>'visits.total', figures->>'levels.end.severe' FROM bundles"), ["48|under-5"])
    }

    func testTheSameDirectoryTwiceLeavesOneCopyOfEach() throws {
        let a = try registerSchool("A school"), b = try registerSchool("B school")
        let folder = dir + "/inbox"
        try bundle(from: a, to: key.publicKey, name: "inbox/a.xdb")
        try bundle(from: b, to: key.publicKey, name: "inbox/b.xdb")
        try bundle(from: b, to: key.publicKey, period: "2026-spring", name: "inbox/b-spring.xdb")
        let first = try ingest([folder])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("3 stored, 0 replaced, 0 unchanged, 0 refused."), first.stdout)
        let second = try ingest([folder])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("0 stored, 0 replaced, 3 unchanged, 0 refused."), second.stdout)
        XCTAssertEqual(try storedCount(), 3)
        // The same content sealed again (new random bytes) is the same bundle too.
        let resealed = try bundle(from: a, to: key.publicKey)
        XCTAssertTrue(try ingest([resealed]).stdout.contains("unchanged: \"A school\" 2026-autumn"))
        XCTAssertEqual(try storedCount(), 3)
    }

    func testTwoIngestsAtOnceLoseNothingAndCopyNothing() throws {
        var schools: [SchoolSigningKey] = []
        for i in 0..<12 { schools.append(try registerSchool("School \(i)")) }
        let folder = dir + "/inbox"
        for (i, school) in schools.enumerated() {
            try bundle(from: school, to: key.publicKey, name: "inbox/\(i)-autumn.xdb")
            // A year no partition exists for yet: both processes want to create it.
            try bundle(from: school, to: key.publicKey, period: "2028-autumn", name: "inbox/\(i)-2028.xdb")
        }
        let one = try start(["ingest", "--pg", pg, "--key", keyFile, folder])
        let two = try start(["ingest", "--pg", pg, "--key", keyFile, folder])
        let runs = [try finish(one), try finish(two)]
        for run in runs { XCTAssertEqual(run.status, 0, run.stderr + run.stdout) }
        XCTAssertEqual(try storedCount(), 24)
        XCTAssertEqual(try sql("SELECT count(DISTINCT (school_id, period)) FROM bundles"), ["24"])
        // Every bundle stored by exactly one of the two; the other found it unchanged.
        let stored = runs.map { $0.stdout.components(separatedBy: ": stored: ").count - 1 }
        let unchanged = runs.map { $0.stdout.components(separatedBy: ": unchanged: ").count - 1 }
        XCTAssertEqual(stored.reduce(0, +), 24, runs.map(\.stdout).joined())
        XCTAssertEqual(unchanged.reduce(0, +), 24, runs.map(\.stdout).joined())
    }

    func testAChangedByteIsRefused() throws {
        let school = try registerSchool("一中")
        let file = try bundle(from: school, to: key.publicKey)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        // A byte of the file signature, of the school's copy and of the sealed part: each refused.
        for offset in [bytes.count - 3, bytes.count / 2, 40] {
            var changed = bytes
            changed[offset] ^= 0x01
            let path = dir + "/changed-\(offset).xdb"
            try changed.write(to: URL(fileURLWithPath: path))
            let run = try ingest([path])
            XCTAssertEqual(run.status, 3, run.stdout)
            XCTAssertTrue(run.stdout.contains("refused: "), run.stdout)
            XCTAssertTrue(run.stderr.contains("1 file(s) were refused"), run.stderr)
        }
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: dir + "/zh.xdb"))
        let zh = try ingest([dir + "/zh.xdb"], lang: "zh")
        XCTAssertTrue(zh.stdout.contains("拒收：签名不符：文件在学校签名后被改动过。"), zh.stdout)
        XCTAssertEqual(try storedCount(), 0)
    }

    func testABundleFromAnUnregisteredSchoolIsRefused() throws {
        let stranger = SchoolSigningKey()
        let run = try ingest([try bundle(from: stranger, to: key.publicKey)])
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stdout.contains("refused: The school that signed it is not registered (fingerprint \(stranger.fingerprint))"), run.stdout)
        XCTAssertEqual(try storedCount(), 0)
    }

    func testAnOlderBundleIsRefusedAndANewerOneReplaces() throws {
        let school = try registerSchool("Riverside")
        var figures = DistrictTestCase.figures
        let older = try bundle(from: school, to: key.publicKey, sequence: 100)
        figures["visits.total"] = .count(50)
        let newer = try bundle(from: school, to: key.publicKey, sequence: 120, figures: figures)
        XCTAssertEqual(try ingest([older]).status, 0)
        let replaced = try ingest([newer])
        XCTAssertTrue(replaced.stdout.contains("replaced: \"Riverside\" 2026-autumn"), replaced.stdout)
        let refused = try ingest([older])
        XCTAssertEqual(refused.status, 3)
        XCTAssertTrue(refused.stdout.contains("a newer bundle is stored (export 120"), refused.stdout)
        XCTAssertTrue(refused.stdout.contains("this one is export 100, older, not stored"), refused.stdout)
        XCTAssertEqual(try sql("SELECT export_sequence, figures->>'visits.total' FROM bundles"), ["120|50"])
        // Another content under the stored export number is no export of this school's.
        figures["visits.total"] = .count(51)
        let forged = try ingest([try bundle(from: school, to: key.publicKey, sequence: 120, figures: figures)])
        XCTAssertEqual(forged.status, 3)
        XCTAssertTrue(forged.stdout.contains("another bundle with export number 120 and different content is stored"), forged.stdout)
        XCTAssertEqual(try sql("SELECT figures->>'visits.total' FROM bundles"), ["50"])
    }

    func testABundleForAnotherDistrictIsRefused() throws {
        let school = try registerSchool("Hillside")
        let elsewhere = DistrictKeyPair.generate()
        let run = try ingest([try bundle(from: school, to: elsewhere.publicKey)], lang: "zh")
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stdout.contains("用本区密钥打不开：可能是报给别的区的"), run.stdout)
        XCTAssertEqual(try storedCount(), 0)
    }

    func testAnotherDistrictsKeyFileIsRefusedBeforeAnyBundle() throws {
        let school = try registerSchool("Hillside")
        let other = dir + "/other.key"
        try DistrictKeyPair.generate().write(to: other)
        let run = try district(["ingest", "--pg", pg, "--key", other, try bundle(from: school, to: key.publicKey)])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is not the district key this database was set up with"), run.stderr)
    }

    func testSomethingThatIsNotABundleIsRefusedAndTheRestStored() throws {
        let school = try registerSchool("Lakeside")
        let junk = dir + "/notes.txt"
        try Data("\u{1B}]0;owned\u{07} hello".utf8).write(to: URL(fileURLWithPath: junk))
        let run = try ingest([junk, try bundle(from: school, to: key.publicKey)])
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stdout.contains("refused: This is not an xindesk district bundle."), run.stdout)
        XCTAssertTrue(run.stdout.contains("1 stored, 0 replaced, 0 unchanged, 1 refused."), run.stdout)
        XCTAssertEqual(try storedCount(), 1)
    }

    func testSchoolsAreRegisteredOnceByNameAndByKey() throws {
        let school = try registerSchool("Hillside")
        let sameName = try district(["school", "add", "Hillside", "--key", SchoolSigningKey().fingerprint.description, "--pg", pg])
        XCTAssertEqual(sameName.status, 1)
        XCTAssertTrue(sameName.stderr.contains("A school named \"Hillside\" is already registered."), sameName.stderr)
        let sameKey = try district(["school", "add", "Other", "--key", school.fingerprint.description.uppercased(), "--pg", pg])
        XCTAssertEqual(sameKey.status, 1)
        XCTAssertTrue(sameKey.stderr.contains("is already registered to \"Hillside\""), sameKey.stderr)
        let badKey = try district(["school", "add", "Other", "--key", "12345", "--pg", pg, "--lang", "zh"])
        XCTAssertTrue(badKey.stderr.contains("不是学校的指纹"), badKey.stderr)
        let escape = try district(["school", "add", "Evil\u{1B}[2J", "--key", SchoolSigningKey().fingerprint.description, "--pg", pg])
        XCTAssertEqual(escape.status, 1)
        XCTAssertTrue(escape.stderr.contains("hold control characters"), escape.stderr)
        let list = try district(["school", "list", "--pg", pg])
        XCTAssertTrue(list.stdout.contains("1 registered school(s):"), list.stdout)
        XCTAssertTrue(list.stdout.contains("Hillside") && list.stdout.contains(school.fingerprint.description), list.stdout)
    }
}
