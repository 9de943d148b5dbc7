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
        _ = F.press(&f, .character("n"), .character("n"))
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

    /// A stopped job is one `fg` away for whoever sits down at that shell:
    /// Ctrl-Z locks first (what was typed kept as a draft), then suspends.
    func testCtrlZLocksThenSuspendsFromTheMainScreenAFormTheFilterAndTheBlankScreen() throws {
        var s = try F.state("duty", [.duty])
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.lock, .suspend])
        XCTAssertEqual(s.phase, .unlock)
        XCTAssertEqual(s.lockedBy, "duty")
        XCTAssertTrue(s.students.isEmpty, "nothing decrypted is kept while stopped")

        s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("n"), .character("n"))
        _ = F.press(&s, .tab)
        _ = F.type(&s, "1")
        let effects = F.press(&s, .ctrl("z"))
        guard case .keepDraft(.form(let draft))? = effects.first else { return XCTFail("the form is not kept: \(effects)") }
        XCTAssertEqual(draft.fields[1].text, "1", "the form as typed goes into the draft")
        XCTAssertEqual(Array(effects.dropFirst()), [.lock, .suspend])
        XCTAssertNil(s.modal)

        s = try F.state("duty", [.duty])
        _ = F.press(&s, .character("/"))
        _ = F.type(&s, "zs")
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.lock, .suspend])
        XCTAssertFalse(s.filtering)
        XCTAssertEqual(s.filter.text, "", "the search is gone with the lock")

        s = try F.state("duty", [.duty])
        _ = F.press(&s, .function(9))
        XCTAssertEqual(s.phase, .blank)
        XCTAssertEqual(F.press(&s, .ctrl("z")), [.lock, .suspend])
        XCTAssertEqual(s.phase, .unlock, "it comes back locked")
    }
}
