import Counseling
import Foundation
@testable import Store
import XCTest

/// The printed documents as the store renders them: escaped, self-contained,
/// laid out for A4, and holding only what the printing account's keys open.
final class PrintDocumentTests: XCTestCase {
    private let now = Fixture.at(Fixture.day(2026, 9, 30), 18)
    private let pupil = StudentID("s1")
    private let hostile = "<img src=x onerror=alert(1)>\"O'Brien\" & <script>"

    private func request(_ kind: PrintKind, _ language: Language = .zhHans) -> PrintRequest {
        PrintRequest(kind: kind, from: Fixture.day(2026, 9, 1), to: Fixture.day(2026, 9, 30),
                     studentNumber: kind.isAboutOneStudent ? Fixture.student(1).number : nil, language: language, fileID: "test-file-id")
    }

    /// A school with a visit, an appointment, a shift, a check-in, a level
    /// change, a plan, a referral, a guardian notification and a case note,
    /// each free text a marker no register may show a head.
    private func school(name: String = "张三") throws -> Store {
        let store = try Fixture.store(students: [Fixture.student(1, name: name)])
        let day = Fixture.day(2026, 9, 14)
        try store.seed([
            Visit(id: VisitID("v1"), student: pupil, loggedBy: Fixture.duty, channel: .walkIn, start: Fixture.at(day, 12, 10),
                  end: Fixture.at(day, 12, 40), reasons: [.selfHarmThoughts], brief: "MARKER-BRIEF </td><script>x</script>",
                  escalatedTo: Fixture.counselor),
            Appointment(id: AppointmentID("a1"), student: pupil, requestedBy: .teacher, channel: .inPerson,
                        slot: TimeSpan(start: Fixture.at(day, 16), end: Fixture.at(day, 16, 45)), counselor: Fixture.counselor,
                        purpose: "MARKER-PURPOSE", note: "MARKER-APPOINTMENT-NOTE", status: .confirmed, statusChangedAt: Fixture.at(day, 9)),
            PlannedShift(id: PlannedShiftID("sh1"), person: Fixture.duty,
                         span: TimeSpan(start: Fixture.at(day, 12), end: Fixture.at(day, 13))),
            DutyCheckIn(id: DutyCheckInID("c1"), person: Fixture.duty, checkIn: Fixture.at(day, 12, 2), checkOut: Fixture.at(day, 13)),
            try Fixture.levelChange("l1", pupil, from: .none, to: .major, at: Fixture.at(day, 15), reason: "MARKER-LEVEL-REASON"),
            Fixture.plan("p1", pupil, at: Fixture.at(day, 15, 30), goals: ["MARKER-GOAL"], reviewed: true),
            Referral(id: ReferralID("r1"), student: pupil, institution: "市精神卫生中心", referredOn: day.adding(days: 1),
                     greenChannel: true, by: Fixture.counselor),
            GuardianContact(id: GuardianContactID("g1"), student: pupil, guardianName: "张父", relation: .father, by: Fixture.counselor,
                            at: Fixture.at(day, 17), purpose: .notification, method: .phone, outcome: .reached, note: "MARKER-CONTACT"),
            CaseNote(id: CaseNoteID("n1"), student: pupil, author: Fixture.counselor, at: Fixture.at(day, 16, 50), text: "MARKER-NOTE"),
        ])
        return store
    }

    func testEscapingTurnsEveryMarkupCharacterIntoAnEntity() {
        XCTAssertEqual(Markup.escape(hostile),
                       "&lt;img src=x onerror=alert(1)&gt;&quot;O&#39;Brien&quot; &amp; &lt;script&gt;")
        XCTAssertEqual(Markup.text("a\u{07}b\nc").html, "ab<br>c", "a bell is dropped, a line break kept")
        XCTAssertEqual(Markup.escape("王\u{202E}林\u{2066}"), "王林", "bidi overrides cannot reorder a printed row")
    }

    func testAHostileNameAndBriefArePrintedAsTextNeverAsMarkup() throws {
        let store = try school(name: hostile)
        for kind in [PrintKind.visits, .appointments, .counselingRecord, .plan, .referral, .guardianNotice] {
            let html = try store.printDocument(request(kind), as: .counselor, at: now).html
            XCTAssertFalse(html.contains("<img"), "\(kind)")
            XCTAssertFalse(html.contains("<script"), "\(kind)")
            XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(kind): the name is there, as text")
        }
        let visits = try store.printDocument(request(.visits), as: .counselor, at: now).html
        XCTAssertTrue(visits.contains("MARKER-BRIEF &lt;/td&gt;&lt;script&gt;"), "the brief cannot close its cell")
    }

