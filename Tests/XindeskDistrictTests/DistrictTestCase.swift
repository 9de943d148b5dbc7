import DistrictBundle
import Foundation
import XCTest

/// Runs the real `xindesk-district` binary against the throwaway PostgreSQL
/// of scripts/with-postgres (XINDESK_TEST_PG): each test gets a database of
/// its own, dropped afterwards, and a folder of its own for key and bundle
/// files. Without XINDESK_TEST_PG the tests are skipped with the reason
/// (scripts/test always provides it).
class DistrictTestCase: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private(set) var dir = ""
    private(set) var database = ""
    private(set) var server: (socketDirectory: String, port: String) = ("", "")

    /// This test's database, as `--pg` takes it.
    var pg: String { "postgres://postgres@/\(database)?host=\(server.socketDirectory)&port=\(server.port)" }
    /// The district's secret key file `initDistrict` makes.
    var keyFile: String { dir + "/district.key" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let url = ProcessInfo.processInfo.environment["XINDESK_TEST_PG"], !url.isEmpty else {
            throw XCTSkip("XINDESK_TEST_PG is not set: the xindesk-district tests need the throwaway PostgreSQL of scripts/with-postgres "
                          + "(run scripts/test, or scripts/with-postgres swift test --skip-build --filter XindeskDistrictTests).")
        }
        let query = Dictionary(uniqueKeysWithValues: (URLComponents(string: url)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        server = (query["host"] ?? "", query["port"] ?? "5432")
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-district-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        database = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try sql("CREATE DATABASE \(database)", in: "postgres")
    }

    override func tearDownWithError() throws {
        if !database.isEmpty { _ = try? sql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", in: "postgres") }
        if !dir.isEmpty { try? FileManager.default.removeItem(atPath: dir) }
        try super.tearDownWithError()
    }

    // MARK: - the binary

    var binary: URL {
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle.deletingLastPathComponent(), bundle].map { $0.appendingPathComponent("xindesk-district") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Starts `xindesk-district arguments…` (English unless `--lang` says
    /// otherwise); `finish` waits for it.
    func start(_ arguments: [String]) throws -> (Process, URL, URL) {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path), "xindesk-district not found at \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": dir, "TMPDIR": dir,
                               "LANG": "en_US.UTF-8"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let tag = UUID().uuidString
        let out = URL(fileURLWithPath: dir + "/.stdout-" + tag), err = URL(fileURLWithPath: dir + "/.stderr-" + tag)
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, out, err)
    }

    func finish(_ started: (Process, URL, URL)) throws -> Run {
        let (process, out, err) = started
        process.waitUntilExit()
        let run = Run(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return run
    }

    @discardableResult
    func district(_ arguments: [String]) throws -> Run { try finish(try start(arguments)) }

    // MARK: - the server, through psql

    /// Runs `statement` with psql in `db` (this test's database by default);
    /// the rows unaligned, one a line. Fails the test when psql does.
    @discardableResult
    func sql(_ statement: String, in db: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.psql)
        process.arguments = ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", server.socketDirectory, "-p", server.port,
                             "-U", "postgres", "-d", db ?? database, "-c", statement]
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "psql: \(statement): \(errorText)", file: file, line: line)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static let psql: String = {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let bundled = versions.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin/psql" }
        return (bundled.reversed() + ["/usr/bin/psql"]).first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/psql"
    }()

    // MARK: - a district and its schools

    /// `init` on this test's database with a new key in `keyFile`.
    @discardableResult
    func initDistrict(file: StaticString = #filePath, line: UInt = #line) throws -> DistrictKeyPair {
        let run = try district(["init", "--pg", pg, "--key", keyFile])
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return try DistrictKeyPair.load(keyFile)
    }

    /// A school's reporting key, registered under `name`.
    func registerSchool(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> SchoolSigningKey {
        let key = SchoolSigningKey()
        let run = try district(["school", "add", name, "--key", key.fingerprint.description, "--pg", pg])
        XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
        return key
    }

    /// A bundle of `figures` from `school` for `period`, sealed to `district`, written to a new file; its path.
    func bundle(from school: SchoolSigningKey, to district: DistrictPublicKey, period: String = "2026-autumn",
                sequence: Int64 = 100, figures: [String: BundleFigure] = DistrictTestCase.figures,
                staffing: BundleContent.Staffing = .init(accountsByRole: ["counselor": 2, "duty": 6, "head": 1, "admin": 1], dutyMinutes: 7_230),
                exportedAt: String = "2026-12-08T01:00:00Z", first: String = "2026-09-01", name: String? = nil) throws -> String {
        let content = BundleContent(district: district.fingerprint, school: school.fingerprint, period: BundlePeriod(parsing: period)!,
                                    first: first, last: "2027-01-22", exportedAt: exportedAt,
                                    sequence: sequence, figures: figures, staffing: staffing)
        let data = try SealedBundle.seal(content, signer: school, to: district)
        let path = dir + "/" + (name ?? "bundle-\(UUID().uuidString).xdb")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A term's headline figures, as a school's export writes them.
    static let figures: [String: BundleFigure] = [
        "compliance.weeks.met": .count(15), "compliance.weeks.not-met": .count(3), "compliance.weeks.incomplete": .count(1),
        "compliance.violations.closed": .count(2), "compliance.violations.missing-check-out": .count(4),
        "compliance.week.2026-09-07.open-minutes": .count(840), "compliance.week.2026-09-07.required-minutes": .count(900),
        "visits.total": .count(48), "visits.students": .count(31), "visits.channel.walkIn": .fewerThanFive,
        "screening.eligible": .count(420), "screening.screened": .count(399),
        "levels.end.general": .count(12), "levels.end.severe": .fewerThanFive, "levels.end.major": .count(0),
        "referrals.total": .count(8), "referrals.feedback": .count(6),
    ]
}
