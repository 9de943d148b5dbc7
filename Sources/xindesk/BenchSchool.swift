import Counseling
import Foundation
import Store
import Terminal
import Vault
import Workstation

/// A generated school in an encrypted database in a temporary directory of
/// its own: what `bench app` and `bench render` time the app on. It is
/// closed cleanly before anything is timed (the WAL checkpointed and
/// truncated), so opening it is what a workstation does the morning after
/// a clean close, not WAL recovery of the benchmark's own writes.
struct BenchSchool {
    static let account = DemoSchool.counselorID.rawValue
    static let passphrase = "bench-passphrase"
    static let roles: Set<Role> = [.counselor, .admin]
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    let directory: BenchDirectory
    let database: String
    let students: Int
    let now: LocalDateTime
    /// Seconds spent generating the school (`DemoSchool.generate`) and saving it.
    let generating: Double
    let saving: Double

    init(students: Int, in directory: BenchDirectory) throws {
        self.directory = directory
        self.students = students
        database = directory.path + "/school.db"
        now = LocalDateTime(Date(), in: Self.zone)
        var pass = Array(Self.passphrase.utf8)
        let (vault, _) = try Vault.create(database: database, account: Self.account, roles: [.counselor, .admin],
                                          passphrase: &pass, kdf: .preset(.interactive))
        defer { vault.lock() }
        let store = try Store(vault: vault, writer: try vault.makePool(), timeZone: Self.zone)
        let calendar = try store.calendar()
        let now = now
        var school: DemoSchool?
        generating = Clock.seconds { school = DemoSchool.generate(students: students, seed: 9, now: now, calendar: calendar) }
        saving = try Clock.seconds { try store.saveDemo(school!, by: DemoSchool.counselorID, at: now) }
        guard try store.close(vault: vault) == .checkpointed else { throw BenchError.sqlite("the generated school did not close cleanly") }
    }

    /// Bytes of the database file and of its WAL (0 when absent).
    var sizes: (database: Int, wal: Int) {
        func size(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        return (size(database), size(database + "-wal"))
    }

    /// Unlocks the school as its counselor (Argon2id at the `interactive`
    /// cost, the keyring's signatures and grants): the part of opening the
    /// workstation before the store.
    static func unlock(_ database: String) throws -> UnlockedVault {
        var pass = Array(passphrase.utf8)
        return try Vault.unlock(database: database, account: account, passphrase: &pass)
    }

    /// What the workstation does after the unlock: open the store, load
    /// what the screen shows (`Snapshot.load`), draw the first 200×60
    /// frame. Returns the loaded state, the frame and the times of the
    /// three steps in seconds; the caller closes `store`.
    static func firstFrame(_ vault: UnlockedVault, now: LocalDateTime, width: Int = 200, height: Int = 60) throws
        -> (state: AppState, frame: Buffer, store: Store, open: Double, load: Double, draw: Double) {
        let start = Clock.now
        let store = try Store(vault: vault, writer: try vault.makePool(), timeZone: zone)
        let opened = Clock.now
        var state = AppState(language: .zhHans, accounts: [account], now: now, wall: Date())
        state.width = width
        state.height = height
        _ = Update.update(&state, .unlocked(account: account, roles: roles))
        let snapshot = try Snapshot.load(from: store, roles: roles, now: now)
        let loaded = Clock.now
        _ = Update.update(&state, .loaded(snapshot))
        let frame = Render.frame(state)
        let drawn = Clock.now
        return (state, frame, store, Clock.seconds(start, opened), Clock.seconds(opened, loaded), Clock.seconds(loaded, drawn))
    }
}

/// A private temporary directory (0700), removed with everything in it.
final class BenchDirectory {
    let path: String

    init(_ name: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("xindesk-bench-\(name)-\(getpid())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Monotonic time for the benchmarks.
enum Clock {
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func seconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to - from) / 1e9 }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = now
        try body()
        return seconds(start, now)
    }
}

/// The machine's load (/proc/loadavg: runnable processes averaged over 1,
/// 5 and 15 minutes), printed at the start and end of a benchmark so a
/// figure from a busy machine shows as such.
enum MachineLoad {
    static func line(_ when: String) -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        let averages = text.split(separator: " ").prefix(3).joined(separator: " ")
        return "load \(when): " + (averages.isEmpty ? "unknown (no /proc/loadavg)" : averages + " (1, 5, 15 min; \(ProcessInfo.processInfo.activeProcessorCount) cores)")
    }
}
