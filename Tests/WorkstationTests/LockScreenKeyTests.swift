import Counseling
import Foundation
import Terminal
import XCTest
@testable import Workstation

/// The keys that leave the app (F10, Ctrl-C) or hand the terminal to the
/// shell (Ctrl-Z): from the lock screen none of them does anything but say
/// that a passphrase is needed; from the first unlock screen, where nothing
/// was ever open, they do what they say.
final class LockScreenKeyTests: XCTestCase {
    typealias F = WorkstationFixture
    private let leavingKeys: [KeyEvent] = [.function(10), .ctrl("c"), .ctrl("z")]

    func testAtTheLockScreenF10CtrlCAndCtrlZDoNothingButSayAPassphraseIsNeeded() throws {
        var s = try F.state("duty", [.duty])
        XCTAssertEqual(F.press(&s, .function(12)), [.lock])
        XCTAssertEqual(s.lockedBy, "duty")
        XCTAssertTrue(F.screen(s).contains("F10 quit") == false, F.screen(s))
        for key in leavingKeys {
            s.unlockMessage = ""
            XCTAssertEqual(F.press(&s, key), [], "\(key)")
            XCTAssertEqual(s.phase, .unlock, "\(key)")
            XCTAssertEqual(s.unlockMessage, S.unlockFirst.text(.en), "\(key)")
            let screen = F.screen(s)
            XCTAssertTrue(screen.contains("Locked: unlock first to quit."), screen)
            XCTAssertFalse(screen.contains("quit  ") || screen.contains("F10"), "no quit is offered:\n\(screen)")
        }
    }

    func testTheKeysDoNotDisturbThePassphraseBeingTyped() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .ctrl("l"))
        _ = F.type(&s, "de")
        for key in leavingKeys { XCTAssertEqual(F.press(&s, key), []) }
        _ = F.type(&s, "mo")
        XCTAssertEqual(F.press(&s, .enter), [.unlock(account: "duty", passphrase: Array("demo".utf8))])
    }

    func testAfterAnIdleLockAndALockFromAFormTheyDoNothingEither() throws {
        var s = try F.state("duty", [.duty])
        XCTAssertEqual(Update.update(&s, .tick(now: F.now, wall: F.wall.addingTimeInterval(5 * 60 + 1))), [.lock])
        for key in leavingKeys { XCTAssertEqual(F.press(&s, key), [], "\(key) after the idle lock") }

        var f = try F.state("duty", [.duty])
        _ = F.press(&f, .character("n"))
        guard case .form = f.modal else { return XCTFail("no visit form") }
        _ = F.press(&f, .function(12))
        XCTAssertEqual(f.phase, .unlock)
        for key in leavingKeys { XCTAssertEqual(F.press(&f, key), [], "\(key) after a lock from a form") }
    }

    func testAtTheFirstUnlockScreenF10AndCtrlCQuitAndCtrlZSuspends() {
        var s = AppState(language: .en, accounts: ["counselor", "duty", "head"], now: F.now, wall: F.wall)
        s.width = 80
        s.height = 24
        XCTAssertNil(s.lockedBy)
        XCTAssertTrue(F.screen(s).contains("F10 quit"), F.screen(s))
        XCTAssertEqual(F.press(&s, .function(10)), [.quit])
        XCTAssertEqual(F.press(&s, .ctrl("c")), [.quit])
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.suspend])
        XCTAssertEqual(s.phase, .unlock)
    }

    func testOnceUnlockedAgainQuittingWorksAgain() throws {
        var s = try F.state("duty", [.duty])
        _ = F.press(&s, .function(12))
        XCTAssertEqual(Update.update(&s, .unlocked(account: "duty", roles: [.duty])), [.load])
        XCTAssertNil(s.lockedBy)
        XCTAssertEqual(F.press(&s, .character("q")), [.quit])
    }

    func testCtrlZSuspendsFromTheMainScreenAFormTheFilterAndTheBlankScreenLeavingThemAsTheyWere() throws {
        var s = try F.state("duty", [.duty])
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.suspend])
        XCTAssertEqual(s.phase, .main)

        _ = F.press(&s, .character("n"))
        _ = F.press(&s, .tab)
        _ = F.type(&s, "1")
        let form = s.modal
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.suspend])
        XCTAssertEqual(s.modal.map { "\($0)" }, form.map { "\($0)" }, "the form stays as typed")
        s.modal = nil

        _ = F.press(&s, .character("/"))
        _ = F.type(&s, "zs")
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.suspend])
        XCTAssertTrue(s.filtering)
        XCTAssertEqual(s.filter.text, "zs")

        _ = F.press(&s, .function(9))
        XCTAssertEqual(s.phase, .blank)
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.suspend])
        XCTAssertEqual(s.phase, .blank, "still blank when it comes back")
    }
}
