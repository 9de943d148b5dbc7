import Foundation
import Terminal
import XCTest
@testable import Workstation

/// The one snapshot assertion of the views' tests: the frame, every row
/// exactly the terminal's width, no word or number cut (issue 16: a cut
/// phone number or key hint misleads), compared with `Snapshots/NAME.txt`.
/// Record with XINDESK_RECORD_SNAPSHOTS=1 and read the diff before committing.
extension XCTestCase {
    func assertSnapshot(_ s: AppState, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let buffer = Buffer.$auditingCuts.withValue(true) { Render.frame(s) }
        XCTAssertEqual(buffer.cuts, [], "\(name): a word or number is cut", file: file, line: line)
        for row in buffer.lines() { XCTAssertEqual(TextWidth.of(row), s.width, "\(name): a row is not \(s.width) columns", file: file, line: line) }
        let text = buffer.lines().joined(separator: "\n") + "\n"
        let path = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt").path
        if ProcessInfo.processInfo.environment["XINDESK_RECORD_SNAPSHOTS"] == "1" {
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return XCTFail("no snapshot \(name); record with XINDESK_RECORD_SNAPSHOTS=1", file: file, line: line)
        }
        XCTAssertEqual(text, expected, "snapshot \(name) differs", file: file, line: line)
    }
}
