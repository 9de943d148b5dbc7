import CNcursesw
import XCTest
@testable import Curses
@testable import Terminal

/// The backend on a fake terminal (newterm on /dev/null): what it draws is
/// read back cell by cell with mvin_wch.
final class HeadlessScreenTests: XCTestCase {
    func testCJKBufferDrawnThroughNcursesReadsBackEqual() throws {
        let screen = try Screen(theme: .builtInDefault, headless: (width: 20, height: 3))
        defer { screen.restore() }
        var b = Buffer(width: 20, height: 3)
        _ = Block(title: "学生").render(into: &b, b.area)
        b.set("a张三 Li", x: 1, y: 1, maxWidth: 18)
        screen.draw(b)
        for y in 0..<3 {
            var line = ""
            var x = 0
            while x < 20 {
                let cell = b[x, y]
                if !cell.isContinuation { XCTAssertEqual(screen.character(x: x, y: y), cell.symbol, "(\(x),\(y))") }
                line += cell.isContinuation ? "" : screen.character(x: x, y: y)
                x += 1
            }
            XCTAssertEqual(line, b.lines()[y])
        }
    }

    func testMonochromeWhenNoColorIsSet() throws {
        let screen = try Screen(theme: .builtInDefault, headless: (width: 10, height: 2), environment: ["NO_COLOR": "1"])
        defer { screen.restore() }
        XCTAssertEqual(screen.paletteMode, .monochrome)
    }

    func testKeyDecodingOfControlAndFunctionKeys() {
        XCTAssertEqual(KeyDecoder.character(9), .tab)
        XCTAssertEqual(KeyDecoder.character(13), .enter)
        XCTAssertEqual(KeyDecoder.character(17), .ctrl("q"))
        XCTAssertEqual(KeyDecoder.character(0x5F20), .character("张"))
        XCTAssertEqual(KeyDecoder.functionKey(KEY_F0 + 1), .function(1))
        XCTAssertEqual(KeyDecoder.functionKey(KEY_BTAB), .backTab)
        XCTAssertEqual(KeyDecoder.functionKey(KEY_SUSPEND), .ctrl("z"), "TERM=linux reports Ctrl-Z as its suspend key")
    }
}
