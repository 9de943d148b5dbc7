import Foundation
import XCTest

/// Display columns of screen text (CJK and full-width forms take two).
func columns(_ line: String) -> Int {
    line.unicodeScalars.reduce(0) { $0 + ((0x1100...0x115F).contains($1.value) || $1.value >= 0x2E80 ? 2 : 1) }
}

final class TerminalDemoTests: XCTestCase {
    private var tmux: Tmux!

    override func setUpWithError() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed (scripts/ensure-packages installs it)") }
        tmux = Tmux()
    }

    override func tearDown() {
        tmux?.kill()
    }

    func testTypingChineseResizingAndQuittingRestoresTheTerminal() throws {
        try tmux.start([Products.path("terminal-demo")])
        try tmux.waitFor("the demo to draw") { $0.contains("输入 Input") && $0.contains("80×24") }
        try tmux.type("张三你好 Li")
        let typed = try tmux.waitFor("the Chinese text in the field") { $0.contains("│张三你好 Li") }
        // The field row keeps the box's right border in the last column.
        let fieldRow = typed.split(separator: "\n").first { $0.contains("张三你好") }.map(String.init) ?? ""
        XCTAssertTrue(fieldRow.hasSuffix("│"), fieldRow)
        try tmux.press("Enter")
        try tmux.waitFor("the line in the list") { $0.contains("Lines (1)") && $0.contains("│张三你好 Li") }
        try tmux.resize(width: 100, height: 30)
        let resized = try tmux.waitFor("the new size") { $0.contains("100×30") }
        let top = resized.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertEqual(columns(top), 100, "the border spans the new width")
        XCTAssertTrue(top.hasSuffix("┐"), top)
        try tmux.press("Escape")
        let deadline = Date().addingTimeInterval(10)
        while try !tmux.paneDead(), Date() < deadline { usleep(50_000) }
        XCTAssertTrue(try tmux.paneDead(), "Esc quits")
        XCTAssertFalse(try tmux.screen().contains("输入 Input"), "the terminal is restored (alternate screen left)")
    }
}
