import XCTest
@testable import Terminal

final class BufferTests: XCTestCase {
    func testEveryRowIsExactlyTheBufferWidthInDisplayColumns() {
        var b = Buffer(width: 11, height: 4)
        b.set("a张三李四王五", x: 0, y: 0)
        b.set("Zhang San 张三", x: 3, y: 1)
        b.set("张三", x: 10, y: 2)
        b.set("ab", x: 0, y: 3)
        b.set("李", x: 1, y: 3)  // overwrites half of nothing, then the wide char
        for line in b.lines() { XCTAssertEqual(TextWidth.of(line), 11, "[\(line)]") }
    }

    func testOddWidthBoxWithLatinLetterBeforeCJKPadsInsteadOfSplitting() {
        var b = Buffer(width: 8, height: 3)
        let inner = Block().render(into: &b, b.area)
        b.set("a张三李四", x: inner.x, y: inner.y, maxWidth: inner.width, ellipsis: false)
        XCTAssertEqual(b.lines(), ["┌──────┐", "│a张三 │", "└──────┘"])
    }

    func testWideCharacterThatDoesNotFitInTheLastColumnLeavesASpace() {
        var b = Buffer(width: 5, height: 1)
        b.set("abcd张", x: 0, y: 0, ellipsis: false)
        XCTAssertEqual(b.lines(), ["abcd "])
    }

    func testTextThatDoesNotFitEndsInAnEllipsisNeverInsideAWordOrNumber() {
        func shown(_ text: String, _ width: Int) -> String {
            var b = Buffer(width: width, height: 1)
            b.set(text, x: 0, y: 0)
            return b.lines()[0]
        }
        XCTAssertEqual(shown("Hotline 12356 national", 12), "Hotline…    ", "not 'Hotline 12…'")
        XCTAssertEqual(shown("求助热线：12356", 12), "求助热线：… ", "the number goes whole")
        XCTAssertEqual(shown("按 F7 开始危机处置", 12), "按 F7 开始… ")
        XCTAssertEqual(shown("fits", 4), "fits")
        XCTAssertEqual(shown("12345678901", 6), "12345…", "a number longer than the line is cut, and says so")
    }

    func testTheCutAuditNamesEveryWriteThatLeavesAWordOrNumberCut() {
        func cuts(_ draw: (inout Buffer) -> Void) -> [String] {
            Buffer.$auditingCuts.withValue(true) {
                var b = Buffer(width: 12, height: 3)
                draw(&b)
                return b.cuts
            }
        }
        XCTAssertEqual(cuts { $0.set("12345678901234", x: 0, y: 0) }.count, 1, "a number with no place to break")
        XCTAssertEqual(cuts { $0.set("Passphrase", x: 0, y: 0); $0.set("••", x: 9, y: 0) }.count, 1, "the end of a word overwritten")
        XCTAssertEqual(cuts { $0.set("     watch 3", x: 0, y: 0); $0.set("│", x: 5, y: 0) }.count, 1, "the start of a word overwritten")
        XCTAssertEqual(cuts { $0.set("Hotline 12356 national", x: 0, y: 0) }, [], "clipped between words")
        XCTAssertEqual(cuts { $0.set("watch 3", x: 0, y: 0); $0.set("watch 3", x: 0, y: 0, style: Style(.accent)) }, [],
                       "the same text drawn again")
        XCTAssertEqual(cuts { $0.set("watch 3", x: 0, y: 0); $0.fill(Rect(x: 0, y: 0, width: 3, height: 1)); $0.set("│", x: 2, y: 0) }, [],
                       "a dialog's box covers what is behind it")
        var app = Buffer(width: 12, height: 1)
        app.set("12345678901234", x: 0, y: 0)
        XCTAssertEqual(app.cuts, [], "the app's frames are not audited")
    }

