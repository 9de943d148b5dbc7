import Counseling
import Foundation
import Store
import Terminal
@testable import Workstation
import XCTest

/// Printing from the workstation: one palette entry per document the
/// account may print, a form naming the file with a line saying what will
/// be written, and F2 asking the session to write it.
final class PrintPaletteTests: XCTestCase {
    typealias F = WorkstationFixture

    private func form(_ s: AppState) -> FormModal? {
        if case .form(let f) = s.modal { return f }
        return nil
    }

    private func offered(_ s: inout AppState) -> Set<CommandID> {
        _ = F.press(&s, .character(":"))
        defer { _ = F.press(&s, .escape) }
        guard case .palette(let palette) = s.modal else { XCTFail("no palette"); return [] }
        return Set(palette.matches(s).map(\.id)).filter { $0.printKind != nil }
    }

    func testThePaletteOffersEachRoleTheDocumentsItMayPrint() throws {
        var duty = try F.state("duty", [.duty])
        XCTAssertEqual(offered(&duty), [.printDutyRecord])
        var head = try F.state("head", [.head])
        XCTAssertEqual(offered(&head), [.printDutyRoster, .printDutyRecord, .printAppointments, .printVisits, .printFileReaders, .printStatistics],
                       "the list's selected student is focused: who read their file")
        var counselor = try F.state("counselor", [.counselor])
        XCTAssertEqual(offered(&counselor), Set(CommandID.allCases.filter { $0.printKind != nil }))
        XCTAssertEqual(Set(PrintKind.allCases.compactMap(CommandID.printing)).count, PrintKind.allCases.count, "every document has its entry")
    }

    func testTheFormSaysWhatWillBeWrittenAndF2AsksForIt() throws {
        var s = try F.state("counselor", [.counselor])
        _ = F.press(&s, .character(":"))
        _ = F.type(&s, "print: visit")
        _ = F.press(&s, .enter)
        let register = try XCTUnwrap(form(s))
        XCTAssertEqual(register.hint, "Visit register: this term so far, an A4 web page (print it to PDF); never over an existing file")
        XCTAssertEqual(register.form.fields[0].editor.text, "~/xindesk-visits-2026-11-20.html")
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        XCTAssertEqual(F.press(&s, .function(2)), [.printDocument(.visits, studentNumber: nil, path: home + "/xindesk-visits-2026-11-20.html")])

        // About the student the list selects.
        var c = try F.state("counselor", [.counselor], language: .zhHans)
        let student = try XCTUnwrap(c.focusedSummary)
        _ = F.press(&c, .character(":"))
        _ = F.type(&c, "打印一生一案")
        _ = F.press(&c, .enter)
        let plan = try XCTUnwrap(form(c))
        XCTAssertEqual(plan.hint, "一生一案（学生心理支持方案）：\(student.name)（\(student.number)）的全部记录，A4 网页文件（可打印为 PDF），不会覆盖已有文件")
        XCTAssertEqual(plan.form.fields[0].editor.text, "~/xindesk-plan-\(student.number)-2026-11-20.html")
        c.modal = .form({ var f = plan; f.form.fields[0].editor = LineEditor("/tmp/plan.pdf", limit: 300); return f }())
        XCTAssertEqual(F.press(&c, .function(2)), [], "not an .html name")
        XCTAssertEqual(form(c)?.form.fields[0].error, S.htmlName.text(.zhHans))
    }
}