    func testEveryDocumentIsSelfContainedA4WithItsHeader() throws {
        let store = try school()
        for kind in PrintKind.allCases {
            for (language, words) in [(Language.zhHans, ["期间：2026-09-01 – 2026-09-30", "打印：counselor 2026-09-30 18:00",
                                                         "\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\"", "（学校名称未设置）"]),
                                      (.en, ["Period: 2026-09-01 – 2026-09-30", "Printed by counselor 2026-09-30 18:00",
                                             "\"page \" counter(page) \" of \" counter(pages)", "(school name not set)"])] {
                let document = try store.printDocument(request(kind, language), as: .counselor, at: now)
                let html = document.html
                for forbidden in ["<script", "http", "src=", "<link", "url(", "@import", "<iframe", "<object"] {
                    XCTAssertFalse(html.lowercased().contains(forbidden), "\(kind) \(language) holds \(forbidden)")
                }
                for required in ["<!DOCTYPE html>", "@page { size: A4;", "thead { display: table-header-group; }",
                                 "tr { break-inside: avoid;", "<h1>" + Markup.escape(kind.title.text(language)) + "</h1>"] + words {
                    XCTAssertTrue(html.contains(required), "\(kind) \(language) lacks \(required)")
                }
            }
        }
    }

    func testAHeadsRegistersHoldNoNoteBriefOrReason() throws {
        let store = try school()
        let head = try store.headSession()
        let markers = ["MARKER", "\u{E000}", Visit.Reason.selfHarmThoughts.displayName.zh]
        for kind in [PrintKind.visits, .appointments, .dutyRoster, .dutyRecord, .fileReaders] {
            let html = try head.printDocument(request(kind), as: .head, at: now).html
            for marker in markers { XCTAssertFalse(html.contains(marker), "\(kind): \(marker)") }
            XCTAssertTrue(html.contains("<table") || kind == .fileReaders, "\(kind) prints its rows")
        }
        let headVisits = try head.printDocument(request(.visits), as: .head, at: now)
        XCTAssertEqual(headVisits.count, 1)
        XCTAssertTrue(headVisits.html.contains("<td>张三</td>"), "who came is on a head's register")
        // The same register for a counselor holds the brief and the reason: the check above can fail.
        let counselor = try store.printDocument(request(.visits), as: .counselor, at: now).html
        XCTAssertTrue(counselor.contains("MARKER-BRIEF"))
        XCTAssertTrue(counselor.contains("自伤念头"))
    }

    func testEachRolePrintsOnlyWhatItMay() throws {
        let store = try school()
        let duty = try store.dutySession(), head = try store.headSession()
        let allowed: [(Store, Account, [PrintKind])] = [
            (duty, .duty, [.dutyRecord]),
            (head, .head, [.dutyRoster, .dutyRecord, .appointments, .visits, .fileReaders, .statistics]),
            (store, .counselor, PrintKind.allCases),
            (try store.session([], as: Fixture.admin), .admin, [.dutyRoster, .dutyRecord]),
        ]
        for (session, account, kinds) in allowed {
            for kind in PrintKind.allCases {
                if kinds.contains(kind) {
                    XCTAssertNoThrow(try session.printDocument(request(kind), as: account, at: now), "\(account.id) \(kind)")
                } else {
                    XCTAssertThrowsError(try session.printDocument(request(kind), as: account, at: now), "\(account.id) \(kind)") {
                        XCTAssertEqual($0 as? StoreError, .notAllowed(kind.action))
                    }
                }
            }
        }
        // A print is recorded only by a holder of its permission.
        XCTAssertThrowsError(try store.execute(.recordExport(.document(.visits, student: nil), detail: "visits"), as: .duty, at: now)) {
            XCTAssertEqual($0 as? StoreError, .notAllowed(.printRegister))
        }
    }

    func testAOneStudentFormNeedsAKnownStudent() throws {
        let store = try school()
        var asked = request(.plan)
        asked.studentNumber = nil
        XCTAssertThrowsError(try store.printDocument(asked, as: .counselor, at: now)) { XCTAssertEqual($0 as? PrintError, .studentNeeded) }
        asked.studentNumber = "99999999"
        XCTAssertThrowsError(try store.printDocument(asked, as: .counselor, at: now)) {
            XCTAssertEqual($0 as? PrintError, .studentNotFound("99999999"))
        }
        var register = request(.visits)
        register.studentNumber = Fixture.student(1).number
        XCTAssertThrowsError(try store.printDocument(register, as: .counselor, at: now)) {
            XCTAssertEqual($0 as? PrintError, .studentNotUsed(.visits))
        }
        var reversed = request(.visits)
        reversed.from = Fixture.day(2026, 10, 1)
        XCTAssertThrowsError(try store.printDocument(reversed, as: .counselor, at: now)) {
            XCTAssertEqual($0 as? PrintError, .periodReversed(Fixture.day(2026, 10, 1), Fixture.day(2026, 9, 30)))
        }
    }

