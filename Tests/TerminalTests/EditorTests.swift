import XCTest
@testable import Terminal

final class LineEditorTests: XCTestCase {
    func testChineseInputAndCursorMovesByCharacterAcrossWideCharacters() {
        var e = LineEditor()
        for c in "张三" { e.handle(.character(c)) }
        XCTAssertEqual(e.text, "张三")
        XCTAssertEqual(e.cursor, 2)
        e.handle(.left)
        e.handle(.character("小"))
        XCTAssertEqual(e.text, "张小三")
        e.handle(.home)
        e.handle(.delete)
        XCTAssertEqual(e.text, "小三")
        e.handle(.end)
        e.handle(.backspace)
        XCTAssertEqual(e.text, "小")
        var b = Buffer(width: 10, height: 1)
        e.render(into: &b, b.area, focused: true)
        XCTAssertEqual(b.cursor?.x, 2, "the cursor stands after one wide character")
    }

    func testPasteBurstIsInsertedAsTextWithLineBreaksFlattened() {
        var e = LineEditor("ab")
        e.handle(.left)
        e.handle(.paste("欧阳\n娜娜\u{1B}[2J"))
        XCTAssertEqual(e.text, "a欧阳 娜娜[2Jb")
        XCTAssertEqual(e.cursor, 9)
    }

    func testWordMovesAndDeletion() {
        var e = LineEditor("初一 三班 张三")
        e.handle(.ctrl("b"))
        XCTAssertEqual(e.cursor, 6)
        e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "初一 张三")
        e.handle(.ctrl("f"))
        XCTAssertEqual(e.cursor, e.text.count)
        XCTAssertFalse(e.handle(.enter), "Enter is left to the form")
    }

    func testLongTextScrollsToKeepTheCursorVisible() {
        var e = LineEditor("一二三四五六七八九十")
        var b = Buffer(width: 8, height: 1)
        e.render(into: &b, b.area, focused: true)
        XCTAssertEqual(b.lines(), ["八九十  "])
        XCTAssertEqual(b.cursor?.x, 6)
        e.handle(.home)
        b = Buffer(width: 8, height: 1)
        e.render(into: &b, b.area, focused: true)
        XCTAssertEqual(b.lines(), ["一二三四"])
        XCTAssertEqual(b.cursor?.x, 0)
    }
}

final class TextAreaTests: XCTestCase {
    func testChineseNoteWrapsByDisplayWidthAndCursorMovesByColumn() {
        var t = TextArea("学生自述近期压力大\nok")
        var b = Buffer(width: 8, height: 4)
        t.render(into: &b, b.area, focused: true)
        XCTAssertEqual(b.lines(), ["学生自述", "近期压力", "大      ", "ok      "])
        XCTAssertEqual(b.cursor.map { "\($0.x),\($0.y)" }, "2,3")
        t.handle(.up, width: 8)   // from column 2 on "ok" to under 大 (column 2 = after 大)
        t.handle(.character("！"), width: 8)
        XCTAssertEqual(t.text, "学生自述近期压力大！\nok")
        t.handle(.enter, width: 8)
        t.handle(.paste("第三行"), width: 8)
        XCTAssertEqual(t.text, "学生自述近期压力大！\n第三行\nok")
    }

    func testScrollsToTheCursor() {
        var t = TextArea((1...10).map { "第\($0)行" }.joined(separator: "\n"))
        var b = Buffer(width: 10, height: 3)
        t.render(into: &b, b.area, focused: true)
        XCTAssertEqual(b.lines()[2], "第10行    ")
        XCTAssertEqual(t.scroll, 7)
    }
}

final class ThemeTests: XCTestCase {
    func testShippedThemesParse() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardizedFileURL.path
        for name in ["default", "light", "high-contrast", "mono"] {
            let (theme, problem) = ThemeLoader.load(name, searching: [dir])
            XCTAssertNil(problem, name)
            XCTAssertEqual(theme.name, name)
        }
        XCTAssertEqual(ThemeLoader.load("high-contrast", searching: [dir]).theme.look(.warning3).underline, true)
    }

    func testBrokenThemeNamesFileLineAndKeyAndFallsBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name = \"mine\"\n[accent]\nfg = \"purpleish\"\n".write(toFile: dir + "/mine.toml", atomically: true, encoding: .utf8)
        let (theme, problem) = ThemeLoader.load("mine", searching: [dir])
        XCTAssertEqual(theme, .builtInDefault)
        XCTAssertEqual(problem?.line, 3)
        XCTAssertEqual(problem?.key, "fg")
        XCTAssertTrue(problem?.file.hasSuffix("mine.toml") ?? false)
        XCTAssertTrue(problem?.chinese.contains("第 3 行") ?? false)
        XCTAssertNotNil(ThemeLoader.load("absent", searching: [dir]).problem)
        XCTAssertThrowsError(try Theme.parse("[nosuchrole]\nfg = 1\n", file: "x.toml")) { e in
            XCTAssertEqual((e as? ThemeError)?.line, 2)
        }
    }

    func testColoursByNameNumberAndHex() {
        XCTAssertEqual(TerminalColor.parse("bright-red"), .index(9))
        XCTAssertEqual(TerminalColor.parse("#ff0000"), .index(196))
        XCTAssertEqual(TerminalColor.parse("#808080"), .index(244))
        XCTAssertEqual(TerminalColor.index(196).basic, .index(9))
        XCTAssertNil(TerminalColor.parse("purpleish"))
    }
}
