import Foundation
import XCTest

/// The whole path with the real binaries: three demo schools of different
/// sizes export their term with `xindesk district export`, the district
/// registers them by the fingerprints `xindesk district fingerprint`
/// printed, ingests the folder, and its report holds each school's own
/// figures — the same values `xindesk stats` prints in the school.
final class DemoSchoolsEndToEndTests: DistrictTestCase {
    private let pass = ["XINDESK_PASSPHRASE": "demo1234"]

    private var xindeskBinary: URL { binary.deletingLastPathComponent().appendingPathComponent("xindesk") }

    /// Runs the school's `xindesk` as the demo's head of guidance.
    private func school(_ arguments: [String], db: String, file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        let process = Process()
        process.executableURL = xindeskBinary
        process.arguments = arguments + ["--db", db, "--user", "head"]
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": dir, "TMPDIR": dir,
                               "LANG": "en_US.UTF-8", "XINDESK_PASSPHRASE": "demo1234"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let run = Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
        XCTAssertEqual(run.status, 0, "xindesk \(arguments): \(run.stderr)", file: file, line: line)
        return run
    }

    func testThreeDemoSchoolsExportAndTheReportHoldsTheirOwnFigures() throws {
        try initDistrict()
        let inbox = dir + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let schools = [("Demo school one", 60, 1), ("Demo school two", 90, 2), ("Demo school three", 140, 3)]
        var databases: [String: String] = [:]
        for (name, students, seed) in schools {
            let db = dir + "/school-\(seed).db"
            let demo = Process()
            demo.executableURL = xindeskBinary
            demo.arguments = ["demo", "--db", db, "--students", "\(students)", "--seed", "\(seed)"]
            demo.environment = ["PATH": "/usr/bin:/bin", "HOME": dir, "TMPDIR": dir, "LANG": "en_US.UTF-8"]
            demo.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try demo.run()
            demo.waitUntilExit()
            XCTAssertEqual(demo.terminationStatus, 0, "xindesk demo \(seed)")
            databases[name] = db

            let printed = try school(["district", "fingerprint"], db: db)
            let fingerprint = try XCTUnwrap(printed.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.count == 49 && $0.filter { $0 == "-" }.count == 9 }, printed.stdout)
            let add = try district(["school", "add", name, "--key", fingerprint, "--pg", pg])
            XCTAssertEqual(add.status, 0, add.stderr)
            try school(["district", "export", "--period", "2026-autumn", "--to", keyFile + ".pub", "--out", inbox + "/\(seed).bundle"], db: db)
        }
        let ingest = try district(["ingest", "--pg", pg, "--key", keyFile, inbox])
        XCTAssertEqual(ingest.status, 0, ingest.stderr + ingest.stdout)
        XCTAssertTrue(ingest.stdout.contains("3 stored, 0 replaced, 0 unchanged, 0 refused."), ingest.stdout)

        let csv = dir + "/district.csv"
        XCTAssertEqual(try district(["report", "--pg", pg, "--period", "2026-autumn", "--out", csv]).status, 0)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]

        for (name, _, _) in schools {
            // What the district stored for the school, every figure…
            let stored = Dictionary(uniqueKeysWithValues: try sql("""
                SELECT key, value FROM bundles b JOIN schools s ON s.id = b.school_id, jsonb_each_text(b.figures)
                WHERE s.name = '\(name)'
                """).map { line -> (String, String) in
                    let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
                    return (parts[0], parts[1])
                })
            let days = try XCTUnwrap(try sql("SELECT first_day, last_day FROM bundles b JOIN schools s ON s.id = b.school_id WHERE s.name = '\(name)'").first)
                .split(separator: "|").map(String.init)
            // …and the school's own statistics of the same days, as its head prints them.
            let stats = try school(["stats", "--from", days[0], "--to", days[1]], db: try XCTUnwrap(databases[name]))
            let own = Dictionary(uniqueKeysWithValues: stats.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.components(separatedBy: " = ")
                return parts.count == 2 && parts[0].contains(".") && !parts[0].contains(" ") ? (parts[0], parts[1]) : nil
            })
            XCTAssertGreaterThan(own.count, 40, stats.stdout)
            for (key, value) in own where !key.hasSuffix(".open-minutes") {
                // A duty still checked in moves its week's minutes between two commands; the rest cannot move.
                XCTAssertEqual(stored[key], value, "\(name): \(key)")
            }
            // The report's row shows the same figures (a head exports: the
            // referrals need a counselor's key and say so).
            let row = Dictionary(uniqueKeysWithValues: zip(header, try XCTUnwrap(rows.first { $0[0] == name }, name)))
            func shown(_ key: String) -> String { own[key] == "under-5" ? "<5" : own[key] ?? "" }
            XCTAssertEqual(row["sent"], "yes")
            XCTAssertEqual(row["visits"], shown("visits.total"), name)
            XCTAssertEqual(row["weeks_met"], shown("compliance.weeks.met"), name)
            XCTAssertEqual(row["screening_eligible"], shown("screening.eligible"), name)
            XCTAssertEqual(row["screened"], shown("screening.screened"), name)
            XCTAssertEqual(row["watch2_end"], shown("levels.end.severe"), name)
            XCTAssertEqual(row["watch3_end"], shown("levels.end.major"), name)
            XCTAssertEqual(row["referrals"], shown("referrals.total"), name)
            XCTAssertEqual(row["referrals_feedback"], shown("referrals.feedback"), name)
            let violations = own.filter { $0.key.hasPrefix("compliance.violations.") }.values.compactMap { Int($0) }.reduce(0, +)
            XCTAssertEqual(row["violations"], String(violations), name)
        }
    }
}