    func testOverwritingHalfAWideCharacterRepairsTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.set("张三", x: 0, y: 0)
        b.set("x", x: 1, y: 0)
        XCTAssertEqual(b.lines(), [" x三"])
        XCTAssertEqual(TextWidth.of(b.lines()[0]), 4)
    }

    func testDiffListsOnlyChangedCells() {
        var a = Buffer(width: 6, height: 2)
        a.set("张三", x: 0, y: 0)
        var b = a
        b.set("李", x: 0, y: 0)
        XCTAssertEqual(b.diff(from: a).map { "\($0.x),\($0.y)" }, ["0,0"])
        XCTAssertTrue(a.diff(from: a).isEmpty)
        XCTAssertEqual(a.diff(from: nil).count, 12)
    }

    /// The diff skips a row whose bytes are unchanged: a cell must have no
    /// padding (bytes that could differ between equal cells), and a row
    /// written again with the same text, or with a different long text,
    /// must come out right either way.
    func testTheDiffSkipsUnchangedRowsByTheirBytesAndStillFindsEveryChange() {
        XCTAssertEqual(MemoryLayout<Cell>.size, MemoryLayout<Cell>.stride, "a cell has no padding bytes")
        var a = Buffer(width: 30, height: 3)
        a.set("第一行 row one", x: 0, y: 0)
        a.set("unchanged 不变", x: 2, y: 1, style: Style(.accent, bold: true))
        var b = Buffer(width: 30, height: 3)
        b.set("第一行 row one", x: 0, y: 0)
        b.set("unchanged 不变", x: 2, y: 1, style: Style(.accent, bold: true))
        XCTAssertTrue(b.diff(from: a).isEmpty, "the same text drawn again in a new frame is no change")
        b.set("two", x: 27, y: 2)
        b.set("变", x: 11, y: 1, style: Style(.accent))
        XCTAssertEqual(b.diff(from: a).map { "\($0.x),\($0.y)" }, ["11,1", "12,1", "13,1", "27,2", "28,2", "29,2"], "the wide 变 over 不 repairs its other half")
    }

    func testLayoutSplitsByLengthPercentageMinAndFill() {
        let rects = Layout.split(Rect(x: 0, y: 0, width: 100, height: 1), .horizontal,
                                 [.length(10), .percentage(20), .min(5), .fill(1), .fill(3)])
        XCTAssertEqual(rects.map(\.width), [10, 20, 5, 16, 49])
        XCTAssertEqual(rects.map(\.x), [0, 10, 30, 35, 51])
        let tight = Layout.split(Rect(x: 0, y: 0, width: 1, height: 8), .vertical, [.length(3), .fill(1), .length(3)])
        XCTAssertEqual(tight.map(\.height), [3, 2, 3])
        let tooSmall = Layout.split(Rect(x: 0, y: 0, width: 1, height: 4), .vertical, [.length(3), .fill(1), .length(3)])
        XCTAssertEqual(tooSmall.map(\.height), [3, 0, 1])
    }
}

final class TextWidthTests: XCTestCase {
    func testWidthByGraphemeCluster() {
        XCTAssertEqual(TextWidth.of("张三"), 4)
        XCTAssertEqual(TextWidth.of("Li Si"), 5)
        XCTAssertEqual(TextWidth.of("ＡＢ"), 4, "full-width forms")
        XCTAssertEqual(TextWidth.of("e\u{301}"), 1, "a combining mark adds nothing")
        XCTAssertEqual(TextWidth.of("❤\u{FE0F}"), 2, "emoji presentation by VS16")
        XCTAssertEqual(TextWidth.of("👩‍👩‍👧"), 2, "one family grapheme")
        XCTAssertEqual(TextWidth.of("，。"), 4)
    }

    func testClipAndPadByColumnsWithEllipsis() {
        XCTAssertEqual(TextWidth.clip("欧阳娜娜", to: 5), "欧阳…")
        XCTAssertEqual(TextWidth.clip("Wang Fang", to: 6), "Wang…", "never \"Wang F…\"")
        XCTAssertEqual(TextWidth.clip("Wang Fang", to: 8), "Wang…", "a word is left out whole")
        XCTAssertEqual(TextWidth.pad("张三", to: 6), "张三  ")
        XCTAssertEqual(TextWidth.of(TextWidth.pad("欧阳娜娜abc", to: 7)), 7)
    }
}

final class SanitizerTests: XCTestCase {
    func testHostileNamesRenderSafelyAndKeepTheLayout() {
        let hostile = [
            "张\u{1B}[2J三",                 // clear screen
            "\u{1B}]0;owned\u{07}李四",      // window title (OSC)
            "王\u{9B}31m五",                 // one-byte CSI
            "赵\u{202E}六abc",               // right-to-left override
            "钱\n七",                        // line break in a one-line cell
            "孙\t八\r",
        ]
        var b = Buffer(width: 12, height: hostile.count)
        for (i, name) in hostile.enumerated() { b.set(name, x: 0, y: i) }
        let lines = b.lines()
        for line in lines {
            XCTAssertEqual(TextWidth.of(line), 12)
            XCTAssertFalse(line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E || $0.value < 0x20 })
        }
        XCTAssertEqual(lines[0], "张�三       ")
        XCTAssertEqual(lines[1], "�李四       ")
        XCTAssertTrue(lines[4].hasPrefix("钱⏎七"))
        XCTAssertTrue(lines[5].hasPrefix("孙⇥八⏎"))
    }

    func testMultiLineKeepsNewlinesOnly() {
        XCTAssertEqual(Sanitizer.multiLine("第一行\r\n第二行\u{1B}[1m"), "第一行\n第二行�")
    }
}
