import Foundation
import Vault
import XCTest

/// The wrong-passphrase throttle (`<db>.throttle`) and the minimum passphrase
/// length, at the vault's boundary. The waits here are real (1 s each).
final class PassphraseThrottleTests: VaultTestCase {
    var throttle: String { db + ".throttle" }

    /// Writes the throttle file as an editor (or a broken disk) would.
    func writeThrottle(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: throttle))
    }

    func throttleFile(alice failures: Int, last: Date) -> String {
        """
        {"format": "xindesk-throttle-1", "accounts": {"alice": {"failures": \(failures), "last": \(last.timeIntervalSince1970)}}}
        """
    }

    /// The accounts the file lists, with their counts.
    func counts() throws -> [String: Int] {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: XCTUnwrap(contents(throttle))) as? [String: Any])
        let accounts = try XCTUnwrap(json["accounts"] as? [String: [String: Any]])
        return accounts.compactMapValues { $0["failures"] as? Int }
    }

    func unlockResult(_ account: String, _ passphrase: String) -> Result<Void, VaultError> {
        Self.unlockResult(db, account, passphrase)
    }

    static func unlockResult(_ database: String, _ account: String, _ passphrase: String) -> Result<Void, VaultError> {
        var bytes = Array(passphrase.utf8)
        do {
            try Vault.unlock(database: database, account: account, passphrase: &bytes).lock()
            return .success(())
        } catch let error as VaultError {
            return .failure(error)
        } catch {
            return .failure(.io(path: "", detail: "\(error)"))
        }
    }

    func testTheThrottleFileCountsAcrossTwoCallersAndResetsOnSuccess() throws {
        let (vault, _) = try create()
        try addAccount(vault, "bob", roles: [.duty], passphrase: "bob-passphrase")
        vault.lock()

        // Two callers at once, each its own Vault.unlock with its own file
        // descriptors, as two processes would be: the first attempt counts
        // before its key derivation runs, so the second is refused untried.
        let results = LockedResults(), database = db
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            results.append(Self.unlockResult(database, "alice", "alice-guess-\(i)"))
        }
        XCTAssertEqual(results.errors.sorted { "\($0)" < "\($1)" },
                       [.throttled(account: "alice", seconds: 1), .wrongPassphrase(account: "alice")])
        XCTAssertEqual(try counts(), ["alice": 1])
        XCTAssertEqual(try mode(throttle), 0o600)
        // Other accounts are not held.
        try unlock(db, "bob", "bob-passphrase").lock()

        // After the first wait, the other caller's wrong passphrase is the
        // second in a row: the next one waits 2 s, even the right one.
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertEqual(unlockResult("alice", "alice-guess-2").failure, .wrongPassphrase(account: "alice"))
        XCTAssertEqual(try counts(), ["alice": 2])
        XCTAssertEqual(unlockResult("alice", "alice-pass").failure, .throttled(account: "alice", seconds: 2))
        XCTAssertEqual(Vault.retryTimes(database: db, accounts: ["alice", "bob"]).keys.sorted(), ["alice"])

        // The right passphrase once the wait is over resets the count...
        Thread.sleep(forTimeInterval: 2.05)
        XCTAssertNil(unlockResult("alice", "alice-pass").failure)
        XCTAssertEqual(try counts(), [:])
        XCTAssertEqual(Vault.retryTimes(database: db, accounts: ["alice", "bob"]), [:])
        // ...so the next wrong one waits 1 s again, not 4.
        XCTAssertEqual(unlockResult("alice", "alice-guess-3").failure, .wrongPassphrase(account: "alice"))
        XCTAssertEqual(unlockResult("alice", "alice-pass").failure, .throttled(account: "alice", seconds: 1))
    }

    func testInsideTheWaitNothingIsTriedAndNothingCounted() throws {
        try create().vault.lock()
        XCTAssertEqual(unlockResult("alice", "alice-pasS").failure, .wrongPassphrase(account: "alice"))
        let counted = try XCTUnwrap(contents(throttle))
        for _ in 0..<5 {
            // The right passphrase too: the key derivation never ran to find out.
            XCTAssertEqual(unlockResult("alice", "alice-pass").failure, .throttled(account: "alice", seconds: 1))
        }
        XCTAssertEqual(contents(throttle), counted, "a refused attempt changes nothing")
        XCTAssertEqual(try counts(), ["alice": 1])
    }

    func testRightPassphrasesAtTheSameMomentAllGetInOneAfterTheOther() throws {
        try create().vault.lock()
        // Four workstations unlocking the same account at once: they take
        // turns (each holds the throttle's lock for its key derivation), and
        // none is taken for a guesser.
        let results = LockedResults(), database = db
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            results.append(Self.unlockResult(database, "alice", "alice-pass"))
        }
        XCTAssertEqual(results.errors, [])
        XCTAssertEqual(try counts(), [:])
    }

    func testAnAttemptKilledDuringItsKeyDerivationStillCounts() throws {
        try create().vault.lock()
        // What a process killed while deriving leaves behind: its attempt
        // written down as begun, never as ended. The next one counts it as wrong.
        let began = Date().timeIntervalSince1970
        try writeThrottle("""
            {"format": "xindesk-throttle-1", "accounts": {"alice": {"failures": 1, "last": \(began - 60), "pending": \(began)}}}
            """)
        // Readers that do not take the lock (the screen) leave it out: it may have been right.
        XCTAssertEqual(Vault.retryTimes(database: db, accounts: ["alice"]), [:])
        XCTAssertEqual(unlockResult("alice", "alice-pass").failure, .throttled(account: "alice", seconds: 2))
        XCTAssertEqual(try counts(), ["alice": 2])
    }

    func testTheWaitDoublesUpToFiveMinutes() throws {
        try create().vault.lock()
        for (failures, wait) in [(1, 1), (2, 2), (3, 4), (5, 16), (9, 256), (10, 300), (11, 300), (1000, 300)] {
            try writeThrottle(throttleFile(alice: failures, last: Date()))
            XCTAssertEqual(unlockResult("alice", "alice-pass").failure, .throttled(account: "alice", seconds: wait),
                           "after \(failures) wrong passphrases")
        }
    }

    func testADamagedThrottleFileCountsAsTheCapNotAsZero() throws {
        try create().vault.lock()
        for damaged in ["", "{", "not json at all", #"{"format": "xindesk-throttle-1", "accounts": {"alice": {"failures": -3, "last": 0}}}"#,
                        #"{"format": "something-else", "accounts": {}}"#] {
            try writeThrottle(damaged)
            assertThrows(file: #filePath, line: #line, { try unlock() }) { error in
                guard case .throttled("alice", let seconds) = error else { return XCTFail("\(damaged): \(error)") }
                XCTAssertTrue((299...300).contains(seconds), "\(damaged): \(seconds)")
            }
        }
        // Any account, not only those it listed.
        XCTAssertEqual(Vault.retryTimes(database: db, accounts: ["alice", "zoe"]).keys.sorted(), ["alice", "zoe"])
    }

    func testATimeInTheFutureNeverMeansALongerWaitThanTheRule() throws {
        try create().vault.lock()
        // An edit, or a clock set back by a day: one wrong passphrase still
        // means 1 s, counted again from now.
        try writeThrottle(throttleFile(alice: 1, last: Date().addingTimeInterval(86_400)))
        XCTAssertEqual(unlockResult("alice", "alice-pass").failure, .throttled(account: "alice", seconds: 1))
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertNil(unlockResult("alice", "alice-pass").failure)
    }

    func testADeletedThrottleFileStartsFromZero() throws {
        // As documented: it guards online guessing through xindesk; whoever
        // can delete it can copy the keyring, which only Argon2id protects.
        try create().vault.lock()
        XCTAssertEqual(unlockResult("alice", "alice-pasS").failure, .wrongPassphrase(account: "alice"))
        try FileManager.default.removeItem(atPath: throttle)
        XCTAssertNil(unlockResult("alice", "alice-pass").failure)
    }

    // MARK: - length

    func testEmptyOrShortPassphrasesAreRefusedOnEveryPath() throws {
        let tooShort = VaultError.passphraseTooShort(minimum: 8)
        XCTAssertEqual(Vault.minimumPassphraseLength, 8)
        // Characters, not bytes: seven Chinese characters are 21 bytes and too short.
        for short in ["", "1234567", "心理辅导室老师"] {
            var bytes = Array(short.utf8)
            assertThrows(tooShort) {
                try Vault.create(database: db, account: "alice", roles: [.admin], passphrase: &bytes, kdf: Self.tinyKDF)
            }
            XCTAssertTrue(bytes.allSatisfy { $0 == 0 }, "a refused passphrase is wiped")
            XCTAssertFalse(exists(db), "nothing is created")
        }
        let (vault, _) = try create(passphrase: "12345678")   // exactly eight
        defer { vault.lock() }
        try addAccount(vault, "wang", roles: [.counselor], passphrase: "心理辅导室的老师")   // eight characters
        for short in ["", "bob-pas"] {
            assertThrows(tooShort) { try addAccount(vault, "bob", roles: [.duty], passphrase: short) }
            var bytes = Array(short.utf8)
            assertThrows(tooShort) { try vault.changePassphrase(of: "alice", to: &bytes) }
            assertThrows(tooShort) { try unlock(db, "alice", short) }
        }
        XCTAssertEqual(vault.accounts.map(\.name), ["alice", "wang"])
        // A short one at unlock is not a guess: it is not counted, and the
        // right passphrase works at once.
        XCTAssertFalse(exists(throttle))
        try unlock(db, "alice", "12345678").lock()
        try unlock(db, "wang", "心理辅导室的老师").lock()
    }
}

/// Results gathered from concurrent callers.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Void, VaultError>] = []

    func append(_ r: Result<Void, VaultError>) { lock.withLock { results.append(r) } }

    var errors: [VaultError] { lock.withLock { results.compactMap(\.failure) } }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
