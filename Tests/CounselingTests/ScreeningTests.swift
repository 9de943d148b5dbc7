import Counseling
import XCTest

final class ScreeningTests: XCTestCase {
    let screeningDay = day(2026, 9, 10)

    func result(_ id: String, _ student: String, _ flag: ScreeningResult.Flag) -> ScreeningResult {
        ScreeningResult(id: ScreeningResultID(id), student: StudentID(student), instrument: "MHT",
                        date: screeningDay, scores: [ScreeningResult.Score(scale: "总分", value: 65)], flag: flag)
    }

    func testFlaggedResultsBecomePendingProposalsAlertsFirst() {
        let proposals = ScreeningProposal.raise(
            from: [result("r-1", "s-1", .attention), result("r-2", "s-2", .none), result("r-3", "s-3", .alert)],
            currentLevels: [:], existing: [])
        XCTAssertEqual(proposals.map(\.student), [StudentID("s-3"), StudentID("s-1")])
        XCTAssertEqual(proposals.map(\.suggestedLevel), [.major, .severe])
        XCTAssertEqual(proposals.map(\.status), [.pending, .pending])
        XCTAssertEqual(proposals.first?.id, ScreeningProposalID("screening-r-3"))
    }

    func testStudentsAlreadyOnKeyAttentionOrAlreadyProposedGetNoNewProposal() {
        let first = ScreeningProposal.raise(from: [result("r-1", "s-1", .attention)], currentLevels: [:], existing: [])
        let again = ScreeningProposal.raise(from: [result("r-1", "s-1", .attention), result("r-2", "s-2", .alert)],
                                            currentLevels: [StudentID("s-2"): .major], existing: first)
        XCTAssertEqual(again, [])
    }

    func testScreeningProposalNeverChangesTheLevelByItself() {
        let pupil = student("20250701", "张三", id: "s-1")
        let flagged = result("r-1", "s-1", .alert)
        let proposals = ScreeningProposal.raise(from: [flagged], currentLevels: [pupil.id: .none], existing: [])
        let file = StudentFile(student: pupil, screeningResults: [flagged], screeningProposals: proposals)
        XCTAssertEqual(proposals.count, 1)
        XCTAssertEqual(file.level, .none)
        XCTAssertFalse(file.isKeyAttention)
        XCTAssertEqual(KeyAttentionQueue.items([file], today: day(2026, 9, 11)), [])
    }

    func testConfirmedProposalYieldsALevelChangeInTheCounselorsName() throws {
        let proposal = ScreeningProposal.raise(from: [result("r-1", "s-1", .attention)], currentLevels: [:],
                                               existing: [])[0]
        let moment = at(day(2026, 9, 11), 15, 0)
        let (confirmed, change) = try proposal.confirm(level: .severe, currentLevel: .none, by: counselor, at: moment,
                                                       reason: "复核面谈：持续低落两周", levelChangeID: LevelChangeID("l-1"))
        XCTAssertEqual(confirmed.status, .confirmed)
        XCTAssertEqual(confirmed.decidedBy, counselor)
        XCTAssertEqual(change.to, .severe)
        XCTAssertEqual(change.by, counselor)
        XCTAssertEqual(change.source, .screening(proposal.id))
        XCTAssertThrowsError(try confirmed.dismiss(by: counselor, at: moment, reason: "x")) {
            XCTAssertEqual($0 as? ScreeningDecisionError, .alreadyDecided)
        }
    }

    func testConfirmingNeedsAKeyLevelAndAReason() {
        let proposal = ScreeningProposal.raise(from: [result("r-1", "s-1", .attention)], currentLevels: [:],
                                               existing: [])[0]
        let moment = at(day(2026, 9, 11), 15, 0)
        XCTAssertThrowsError(try proposal.confirm(level: .general, currentLevel: .none, by: counselor, at: moment,
                                                  reason: "复核", levelChangeID: LevelChangeID("l-1"))) {
            XCTAssertEqual($0 as? ScreeningDecisionError, .levelNotKeyAttention)
        }
        XCTAssertThrowsError(try proposal.confirm(level: .severe, currentLevel: .none, by: counselor, at: moment,
                                                  reason: "", levelChangeID: LevelChangeID("l-1"))) {
            XCTAssertEqual($0 as? ScreeningDecisionError, .levelChange(.reasonMissing))
        }
    }

    func testDismissedProposalLeavesTheLevelAndNeedsAReason() throws {
        let proposal = ScreeningProposal.raise(from: [result("r-1", "s-1", .attention)], currentLevels: [:],
                                               existing: [])[0]
        let moment = at(day(2026, 9, 11), 15, 0)
        XCTAssertThrowsError(try proposal.dismiss(by: counselor, at: moment, reason: " ")) {
            XCTAssertEqual($0 as? ScreeningDecisionError, .reasonMissing)
        }
        let dismissed = try proposal.dismiss(by: counselor, at: moment, reason: "面谈：测评当天身体不适，作答随意")
        XCTAssertEqual(dismissed.status, .dismissed)
        XCTAssertEqual(dismissed.decisionReason, "面谈：测评当天身体不适，作答随意")
    }

    func testFlagWordsParse() throws {
        XCTAssertEqual(try ScreeningResult.Flag.parse("预警"), .alert)
        XCTAssertEqual(try ScreeningResult.Flag.parse("正常"), .none)
        XCTAssertEqual(result("r-1", "s-1", .none).validate(), [])
    }
}
