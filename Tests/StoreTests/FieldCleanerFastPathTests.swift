@testable import Store
import XCTest

/// `FieldCleaner` trims plain cells (ASCII, CJK ideographs, full-width
/// forms) without Foundation; the result must be Foundation's NFC and trim.
final class FieldCleanerFastPathTests: XCTestCase {
    func testPlainCellsAreCleanedAsFoundationCleansThem() {
        let pieces: [String] = [" ", "  ", "a", "Z", "7", "-", "(", "）", "（", "３", "张", "三", "初", "班", "㐀", "鿿", "'", "=", "ｗ"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertTrue(FieldCleaner.plain(text.unicodeScalars), text)
            XCTAssertEqual(FieldCleaner.trimmingSpaces(text.unicodeScalars), FieldCleaner.foundationCleaned(text), text)
        }
    }

    func testOtherCellsGoThroughFoundation() {
        for text in ["\u{3000}张三\u{3000}", "\u{00A0}3班", "e\u{301}", "Jos\u{E9}", "\u{F900}", "\u{2003}x"] {
            XCTAssertFalse(FieldCleaner.plain(text.unicodeScalars), text)
        }
        XCTAssertEqual(FieldCleaner.clean("\u{3000}张三\u{3000}").text, "张三")
        XCTAssertEqual(FieldCleaner.clean("e\u{301}").text, "\u{E9}")
        XCTAssertEqual(FieldCleaner.clean("  初二(3)班 ").text, "初二(3)班")
    }
}