    func testTheCounselingRecordMapsTheFileAndLeavesWhatItLacksToTheHand() throws {
        let store = try school()
        let html = try store.printDocument(request(.counselingRecord), as: .counselor, at: now).html
        XCTAssertTrue(html.contains("<th>当前状况</th><td>2026-09-14："), "the newest visit's brief, dated")
        XCTAssertTrue(html.contains("<th>主要问题</th><td>自伤念头</td>"))
        XCTAssertTrue(html.contains("MARKER-LEVEL-REASON"), "the assessment is the level history")
        XCTAssertTrue(html.contains("<th>辅导措施</th><td>每周面谈</td>"))
        XCTAssertTrue(html.contains("<th>效果评价</th><td>2026-09-14 counselor：风险解除</td>"))
        XCTAssertTrue(html.contains("MARKER-NOTE"))
        // A student with nothing on file: five blank fields to write in, nothing made up.
        let empty = try Fixture.store(students: [Fixture.student(2)])
        var other = request(.counselingRecord)
        other.studentNumber = Fixture.student(2).number
        let blank = try empty.printDocument(other, as: .counselor, at: now).html
        XCTAssertEqual(blank.components(separatedBy: "<td class=\"handwrite\"></td>").count - 1, 5)
        XCTAssertFalse(blank.contains("风险解除"))
    }

    func testThePlanShowsEveryVersionAndTheReferralATearOffSlip() throws {
        let store = try school()
        let first = try XCTUnwrap(try store.record(SupportPlan.self, id: SupportPlanID("p1")))
        var second = first
        second.measures = ["每周面谈", "家长每月来校"]
        try store.execute(.savePlan(second, basedOn: first), as: .counselor, at: now)
        let plan = try store.printDocument(request(.plan), as: .counselor, at: now)
        XCTAssertEqual(plan.count, 2)
        XCTAssertTrue(plan.html.contains("第 1 版（counselor 2026-09-30 修改后被替换）"), plan.html)
        XCTAssertTrue(plan.html.contains("第 2 版（现行）"))
        XCTAssertTrue(plan.html.contains("家长每月来校"))
        let referral = try store.printDocument(request(.referral), as: .counselor, at: now).html
        XCTAssertTrue(referral.contains("市精神卫生中心"))
        XCTAssertTrue(referral.contains("<div class=\"tearoff\">"))
        XCTAssertTrue(referral.contains("转介回执"))
        XCTAssertTrue(referral.contains("<th>转介原因</th><td class=\"handwrite\"></td>"), "no reason is kept: written by hand")
        let notice = try store.printDocument(request(.guardianNotice), as: .counselor, at: now).html
        XCTAssertTrue(notice.contains("尊敬的 张父（父亲）："), notice)
        XCTAssertTrue(notice.contains("监护人签名："))
        XCTAssertFalse(notice.contains("MARKER-CONTACT"), "a contact's note stays in the file")
    }

    func testWhoOpenedAFileListsPeopleAndTimesWithoutContent() throws {
        let store = try school()
        _ = try store.openFile(pupil, as: .counselor, at: Fixture.at(Fixture.day(2026, 9, 20), 10, 5))
        try store.execute(.recordExport(.document(.plan, student: pupil), detail: "plan all 1"), as: .counselor,
                          at: Fixture.at(Fixture.day(2026, 9, 21), 9))
        let head = try store.headSession()
        let readers = try head.printDocument(request(.fileReaders), as: .head, at: now)
        XCTAssertEqual(readers.count, 2)
        XCTAssertTrue(readers.html.contains("<tr><td>2026-09-20 10:05</td><td>counselor</td><td>打开档案</td></tr>"), readers.html)
        XCTAssertTrue(readers.html.contains("<tr><td>2026-09-21 09:00</td><td>counselor</td><td>打印文书</td></tr>"))
        XCTAssertFalse(readers.html.contains("MARKER"))
        // Another student's list does not hold them.
        let two = try Fixture.store(students: [Fixture.student(1), Fixture.student(2)])
        _ = try two.openFile(pupil, as: .counselor, at: Fixture.at(Fixture.day(2026, 9, 20), 10, 5))
        var other = request(.fileReaders)
        other.studentNumber = Fixture.student(2).number
        XCTAssertEqual(try two.headSession().printDocument(other, as: .head, at: now).count, 0)
    }
}
