import Counseling
import Foundation
import GRDB
import XCTest
@testable import Store

/// The screening rules at the store's boundary: who may import, what a
/// re-import and a correction do, that a result only ever proposes, and
/// who reads what of a campaign.
final class ScreeningStoreTests: XCTestCase {
    let now = Fixture.at(Fixture.day(2026, 9, 15), 10)
    let students = (1...4).map { Fixture.student($0, name: "学生\($0)") }

    func campaign(_ name: String = "2026秋 PHQ-9") -> ScreeningCampaign {
        ScreeningCampaign(id: ScreeningCampaignID("c-\(UUID().uuidString.prefix(6))"), name: name, instruments: [.phq9],
                          versions: ["PHQ-9"], firstDay: now.day, lastDay: now.day, grades: [7], consent: "已告知家长")
    }

    func result(_ n: Int, flag: ScreeningResult.Flag, urgent: Bool = false, invalid: Bool = false, total: Double = 12) -> ScreeningResult {
        ScreeningResult(id: ScreeningResultID("phq9-s\(n)"), student: StudentID("s\(n)"), instrument: "PHQ-9", date: now.day,
                        scores: [.init(scale: "总分", value: total)], flag: flag, urgent: urgent,
                        invalid: invalid ? LocalizedText(zh: "效度分过高", en: "lie scale too high") : nil)
    }

    func batch(_ results: [ScreeningResult], _ c: ScreeningCampaign? = nil) -> StoreCommand {
        .importScreening(ScreeningImportBatch(campaign: c ?? campaign(), results: results))
    }

    func testOnlyACounselorImportsAndAResultProposesNeverSetsALevel() throws {
        let store = try Fixture.store(students: students)
        let results = [result(1, flag: .attention), result(2, flag: .none), result(3, flag: .alert, urgent: true), result(4, flag: .alert, invalid: true)]
        for account in [Account.duty, .head, .admin] {
            XCTAssertThrowsError(try store.execute(batch(results), as: account, at: now)) {
                XCTAssertEqual($0 as? StoreError, .notAllowed(.importScreeningResults))
            }
        }
        let outcome = try store.execute(batch(results), as: .counselor, at: now)
        XCTAssertEqual(outcome.screening?.added, 4)
        XCTAssertEqual(outcome.screening?.proposals, 2, "the flagged valid results: s1 and s3")
        XCTAssertEqual(outcome.screening?.urgent, 1)
        XCTAssertEqual(outcome.screening?.retests, 1, "an invalid questionnaire is a re-test")
        let proposals = try store.pendingProposals()
        XCTAssertEqual(proposals.map(\.student), [StudentID("s3"), StudentID("s1")], "urgent first")
        XCTAssertEqual(proposals.first?.suggestedLevel, .major)
        for n in 1...4 { XCTAssertEqual(try store.listedLevel(StudentID("s\(n)")), WarningLevel.none, "a score is not an assessment") }
        XCTAssertEqual(try store.auditActions().filter { $0 == AuditAction.screeningImport.rawValue }.count, 1)
    }

    func testTheSameFileTwiceAddsNothingAndACorrectionReplacesAndWithdraws() throws {
        let store = try Fixture.store(students: students)
        let c = campaign()
        try store.execute(batch([result(1, flag: .attention), result(2, flag: .none)], c), as: .counselor, at: now)
        let again = try store.execute(batch([result(1, flag: .attention), result(2, flag: .none)], campaign()), as: .counselor, at: now)
        XCTAssertEqual(again.screening?.added, 0)
        XCTAssertEqual(again.screening?.unchanged, 2, "a campaign of the same name takes the file again")
        XCTAssertEqual(again.screening?.proposals, 0)
        XCTAssertEqual(try store.records(ScreeningResult.self, of: StudentID("s1")).count, 1)
        // The platform corrected s1 (not flagged after all) and s2 (flagged).
        let corrected = try store.execute(batch([result(1, flag: .none, total: 3), result(2, flag: .attention)], c),
                                          as: .counselor, at: now)
        XCTAssertEqual(corrected.screening?.changed, 2)
        XCTAssertEqual(corrected.screening?.withdrawn, 1)
        XCTAssertEqual(corrected.screening?.proposals, 1)
        XCTAssertEqual(try store.records(ScreeningProposal.self, of: StudentID("s1")).map(\.status), [.withdrawn])
        XCTAssertEqual(try store.pendingProposals().map(\.student), [StudentID("s2")])
        XCTAssertEqual(try store.records(ScreeningResult.self, of: StudentID("s1")).first?.scores.first?.value, 3)
    }

