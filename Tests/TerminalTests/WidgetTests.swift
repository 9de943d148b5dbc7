import XCTest
@testable import Terminal

final class WidgetTests: XCTestCase {
    private func render(_ w: Int, _ h: Int, _ body: (inout Buffer) -> Void) -> [String] {
        var b = Buffer(width: w, height: h)
        body(&b)
        for line in b.lines() { XCTAssertEqual(TextWidth.of(line), w, "[\(line)]") }
        return b.lines()
    }

    func testBlockWithChineseAndEnglishTitles() {
        XCTAssertEqual(render(14, 3) { Block(title: "学生名单").render(into: &$0, $0.area) },
                       ["┌─ 学生名单 ─┐", "│            │", "└────────────┘"])
        XCTAssertEqual(render(14, 3) { Block(title: "Students").render(into: &$0, $0.area) },
                       ["┌─ Students ─┐", "│            │", "└────────────┘"])
        XCTAssertEqual(render(12, 3) { Block(title: "学生名单").render(into: &$0, $0.area) }[0], "┌─ 学生… ──┐",
                       "a title too long is clipped with an ellipsis")
    }

    func testTableAlignsChineseAndLatinColumns() {
        let lines = render(24, 4) { b in
            var state = ListState(selected: 1)
            Table(columns: [.init("姓名", .length(10)), .init("班级", .fill(1))],
                  rows: [["张三", "初一(1)班"], ["Li Si", "初二(3)班"], ["欧阳娜娜娜娜", "初三(10)班"]])
                .render(into: &b, b.area, state: &state)
        }
        XCTAssertEqual(lines, ["姓名      班级          ",
                               "张三      初一(1)班     ",
                               "Li Si     初二(3)班     ",
                               "欧阳娜娜… 初三(10)班    "])
    }

    func testListScrollsToKeepTheSelectionVisible() {
        var state = ListState(selected: 4)
        let lines = render(6, 2) { b in ListView(items: ["一", "二", "三", "四", "五"]).render(into: &b, b.area, state: &state) }
        XCTAssertEqual(lines, ["四    ", "五    "])
        XCTAssertEqual(state.offset, 3)
    }

    func testStatusBarShowsHintsWholeOrNotAtAllAndThePinnedOneAlways() {
        XCTAssertEqual(render(20, 1) { StatusBar(hints: [("F1", "帮助"), ("/", "查找"), ("q", "退出")]).render(into: &$0, $0.area) },
                       ["F1 帮助  / 查找     "])
        XCTAssertEqual(render(20, 1) { StatusBar(hints: [("F1", "help"), ("/", "find"), ("q", "quit")]).render(into: &$0, $0.area) },
                       ["F1 help  / find     "])
        XCTAssertEqual(render(25, 1) { StatusBar(hints: [("/", "find"), ("n", "new visit"), ("b", "book")], pinned: ("F1", "help"))
                .render(into: &$0, $0.area) }, ["/ find  b book  F1 help  "], "a hint that does not fit is left out, help stays")
    }

    func testConfirmDialogIsCentred() {
        let lines = render(24, 7) { Dialog.confirm(title: "退出", question: "确定退出吗？", yes: "Enter 确定", no: "Esc 取消").render(into: &$0, $0.area) }
        XCTAssertEqual(lines[1], "┌─ 退出 ───────────────┐")
        XCTAssertEqual(lines[2], "│ 确定退出吗？         │")
        XCTAssertEqual(lines[4], "│Enter 确定   Esc 取消 │")
        XCTAssertEqual(lines[5], "└──────────────────────┘")
    }

    func testTabsHighlightTheSelectedTitle() {
        var b = Buffer(width: 30, height: 1)
        Tabs(titles: ["学生", "记录", "Roster"], selected: 1).render(into: &b, b.area)
        XCTAssertEqual(b.lines(), [" 学生 │ 记录 │ Roster │       "])
        XCTAssertEqual(b[8, 0].style.role, .accent)
    }

    func testBarChartUsesEighthBlocksAndMarksTheTarget() {
        XCTAssertEqual(BarChart.bar(5, of: 10, width: 4), "██")
        XCTAssertEqual(BarChart.bar(1, of: 8, width: 1), "▏")
        XCTAssertEqual(BarChart.bar(15, of: 10, width: 3), "███")
        let lines = render(20, 2) { b in
            BarChart(bars: [.init(label: "第1周", value: 12, target: 10), .init(label: "W2", value: 5, target: 10)], maximum: 15)
                .render(into: &b, b.area)
        }
        XCTAssertTrue(lines[0].hasPrefix("第1周 ████████"), lines[0])
        XCTAssertTrue(lines[1].contains("│"), "a bar below its target shows the target line: \(lines[1])")
    }

    func testCalendarHeatmapPlacesDaysByWeekAndWeekday() {
        let lines = render(14, 4) { b in
            CalendarHeatmap(weekdayLabels: ["一", "二"], weekLabels: ["9/1", "9/8"],
                            days: [.init(week: 0, weekday: 0, glyph: "■", style: Style(.ok)),
                                   .init(week: 1, weekday: 1, glyph: "✗", style: Style(.violation))],
                            legend: [("■", Style(.ok), "达标"), ("✗", Style(.violation), "未开放")])
                .render(into: &b, b.area)
        }
        XCTAssertEqual(lines[0], "   9/1        ")
        XCTAssertEqual(lines[1], "一 ■          ")
        XCTAssertEqual(lines[2], "二   ✗        ")
        XCTAssertTrue(lines[3].hasPrefix("■ 达标  ✗ 未"), lines[3])
    }

