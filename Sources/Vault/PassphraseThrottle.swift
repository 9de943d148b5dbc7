import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The wrong-passphrase throttle every xindesk process honours: after each
/// wrong passphrase for an account, the next attempt for that account waits
/// 1, 2, 4 … seconds, at most 5 minutes; a right passphrase resets it.
///
/// The state is a small non-secret file beside the database,
/// `<db>.throttle` (JSON: per account the number of wrong passphrases in a
/// row and when the last one was known wrong), mode 0600, replaced
/// atomically and changed only while `<db>.throttle.lock` is held
/// exclusively, so processes trying at the same time count every attempt.
///
/// Each attempt holds the lock from before its key derivation to after it
/// has written down the outcome, and is written down as begun before the
/// derivation runs: ten guessers started at once take turns and each finds
/// the wait the one before it began, and killing a process during its
/// derivation does not take its guess back.
///
/// What it protects against: guessing online, through xindesk (the
/// workstation's unlock screen, the command line, scripts around it). It
/// does not protect the `.keys` file against someone who copies it and
/// guesses offline; Argon2id's cost does that. Whoever can write the
/// database's folder can also delete this file, which resets every count
/// (and could copy the keyring anyway), so the file is not authenticated.
/// What it does do against edits:
/// - a file that does not read as ours (damaged, truncated, edited into
///   nonsense) counts as the cap for every account, from the time the file
///   last changed (its ctime, which `touch` cannot set back), and is
///   replaced by the next attempt: breaking it never shortens a wait;
/// - a time in the future (an edit, or a clock set back) never means a
///   longer wait than the rule's, and the next attempt restarts it from now;
/// - a deleted file starts every account from zero, as documented.
enum PassphraseThrottle {
    /// The longest wait: 5 minutes.
    static let cap: TimeInterval = 300

    /// Seconds to wait after `failures` wrong passphrases in a row.
    static func wait(afterFailures failures: Int) -> TimeInterval {
        guard failures > 0 else { return 0 }
        return failures > 9 ? cap : min(cap, TimeInterval(1 << (failures - 1)))
    }

    struct Entry: Codable, Equatable {
        /// Wrong passphrases in a row.
        var failures: Int
        /// When the last one was found wrong, in seconds since 1970.
        var last: Double
        /// When an attempt began whose key derivation is running: written
        /// before it runs, cleared when it ends. Found by the next attempt
        /// (which holds the lock, so that one is not running any more), it
        /// was killed before it could say: it counts as wrong.
        var pending: Double?

        var isValid: Bool { failures >= 0 && last.isFinite && (pending?.isFinite ?? true) }

        /// Seconds still to wait at `now`: never more than the rule's wait,
        /// whatever `last` says.
        func remaining(at now: Double) -> TimeInterval {
            let w = PassphraseThrottle.wait(afterFailures: failures)
            return min(max(last + w - now, 0), w)
        }
    }

    struct State: Codable, Equatable {
        var format = PassphraseThrottle.formatName
        var accounts: [String: Entry] = [:]
        /// Set when the file on disk did not read as ours: every account not
        /// listed is treated as at the cap from this time.
        var damagedSince: Double?

        func entry(_ account: String) -> Entry? {
            if let e = accounts[account] { return e }
            return damagedSince.map { Entry(failures: 10, last: $0) }
        }
    }

    static let formatName = "xindesk-throttle-1"

    // MARK: - the rule

    /// Seconds `account` must still wait before its next attempt (0: it may
    /// try now), for showing. Reads the file without the lock (it is only
    /// ever replaced whole). A file that cannot be read at all shows no wait
    /// here; `attempt` refuses the attempt with the reason.
    static func remaining(_ paths: VaultPaths, account: String, now: Date = Date()) -> TimeInterval {
        guard let state = try? read(paths) else { return 0 }
        return state.entry(account)?.remaining(at: now.timeIntervalSince1970) ?? 0
    }

