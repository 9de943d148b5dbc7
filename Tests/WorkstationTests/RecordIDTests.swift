import Counseling
import Foundation
import XCTest
@testable import Workstation

/// A record's id is kept in the clear beside its sealed body: it names the
/// kind and nothing else, neither who made it nor when.
final class RecordIDTests: XCTestCase {
    typealias F = WorkstationFixture

    func testANewRecordsIdSaysNothingOfTheAccountOrTheTime() throws {
        func visit() throws -> Visit? {
            var s = try F.state("duty", [.duty])
            _ = F.press(&s, .character("n"), .character("n"), .tab)
            _ = F.type(&s, "1")
            guard case .execute(.logVisit(let visit)) = F.press(&s, .function(2)).first else { return nil }
            return visit
        }
        let first = try XCTUnwrap(try visit()), second = try XCTUnwrap(try visit())
        for id in [first.id.rawValue, second.id.rawValue] {
            XCTAssertTrue(id.hasPrefix("visit-"), id)
            XCTAssertFalse(id.contains("duty") || id.contains(F.now.day.description) || id.contains("16:30"), id)
        }
        XCTAssertNotEqual(first.id, second.id)
    }
}