    func testWeekGridPlacesShiftsByDayAndTime() {
        let lines = render(30, 7) { b in
            WeekGrid(dayTitles: ["周一", "周二", "Wed"], firstHour: 12, lastHour: 18,
                     entries: [.init(day: 0, startMinute: 12 * 60, endMinute: 13 * 60, label: "周明", style: Style(.accent)),
                               .init(day: 2, startMinute: 16 * 60, endMinute: 17 * 60, label: "Wang", style: Style(.accent))])
                .render(into: &b, b.area)
        }
        XCTAssertEqual(lines[0], "      周一    周二    Wed     ")
        XCTAssertTrue(lines[1].hasPrefix("12:00 周明"), lines[1])
        XCTAssertTrue(lines[5].hasPrefix("16:00") && lines[5].contains("Wang"), lines[5])
    }

    func testWeekGridTitlesNeverRunTogetherInNarrowColumns() {
        // 31 columns: a gutter of 6 and five days of 5, as at 80×24.
        let lines = render(31, 3) { b in
            WeekGrid(dayTitles: ["一 30", "二 01", "三 02", "四 03", "五 04"], firstHour: 12, lastHour: 18, entries: [])
                .render(into: &b, b.area)
        }
        XCTAssertEqual(lines[0], "      一30 二01 三02 四03 五04 ")
        let wide = render(41, 3) { b in
            WeekGrid(dayTitles: ["一 30", "二 01", "三 02", "四 03", "五 04"], firstHour: 12, lastHour: 18, entries: [])
                .render(into: &b, b.area)
        }
        XCTAssertEqual(wide[0], "      一 30  二 01  三 02  四 03  五 04  ", "spaces stay where there is room")
    }

    func testFormShowsValidationUnderTheField() {
        var form = Form(fields: [Form.Field(label: "姓名"), Form.Field(label: "Phone")])
        form.fields[1].error = "号码不正确"
        form.handle(.character("张"))
        form.handle(.tab)
        form.handle(.paste("123"))
        let lines = render(20, 3) { form.render(into: &$0, $0.area) }
        XCTAssertEqual(lines[0], "姓名  张            ")
        XCTAssertEqual(lines[1], "Phone 123           ")
        XCTAssertEqual(lines[2], "      ⚠ 号码不正确  ")
    }

    func testWrapKeepsEnglishWordsWholeAndBreaksChineseAnywhere() {
        XCTAssertEqual(TextWidth.wrap("the responsible leader by name", width: 12), ["the", "responsible", "leader by", "name"])
        XCTAssertEqual(TextWidth.wrap("一生一案帮扶方案", width: 5), ["一生", "一案", "帮扶", "方案"])
        XCTAssertEqual(TextWidth.wrap("请填 responsible", width: 8), ["请填", "responsi", "ble"], "a word longer than the line is cut")
        XCTAssertEqual(TextWidth.wrap("学生 张三同学", width: 7), ["学生 张", "三同学"], "Chinese does not wait for a space")
        XCTAssertEqual(TextWidth.wrap("", width: 5), [""])
        XCTAssertEqual(TextWidth.wrap("缺少方案、缺少领导。", width: 8), ["缺少方", "案、缺少", "领导。"],
                       "、 and 。 never start a line: the character before goes down with them")
        XCTAssertEqual(TextWidth.wrap("好的，谢谢。", width: 4), ["好", "的，", "谢", "谢。"])
        XCTAssertEqual(TextWidth.wrap("8 其他亲属 9 法定监护人", width: 14), ["8 其他亲属", "9 法定监护人"], "a code stays with its meaning")
        XCTAssertEqual(TextWidth.wrap("7 兄弟 9 法定", width: 7), ["7 兄弟", "9 法定"], "no double space when the break falls on the space")
        for line in TextWidth.wrap("Purpose 1 guardian notification 2 family contact; Method 1 phone", width: 20) {
            XCTAssertLessThanOrEqual(TextWidth.of(line), 20)
            XCTAssertFalse(line.hasPrefix(" "))
        }
    }

    /// Issue 16, point 5: none of ，。、；：？！）」》 opens a line, at any
    /// width that holds a character and two marks; at every width no line
    /// is too long, and wrapping loses and adds nothing.
    func testChinesePunctuationNeverStartsALine() {
        for mark in "，。、；：？！）」》" {
            let text = "学生自述近期作业压力大\(mark)晚上入睡困难\(mark)\(mark)共同梳理了安排（约定下周复谈\(mark)"
            for width in 2...24 {
                let lines = TextWidth.wrap(text, width: width)
                XCTAssertEqual(lines.joined(), text, "\(mark) at \(width)")
                for line in lines {
                    XCTAssertLessThanOrEqual(TextWidth.of(line), width, "\(mark) at \(width): \(lines)")
                    if width >= 6 { XCTAssertFalse(line.first == mark, "\(mark) starts a line at \(width): \(lines)") }
                }
            }
            // Where the character and its marks would not fit, the line is not made too long.
            for line in TextWidth.wrap("A难\(mark)\(mark)好", width: 5) { XCTAssertLessThanOrEqual(TextWidth.of(line), 5, "\(mark)") }
        }
    }
}
