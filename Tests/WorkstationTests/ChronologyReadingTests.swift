import Counseling
import Foundation
import Store
import Terminal
import XCTest
@testable import Workstation

/// Reading a student's file: one line per event beside the other panes, a
/// long note in full when the pane is maximised, scrolling that stops at
/// the last line, and paging.
final class ChronologyReadingTests: XCTestCase {
    typealias F = WorkstationFixture

    static let longNote = """
        学生自述近期作业压力大，晚上入睡困难，常在凌晨一点后才睡着。共同梳理了本周的时间安排，把数学和英语作业拆成小块，约定每天二十二点前放下手机。
        第二段：与班主任沟通后，班主任同意本周减少一次课后留堂。下次面谈时复查睡眠日记，必要时建议家长陪同就医。
        """

    /// A counselor with the queue's first file open, a long two-paragraph
    /// note as its newest event.
    private func counselorReadingALongNote(width: Int = 80, height: Int = 24) throws -> AppState {
        var s = try F.state("counselor", [.counselor], language: .zhHans, width: width, height: height)
        // A full file (the demo's first key student has no plan yet).
        let first = try XCTUnwrap(s.queue.first { !$0.missing.contains(.supportPlan) })
        var file = try F.openFile(first.student.id)
        file.caseNotes.append(CaseNote(id: CaseNoteID("long"), student: file.student.id, author: StaffID("counselor"),
                                       at: F.now, text: Self.longNote))
        _ = Update.update(&s, .fileOpened(file))
        _ = F.press(&s, .character("2"))
        return s
    }

    /// The file pane's rows, inside its frame, trailing spaces taken off.
    private func paneText(_ s: AppState) throws -> String {
        let area = try XCTUnwrap(Render.innerArea(.file, s))
        let frame = Render.frame(s)
        return (area.y..<area.maxY).map { y in
            (area.x..<area.maxX).map { frame[$0, y] }.filter { !$0.isContinuation }.map(\.symbol).joined()
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }

    func testBesideTheOtherPanesANoteTakesOneLineCutWithAnEllipsis() throws {
        let s = try counselorReadingALongNote()
        let text = try paneText(s)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("学生自述") })
        XCTAssertTrue(line.hasSuffix("…"), String(line))
        XCTAssertFalse(text.contains("第二段"), "the second paragraph waits for the maximised view")
    }

    func testMaximisedTheWholeNoteIsReadParagraphByParagraph() throws {
        var s = try counselorReadingALongNote()
        _ = F.press(&s, .character("z"))
        let text = try paneText(s)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let head = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("\(F.now.day) 16:30") && $0.contains("个案记录") })
        XCTAssertFalse(lines[head].contains("学生自述"), "a note that does not fit starts below its date")
        // Every character of both paragraphs is on screen, in order, and the
        // second paragraph starts on a line of its own.
        let paragraphs = Self.longNote.split(separator: "\n").map(String.init)
        let body = lines[(head + 1)...].prefix { !$0.hasPrefix("20") }
        XCTAssertTrue(body.allSatisfy { $0.hasPrefix("    ") }, "indented under its date: \(body)")
        XCTAssertEqual(body.map { $0.trimmingCharacters(in: .whitespaces) }.joined(), paragraphs.joined())
        XCTAssertTrue(body.contains { $0.hasPrefix("    第二段") }, "the second paragraph starts a line")
        XCTAssertGreaterThan(body.count, 3, "wrapped over several lines at 80 columns")
    }

    func testScrollingStopsAtTheLastLineAndComesBackAtOnce() throws {
        var s = try counselorReadingALongNote()
        _ = F.press(&s, .character("z"))
        let limit = FilePane.scrollLimit(s)
        XCTAssertGreaterThan(limit, 0, "the demo file is longer than one screen")
        for _ in 0..<(limit + 50) { _ = F.press(&s, .down) }
        XCTAssertEqual(s.fileScroll, limit)
        let bottom = try paneText(s)
        XCTAssertTrue(bottom.split(separator: "\n").first?.hasSuffix("↑") == true, "a mark says there is more above")
        _ = F.press(&s, .up)
        XCTAssertEqual(s.fileScroll, limit - 1, "one key back, not fifty")
        _ = F.press(&s, .pageUp)
        XCTAssertEqual(s.fileScroll, max(0, limit - 1 - (try XCTUnwrap(Render.innerArea(.file, s)).height - 2)))
        _ = F.press(&s, .pageUp, .pageUp, .pageUp, .pageUp)
        XCTAssertEqual(s.fileScroll, 0)
        _ = F.press(&s, .pageDown)
        XCTAssertEqual(s.fileScroll, min(limit, try XCTUnwrap(Render.innerArea(.file, s)).height - 2))
    }

    func testMaximisingKeepsTheEventAtTheTopAtTheTop() throws {
        var s = try counselorReadingALongNote()
        // Quartered, one line per event: scroll three events down.
        for _ in 0..<3 { _ = F.press(&s, .down) }
        let area = try XCTUnwrap(Render.innerArea(.file, s))
        let top = try XCTUnwrap(try paneText(s).split(separator: "\n").dropFirst(2).first).prefix(16)
        _ = F.press(&s, .character("z"))
        let maximised = try paneText(s).split(separator: "\n").dropFirst(2).first.map(String.init) ?? ""
        XCTAssertTrue(maximised.hasPrefix(String(top)), "\(top) vs \(maximised)")
        XCTAssertNotEqual(try XCTUnwrap(Render.innerArea(.file, s)).width, area.width)
        _ = F.press(&s, .character("z"))
        XCTAssertEqual(s.fileScroll, 3, "and back again")
    }

    func testPageKeysShowInHelpNotInTheStatusBar() throws {
        var s = try counselorReadingALongNote()
        XCTAssertFalse(Command.hints(s).contains { $0.key == "PgUp/Dn" })
        _ = F.press(&s, .character("?"))
        XCTAssertTrue(F.screen(s).contains("PgUp/Dn"))
    }
}
