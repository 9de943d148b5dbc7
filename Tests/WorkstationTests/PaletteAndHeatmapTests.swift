import Counseling
import Foundation
import Terminal
import XCTest
@testable import Workstation

/// Issue 16, points 8 and 9: the palette finds commands by pinyin and
/// says when nothing matches; `open --user` chooses the account; the
/// compliance heatmap shows make-up Saturdays and Sundays.
final class PaletteAndHeatmapTests: XCTestCase {
    typealias F = WorkstationFixture

    private func palette(_ s: AppState) -> CommandPalette? {
        if case .palette(let p) = s.modal { return p }
        return nil
    }

    func testPaletteMatchesPinyinInitialsAndFullPinyin() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character(":"))
        _ = F.type(&s, "qd")
        XCTAssertEqual(palette(s)?.matches(s).map(\.id), [.checkInOut])
        _ = F.press(&s, .backspace, .backspace)
        _ = F.type(&s, "dj")
        XCTAssertEqual(palette(s)?.matches(s).first?.id, .newVisit)
        _ = F.press(&s, .backspace, .backspace)
        _ = F.type(&s, "qiandao")
        XCTAssertEqual(palette(s)?.matches(s).map(\.id), [.checkInOut])
        _ = F.press(&s, .enter)
        XCTAssertNil(s.modal)

        // A phrase is read as words, not as a name: 查找 is cha zhao.
        var c = try F.state("counselor", [.counselor, .admin])
        _ = F.press(&c, .character(":"))
        _ = F.type(&c, "cz")
        XCTAssertTrue(palette(c)?.matches(c).map(\.id).contains(.find) == true)
    }

    func testPaletteSaysWhenNothingMatchesAndEnterKeepsIt() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .character(":"))
        _ = F.type(&s, "xyzzy")
        XCTAssertEqual(palette(s)?.matches(s).count, 0)
        XCTAssertEqual(F.press(&s, .enter), [])
        XCTAssertEqual(palette(s)?.query.text, "xyzzy", "Enter with nothing matching keeps the palette and the query")
        let screen = Render.frame(s).lines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("No command matches \"xyzzy\"."), screen)
    }

    func testOpenUserChoosesTheAccountOnTheUnlockScreen() {
        var s = AppState(language: .en, accounts: ["counselor", "duty", "head"], now: F.now, wall: Date())
        XCTAssertTrue(s.preselect("duty"))
        XCTAssertEqual(s.unlockAccount, "duty")
        XCTAssertTrue(s.preselect("recovery"))
        XCTAssertEqual(s.unlockAccount, "recovery")
        XCTAssertFalse(s.preselect("nobody"))
        XCTAssertEqual(s.unlockAccount, "recovery", "an unknown account changes nothing")
        _ = Update.update(&s, .key(.down, at: Date()))
        XCTAssertEqual(s.unlockAccount, "counselor")
    }

    /// 2026-09-20, a Sunday, is a make-up working day in the bundled
    /// calendar: its column in the week of 09-14 has a glyph on the Sunday row.
    func testHeatmapHasASundayRowShowingTheMakeUpSunday() throws {
        for language in [Language.zhHans, .en] {
            var s = try F.state("head", [.head], language: language, width: 80, height: 24)
            _ = Update.perform(&s, .pane2)
            _ = Update.perform(&s, .maximize)
            let report = try XCTUnwrap(s.compliance)
            let sunday = try XCTUnwrap(Day(year: 2026, month: 9, day: 20))
            XCTAssertTrue(report.days.contains { $0.day == sunday }, "the make-up Sunday is a school day of the report")
            let lines = Render.frame(s).lines()
            let (first, last) = language == .en ? ("M", "S") : ("一", "日")
            let monday = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("│\(first) ") }, "no Monday row")
            let row = lines[monday + 6]
            XCTAssertTrue(row.hasPrefix("│\(last) "), row)
            XCTAssertTrue(["■", "◧", "▣", "□", "✗"].contains { row.contains($0) }, "the make-up Sunday is drawn: \(row)")
        }
    }

    func testSnapshotsInBothLanguagesAtBothSizes() throws {
        for language in [Language.zhHans, .en] {
            let tag = language == .en ? "en" : "zh"
            for (w, h) in [(80, 24), (120, 40)] {
                var s = try F.state("duty", [.duty], language: language, width: w, height: h)
                _ = F.press(&s, .character(":"))
                var pinyin = s
                _ = F.type(&pinyin, "qd")
                assertSnapshot(pinyin, "palette-pinyin-\(tag)-\(w)x\(h)")
                var none = s
                _ = F.type(&none, "xyzzy")
                assertSnapshot(none, "palette-no-match-\(tag)-\(w)x\(h)")
                var unlock = AppState(language: language, accounts: ["counselor", "duty", "head"], now: F.now, wall: Date())
                (unlock.width, unlock.height) = (w, h)
                _ = unlock.preselect("duty")
                assertSnapshot(unlock, "unlock-preselected-\(tag)-\(w)x\(h)")
            }
        }
    }
}