    func testAStudentAlreadyOnKeyAttentionGetsNoProposal() throws {
        let store = try Fixture.store(students: students)
        let change = try Fixture.levelChange("l1", StudentID("s1"), from: .none, to: .severe, at: now)
        try store.execute(.changeLevel(change, followUp: FollowUp(id: FollowUpID("f1"), student: StudentID("s1"), due: now.day.adding(days: 7))),
                          as: .counselor, at: now)
        let outcome = try store.execute(batch([result(1, flag: .alert)]), as: .counselor, at: now)
        XCTAssertEqual(outcome.screening?.proposals, 0)
    }

    func testAHeadReadsTheCountsADecisionUpdatesAndNothingElse() throws {
        let store = try Fixture.store(students: students)
        try store.execute(batch([result(1, flag: .attention), result(2, flag: .none), result(3, flag: .alert, invalid: true)]),
                          as: .counselor, at: now)
        let proposal = try XCTUnwrap(try store.pendingProposals().first)
        try store.execute(.decideProposal(try proposal.dismiss(by: Fixture.counselor, at: now, reason: "访谈后排除，答题时误解题意"),
                                          levelChange: nil, basedOn: proposal), as: .counselor, at: now)
        let head = try store.headSession()
        let report = try head.screeningReport(year: SchoolYear(of: now.day))
        let row = try XCTUnwrap(report.sections.first?.rows.first)
        XCTAssertEqual([row.tally.screened, row.tally.invalid, row.tally.flagged, row.tally.dismissed, row.tally.pending, row.enrolled,
                        row.notScreened], [3, 1, 1, 1, 0, 4, 1])
        XCTAssertNil(report.sections.first?.notScreened, "a head gets counts, not names")
        XCTAssertNil(report.sections.first?.retests)
        XCTAssertEqual(try head.records(ScreeningResult.self, of: StudentID("s1")), [], "a head opens no result")
        XCTAssertEqual(try head.pendingProposals(), [], "no clinical key: no proposal")
        // A duty teacher's session reads no campaign at all.
        XCTAssertEqual(try store.dutySession().screeningReport(year: SchoolYear(of: now.day)).sections.count, 0)
        // The counselor's report names who was not screened and who re-tests.
        let mine = try store.screeningReport(year: SchoolYear(of: now.day))
        XCTAssertEqual(mine.sections.first?.notScreened?.map(\.id), [StudentID("s4")])
        XCTAssertEqual(mine.sections.first?.retests?.map(\.student.id), [StudentID("s3")])
        XCTAssertEqual(mine.coverage.map(\.screened), [3])
    }

    func testTheCampaignRowIsSealedAndCannotBeForgedWithThePageKey() throws {
        let store = try Fixture.store(students: students)
        try store.execute(batch([result(1, flag: .attention)]), as: .counselor, at: now)
        let cells = try store.everyCell().filter { $0.table == "records" }.map(\.text).joined(separator: " ")
        XCTAssertFalse(cells.contains("2026秋"), "the campaign's name is sealed under the oversight key")
        XCTAssertFalse(cells.contains("已告知家长"))
        // No id or link in the clear names the student whose result it is
        // (ids are made with the clinical link key), and a re-import finds them.
        for row in try store.rawRows("records") {
            let id = row["id"] as String, student = row["student"] as String?
            XCTAssertFalse(id.contains("s1") || student == "s1", "\(row)")
        }
        XCTAssertEqual(try store.execute(batch([result(1, flag: .attention)]), as: .counselor, at: now).screening?.unchanged, 1)
        // A duty teacher (page key only) cannot write one: the seal needs the tier key.
        XCTAssertThrowsError(try store.dutySession().execute(batch([result(2, flag: .none)]), as: .counselor, at: now))
    }
}
