@testable import Counseling
import XCTest

/// `WordNormalizer.normalize` answers ASCII text without Foundation; the
/// answer must be Foundation's (NFKC, trimmed, lower-cased).
final class WordNormalizerFastPathTests: XCTestCase {
    func testASCIITextNormalizesAsFoundationDoes() {
        var samples = ["", " ", "\t\n\u{0B}\u{0C}\r ", "138 1234 5678", " +86 13812345678 ", "(010)12345678", "Yes", "  NO\r\n",
                       "Left-behind", "LEFT_BEHIND", "a\u{1F}", "\u{7F}x\u{7F}", "0471-1234567\t"]
        var rng = SystemRandomNumberGenerator()
        let alphabet = (0...0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        for _ in 0..<3000 {
            samples.append(String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        for text in samples {
            XCTAssertEqual(WordNormalizer.normalize(text), WordNormalizer.foundationNormalized(text), text.debugDescription)
        }
    }

    func testOtherTextStillGoesThroughFoundation() {
        for text in ["１３８", "ＹＥＳ", " 男 ", "\u{3000}是\u{3000}", "e\u{301}", "Ⅷ"] {
            XCTAssertEqual(WordNormalizer.normalize(text), WordNormalizer.foundationNormalized(text), text)
        }
        XCTAssertEqual(WordNormalizer.normalize("ＹＥＳ"), "yes")
    }
}
