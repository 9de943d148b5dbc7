import Foundation
import XCTest

/// `bench` at a small scale (the README's figures are the 339-school run):
/// it really generates, ingests and reports, and prints its times.
final class BenchTests: DistrictTestCase {
    func testTheBenchIngestsEveryBundleAndTimesTheReport() throws {
        let run = try district(["bench", "--pg", pg, "--schools", "4"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("ingest of 8 bundles: "), run.stdout)
        XCTAssertTrue(run.stdout.contains("report of 2026-autumn (4 schools"), run.stdout)
        XCTAssertEqual(try sql("SELECT count(*) FROM bundles"), ["8"])
        // Spring 2026 and autumn 2026 are two school years: two partitions.
        XCTAssertEqual(try sql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'bundles'::regclass"), ["2"])
        // Never on a database that holds a district.
        let again = try district(["bench", "--pg", pg, "--schools", "4"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("runs only on an empty database"), again.stderr)
        XCTAssertEqual(try sql("SELECT count(*) FROM bundles"), ["8"])
    }
}