    /// Tries one passphrase for `account`: `body` runs the key derivation
    /// and throws when the passphrase is wrong.
    ///
    /// Inside the wait the attempt is refused (`VaultError.throttled`, with
    /// the seconds left) without running `body` and without counting.
    /// Otherwise the attempt is written down as pending *before* `body`
    /// runs, and cleared when it returns: a process killed during the
    /// derivation, or as soon as it shows the file about to change, has
    /// still spent its guess (the next attempt counts it as wrong). Readers
    /// without the lock (the screen, the command line before it asks for a
    /// passphrase) leave a pending attempt out: it may well be right. The lock is held throughout, so
    /// attempts on one database take turns: two processes unlocking the
    /// same account at the same moment with the right passphrase both get
    /// in, one after the other, and two guessers cannot both slip into the
    /// same window. (A turn lasts one key derivation; see `locked`.)
    static func attempt<T>(_ paths: VaultPaths, account: String, _ body: () throws -> T) throws -> T {
        try locked(paths) {
            var state = try read(paths)
            let start = Date().timeIntervalSince1970
            var entry = state.entry(account) ?? Entry(failures: 0, last: start)
            var changed = false
            if let began = entry.pending {
                entry = Entry(failures: min(entry.failures, 64) + 1, last: min(began, start))
                changed = true
            }
            // A time ahead of the clock is restarted from now, so a clock set
            // back (or an edit) cannot hold an account longer than the rule.
            if entry.last > start {
                entry.last = start
                changed = true
            }
            let left = entry.remaining(at: start)
            if left > 0 {
                if changed {
                    state.accounts[account] = entry
                    try write(state, paths)
                }
                throw VaultError.throttled(account: account, seconds: Int(left.rounded(.up)))
            }
            entry.pending = start
            state.accounts[account] = entry
            try write(state, paths)
            let result: T
            do {
                result = try body()
            } catch {
                // Wrong: the wait runs from now, the end of the derivation.
                // (An edited count must not overflow.)
                state.accounts[account] = Entry(failures: min(entry.failures, 64) + 1, last: Date().timeIntervalSince1970)
                try? write(state, paths)
                throw error
            }
            // Right: this account starts from zero again. After a damaged
            // file the other accounts keep the cap they had; this one is
            // listed with no failures so that it is not among them.
            state.accounts[account] = state.damagedSince == nil ? nil : Entry(failures: 0, last: Date().timeIntervalSince1970)
            try? write(state, paths)
            return result
        }
    }

    /// When each listed account may try again, for the workstation's unlock
    /// screen (an account not listed may try now).
    static func retryTimes(_ paths: VaultPaths, accounts: [String], now: Date = Date()) -> [String: Date] {
        var times: [String: Date] = [:]
        for account in accounts {
            let left = remaining(paths, account: account, now: now)
            if left > 0 { times[account] = now.addingTimeInterval(left) }
        }
        return times
    }

    // MARK: - the file

    /// The state on disk; a missing file is an empty state, one that does
    /// not read as ours is `damagedSince` its last change.
    static func read(_ paths: VaultPaths) throws -> State {
        let data: Data
        do {
            data = try SafeFile.read(paths.throttle)
        } catch {
            if !SafeFile.exists(paths.throttle) { return State() }
            throw error
        }
        if let state = try? JSONDecoder().decode(State.self, from: data), state.format == formatName,
           state.accounts.values.allSatisfy(\.isValid), state.damagedSince.map({ $0.isFinite }) ?? true {
            return state
        }
        return State(damagedSince: changeTime(paths.throttle) ?? Date().timeIntervalSince1970)
    }

    static func write(_ state: State, _ paths: VaultPaths) throws {
        var state = state
        if let since = state.damagedSince, since + cap <= Date().timeIntervalSince1970 { state.damagedSince = nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try SafeFile.writeAtomically(try encoder.encode(state), to: paths.throttle)
    }

    /// The file's ctime: when its content or inode last changed. Unlike the
    /// mtime, no ordinary user can set it back.
    static func changeTime(_ path: String) -> Double? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Double(st.st_ctim.tv_sec) + Double(st.st_ctim.tv_nsec) / 1e9
    }

    /// Runs `body` holding `<db>.throttle.lock` exclusively. A lock file of
    /// its own: the file itself is replaced by rename, which a lock on it
    /// would not survive, and `<db>.lock` is held shared by every open
    /// workstation for as long as it is open. flock(2) locks belong to the
    /// open file, so two callers in one process exclude each other too.
    ///
    /// Waits at most `lockPatience` for another attempt's turn (a key
    /// derivation takes a second or so): a process stopped in the middle of
    /// one (Ctrl-Z) must not hang every other unlock on the database.
    static func locked<T>(_ paths: VaultPaths, _ body: () throws -> T) throws -> T {
        let fd = open(paths.throttleLock, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SafeFile.error(paths.throttleLock, errno, "open throttle lock") }
        defer { close(fd) }   // closing drops the lock
        let deadline = Date().addingTimeInterval(lockPatience)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw SafeFile.error(paths.throttleLock, errno, "flock(LOCK_EX)")
            }
            guard Date() < deadline else {
                throw VaultError.io(path: paths.throttleLock,
                                    detail: "another unlock of this database held the throttle lock for \(Int(lockPatience)) s")
            }
            usleep(20_000)
        }
        return try body()
    }

    static let lockPatience: TimeInterval = 60
}

extension VaultPaths {
    /// The wrong-passphrase throttle (see `PassphraseThrottle`): not secret.
    var throttle: String { database + ".throttle" }
    /// Held exclusively while the throttle is read, changed and rewritten.
    var throttleLock: String { database + ".throttle.lock" }
}

extension Vault {
    /// When each of `accounts` may try a passphrase again, from the throttle
    /// file beside `database` (accounts that may try now are not listed).
    /// The workstation shows it counting down, also after a restart.
    public static func retryTimes(database: String, accounts: [String], now: Date = Date()) -> [String: Date] {
        PassphraseThrottle.retryTimes(VaultPaths(database: database), accounts: accounts, now: now)
    }
}
