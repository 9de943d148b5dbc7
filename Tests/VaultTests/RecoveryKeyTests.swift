import Counseling
import Foundation
import Vault
import XCTest

final class RecoveryKeyTests: VaultTestCase {
    func testRecoveryKeyIsSixteenGroupsOfFourHexDigitsAndUnlocksAsAdministrator() throws {
        let (vault, recoveryKey) = try create()
        try writeStudents(vault)
        vault.lock()

        let groups = recoveryKey.split(separator: "-")
        XCTAssertEqual(groups.count, 16)
        XCTAssertTrue(groups.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.isASCII && $0.isHexDigit } },
                      recoveryKey)

        let recovered = try Vault.unlock(database: db, recoveryKey: recoveryKey)
        defer { recovered.lock() }
        XCTAssertEqual(recovered.account, "recovery")
        XCTAssertEqual(recovered.roles, [.admin])
        XCTAssertEqual(try studentNames(recovered), expectedNames())

        // What the recovery key is for: a new passphrase for a locked-out account.
        var fresh = Array("alice-new-pass".utf8)
        try recovered.changePassphrase(of: "alice", to: &fresh, kdf: Self.tinyKDF)
        recovered.lock()
        try unlock(db, "alice", "alice-new-pass").lock()
        assertThrows(.wrongPassphrase(account: "alice")) { try unlock(db, "alice", "alice-pass") }
    }

    func testRecoveryKeyIsForgivingOfCaseDashesAndSpaces() throws {
        let (vault, recoveryKey) = try create()
        vault.lock()
        let hex = recoveryKey.replacingOccurrences(of: "-", with: "")
        let fullwidth = String(String.UnicodeScalarView(hex.lowercased().unicodeScalars.map { s in
            // What a Chinese input method in full-width mode types: ０-９, ａ-ｆ.
            Unicode.Scalar(s.value + 0xFEE0)!
        }))
        let spellings = [
            recoveryKey.lowercased(),
            recoveryKey.replacingOccurrences(of: "-", with: " "),
            hex,
            "  " + recoveryKey.lowercased().replacingOccurrences(of: "-", with: " - ") + "\n",
            fullwidth,
        ]
        for spelling in spellings {
            let recovered = try Vault.unlock(database: db, recoveryKey: spelling)
            XCTAssertEqual(recovered.account, "recovery", spelling)
            recovered.lock()
        }
    }

    func testWrongRecoveryKeyDoesNotUnlock() throws {
        let (vault, recoveryKey) = try create()
        vault.lock()
        let before = snapshot(storeFiles())
        var digits = Array(recoveryKey)
        let last = digits.count - 1
        digits[last] = digits[last] == "0" ? "1" : "0"
        let wrong = [
            String(digits),                     // one digit off
            String(recoveryKey.dropLast(5)),    // one group short
            recoveryKey + "-0000",              // one group too many
            recoveryKey.replacingOccurrences(of: "A", with: "G"),
            "",
            "alice-pass",
        ]
        for key in wrong where key != recoveryKey {
            assertThrows(.wrongPassphrase(account: "recovery")) { try Vault.unlock(database: db, recoveryKey: key) }
        }
        assertUnchanged(before)
    }
}
