import Counseling
import Foundation
@testable import Store
import XCTest
@testable import Workstation

/// Colleagues are shown by the names the school gave them, never by a
/// raw account id: the title bar, a hand-over in the chronology, a roster
/// person without an account.
final class StaffNameDisplayTests: XCTestCase {
    typealias F = WorkstationFixture
    private let staff = [Staff(id: StaffID("li"), name: "李心怡", roles: [.counselor]),
                         Staff(id: StaffID("zhouming"), name: "周明", roles: [.duty])]

    func testAHandOverInTheChronologyNamesWhoItWentToAndWhoTookIt() throws {
        var run = CrisisRun(id: CrisisRunID("run-h"), student: StudentID("s1"), startedBy: StaffID("zhouming"),
                            startedAt: F.now.adding(seconds: -900), checklist: .standard)
        try run.handOver(to: StaffID("li"), by: StaffID("zhouming"), at: F.now.adding(seconds: -60), note: "")
        try run.take(by: StaffID("li"), at: F.now)
        XCTAssertEqual(ChronologyText.detail(.crisisHandover(run), .zhHans, staff: staff), "交接给 李心怡：（李心怡 已接手）")
        XCTAssertEqual(ChronologyText.detail(.crisisHandover(run), .en, staff: staff), "handed to 李心怡:  (taken by 李心怡)")
    }

    func testSomeoneWithoutAnAccountIsShownByTheNameTheRosterGave() {
        XCTAssertEqual(StaffName.of(StaffID("name:王芳"), in: staff, .zhHans), "王芳")
        XCTAssertEqual(StaffName.of(StaffID("zhouming"), in: staff, .en), "周明")
        XCTAssertEqual(StaffName.of(StaffID("removed"), in: staff, .en), "removed", "an account no longer there: its name")
        XCTAssertEqual(StaffName.of(.everyCounselor, in: staff, .zhHans), S.everyCounselor.text(.zhHans))
    }

    func testTheTitleBarShowsTheAccountsDisplayName() throws {
        for language in [Language.zhHans, .en] {
            let s = try F.state("duty", [.duty], language: language, width: 80, height: 24)
            let title = F.screen(s).split(separator: "\n").first.map(String.init) ?? ""
            XCTAssertTrue(title.hasPrefix(" 心 desk │ 周明"), title)
            XCTAssertFalse(title.contains("duty │") || title.contains(" duty ("), title)
        }
    }
}
