import Counseling
import Foundation
@testable import Store
import XCTest

/// 团体辅导记录 as the store renders it: one block per session of the
/// period with its participants and note, every user text escaped, and
/// printed for counselors only (who took part is clinical).
final class PrintGroupSessionsTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 10, 30), 18)
    private let hostile = "<img src=x onerror=alert(1)>\"O'Brien\" & <script>"
    private let pupils: [Student] = ["甲", "乙", "丙", "丁"].enumerated().map { i, suffix in
        Student(id: StudentID("gp-\(i)"), number: "G2026PRINT\(i)", name: "欧阳团辅\(suffix)", gender: .female,
                stage: .junior, grade: 8, className: i == 2 ? "初二(10)班" : "初二(3)班", headTeacher: "王老师",
                guardians: [Guardian(name: "家长", relation: .mother, phone: "13800138000")])
    }
    private let accounts = [Account(id: Fixture.counselor, roles: [.counselor], displayName: "李心怡")]
        + Account.everyone.filter { $0.id != Fixture.counselor }

    private func request(from: Day = Fixture.day(2026, 10, 1), to: Day = Fixture.day(2026, 10, 31),
                         _ language: Language = .zhHans) -> PrintRequest {
        PrintRequest(kind: .groupSessions, from: from, to: to, studentNumber: nil, language: language, fileID: "test-file-id")
    }

    /// Two sessions in October (the second with a hostile theme and note),
    /// one in September outside the period.
    private func school() throws -> Store {
        let store = try Fixture.store(students: pupils, accounts: accounts, at: Fixture.termStart)
        func log(_ id: String, _ day: Day, theme: String, note: String, _ who: [Int]) throws {
            let session = GroupSession(id: GroupSessionID(id), start: Fixture.at(day, 16), end: Fixture.at(day, 16, 50),
                                       facilitator: Fixture.counselor, theme: theme, participantCount: 0, note: note,
                                       loggedBy: Fixture.counselor)
            try store.execute(.logGroupSession(session, participants: who.map { pupils[$0].id }), as: .counselor,
                              at: Fixture.at(day, 17))
        }
        try log("g-sep", Fixture.day(2026, 9, 16), theme: "SEPTEMBER-THEME", note: "SEPTEMBER-NOTE", [0, 1])
        try log("g-oct", Fixture.day(2026, 10, 14), theme: "人际交往：学会倾听", note: "NOTE-MARKER 成员参与积极", [0, 1, 2])
        try log("g-bad", Fixture.day(2026, 10, 28), theme: hostile, note: "</td></section><script>x</script>", [2, 3])
        return store
    }

    func testEachSessionOfThePeriodIsOneBlockWithItsParticipantsNoteAndSignature() throws {
        let document = try school().printDocument(request(), as: .counselor, at: now)
        let html = document.html
        XCTAssertEqual(document.count, 2, "the two October sessions, not September's")
        XCTAssertFalse(html.contains("SEPTEMBER"))
        let blocks = html.components(separatedBy: "<section class=\"session\">").dropFirst()
        XCTAssertEqual(blocks.count, 2)
        let first = try XCTUnwrap(blocks.first)
        for expected in ["2026-10-14 星期三", "16:00–16:50", "<td>李心怡</td>", "人际交往：学会倾听", "<td>3</td>",
                         "欧阳团辅甲（初二(3)班）、欧阳团辅乙（初二(3)班）、欧阳团辅丙（初二(10)班）", "NOTE-MARKER 成员参与积极",
                         "主持教师签名"] {
            XCTAssertTrue(first.contains(expected), "first block lacks \(expected) (classes in numeric order)")
        }
        XCTAssertFalse(first.contains("欧阳团辅丁"), "who did not attend is not listed")
        XCTAssertTrue(html.contains("section.session { break-inside: avoid;"), "a block is never split across pages")
        let english = try school().printDocument(request(.en), as: .counselor, at: now).html
        XCTAssertTrue(english.contains("欧阳团辅甲 (初二(3)班)"))
        XCTAssertTrue(english.contains("Facilitator&#39;s signature"))
    }

    func testAHostileThemeAndNoteArePrintedAsText() throws {
        let html = try school().printDocument(request(), as: .counselor, at: now).html
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;O&#39;Brien&quot; &amp; &lt;script&gt;"))
        XCTAssertTrue(html.contains("&lt;/td&gt;&lt;/section&gt;&lt;script&gt;"), "the note cannot close its block")
        XCTAssertEqual(html.components(separatedBy: "</section>").count - 1, 2, "two blocks, no more")
    }

    func testAHeadAndADutyTeacherAreRefused() throws {
        let store = try school()
        for (session, account) in [(try store.headSession(), Account.head), (try store.dutySession(), Account.duty)] {
            XCTAssertThrowsError(try session.printDocument(request(), as: account, at: now), "\(account.id)") {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.printGroupRecord))
            }
        }
        XCTAssertEqual(Permission.roles(for: .printGroupRecord), [.counselor])
    }

    func testAPeriodWithoutSessionsSaysSo() throws {
        let document = try school().printDocument(request(from: Fixture.day(2026, 10, 15), to: Fixture.day(2026, 10, 27)),
                                                  as: .counselor, at: now)
        XCTAssertEqual(document.count, 0)
        XCTAssertTrue(document.html.contains("这段时间没有团体辅导。"))
    }
}
