import Counseling
import Foundation
@testable import Store
import Terminal
import XCTest
@testable import Workstation

/// Point 5 of issue 18 on the screen: a head (or a counselor) presses W on
/// a student and sees who opened the file and when, nothing of it.
final class FileReadersViewTests: XCTestCase {
    typealias F = WorkstationFixture

    /// A head's main screen on a key-attention student, and what the audit
    /// log says of the file (the store's part: `FileReadingsTests`).
    func state(_ language: Language, width: Int, height: Int) throws -> (AppState, StudentID, [FileReading]) {
        var s = try F.state("head", [.head], language: language, width: width, height: height)
        let student = try XCTUnwrap(s.focusedStudent)
        let readings = [FileReading(at: LocalDateTime(F.now.day.adding(days: -2), TimeOfDay(hour: 16, minute: 20)!), actor: StaffID("counselor"), printed: false),
                        FileReading(at: LocalDateTime(F.now.day, TimeOfDay(hour: 9, minute: 5)!), actor: StaffID("counselor"), printed: true)]
        return (s, student, readings)
    }

    func testWOpensWhoReadTheFileAndEscClosesIt() throws {
        var (s, student, readings) = try state(.en, width: 120, height: 40)
        XCTAssertEqual(F.press(&s, .character("W")), [.loadFileReaders(student)])
        _ = Update.update(&s, .fileReadersLoaded(student, readings))
        guard case .fileReaders(let list) = s.modal else { return XCTFail("no list") }
        XCTAssertEqual(list.readings.count, 2)
        XCTAssertTrue(F.screen(s).contains("opened the file"), F.screen(s))
        _ = F.press(&s, .escape)
        XCTAssertNil(s.modal)
        // A duty teacher is never offered it (no key to the links it reads).
        let duty = try F.state("duty", [.duty])
        XCTAssertFalse(Command.table.first { $0.id == .fileReaders }!.allowed(duty.roles))
    }

    func testSnapshotsInBothLanguagesAtBothSizes() throws {
        for language in [Language.zhHans, .en] {
            for (width, height) in [(80, 24), (120, 40)] {
                var (s, student, readings) = try state(language, width: width, height: height)
                _ = Update.update(&s, .fileReadersLoaded(student, readings))
                assertSnapshot(s, "file-readers-\(language == .en ? "en" : "zh")-\(width)x\(height)")
            }
        }
    }
}
