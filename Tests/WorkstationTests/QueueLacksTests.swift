import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// The counselor's queue says what each key student's file lacks: the
/// pane title counts them, the selected student's lacks are spelled out.
final class QueueLacksTests: XCTestCase {
    typealias F = WorkstationFixture

    func testEveryLackOfTheDemoQueueIsSpelledOutWhenItsStudentIsSelected() throws {
        for language in [Language.zhHans, .en] {
            var s = try F.state("counselor", [.counselor], language: language, width: 120, height: 40)
            XCTAssertTrue(s.showsQueue)
            let lacking = s.queue.filter { !$0.missing.isEmpty }
            // The demo leaves one plan (so its leader) unwritten and one guardian unreached.
            let all = Set(s.queue.flatMap(\.missing))
            XCTAssertTrue(all.isSuperset(of: [.supportPlan, .responsibleLeader, .guardianNotification]), "\(all)")
            let title = language == .en ? "Key attention (\(s.queue.count), \(lacking.count) lacking)"
                : "重点关注 (\(s.queue.count)，\(lacking.count) 人缺项)"
            XCTAssertTrue(F.screen(s).contains(title), F.screen(s))
            for (index, item) in s.queue.enumerated() {
                s.list.selected = index
                // Pane 1's text, its wrapped lines joined, spaces left out.
                let pane = Render.frame(s).lines().compactMap { $0.split(separator: "│", omittingEmptySubsequences: false).dropFirst().first }
                    .joined().filter { !$0.isWhitespace }
                for lack in item.missing {
                    XCTAssertTrue(pane.contains(lack.displayName.text(language).filter { !$0.isWhitespace }),
                                  "\(item.student.name) lacks \(lack) but the queue does not say so:\n\(F.screen(s))")
                }
                if item.missing.isEmpty {
                    XCTAssertFalse(pane.contains(language == .en ? "lacks:" : "缺项："), F.screen(s))
                }
            }
        }
    }

    func testAHeadsQueueNeverReportsAPlanOrNotificationItsKeysCannotOpen() throws {
        let store = try F.store(as: "head", [.head])
        let items = try store.keyAttentionQueue(today: F.now.day)
        XCTAssertFalse(items.isEmpty)
        let judged = Set(items.flatMap(\.missing))
        XCTAssertTrue(judged.isSubset(of: [.nextFollowUp, .overdueFollowUp]), "\(judged)")
        let counselor = try F.store(as: "counselor", [.counselor]).keyAttentionQueue(today: F.now.day)
        XCTAssertEqual(items.map(\.student.id), counselor.map(\.student.id), "the same students, in the same order")
        XCTAssertEqual(items.map { $0.missing.filter { [.nextFollowUp, .overdueFollowUp].contains($0) } },
                       counselor.map { $0.missing.filter { [.nextFollowUp, .overdueFollowUp].contains($0) } })
    }
}
