import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An advisory `flock` on `<db>.lock`: every unlocked xindesk holds it
/// shared; key rotation, which replaces the database file, needs it
/// exclusively, so it never renames a file from under a running workstation.
/// Changes to the keyring take `<db>.keys.lock` exclusively besides (see
/// `exclusively`).
final class LockFile: @unchecked Sendable {
    private var fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SafeFile.error(path, errno, "open lock file") }
        while flock(fd, LOCK_SH) != 0 {
            if errno == EINTR { continue }
            let e = errno
            close(fd)
            throw SafeFile.error(path, e, "flock(LOCK_SH)")
        }
    }

    /// Tries to become the only holder; false when another process holds it,
    /// in which case this one still holds its shared lock.
    func tryExclusive() -> Bool {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
        // flock(2) converts a lock by dropping it first: a refused upgrade
        // left this session holding nothing, so another process could then
        // rotate the key from under it. Take the shared lock back.
        shared()
        return false
    }

    /// `tryExclusive` again and again for up to `timeout` seconds, with a
    /// random pause between tries, so two sessions that both want it (two
    /// `user passwd` at once) do not keep refusing each other. Meanwhile
    /// another process may have rotated the key: the caller re-reads.
    func waitExclusive(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if tryExclusive() { return true }
            usleep(UInt32.random(in: 20_000...80_000))
        } while Date() < deadline
        return false
    }

    func shared() {
        _ = flock(fd, LOCK_SH)
    }

    func release() {
        if fd >= 0 { close(fd) }   // closing drops the lock
        fd = -1
    }

    deinit { release() }

    /// Runs `body` holding `path` (the keyring's lock, `<db>.keys.lock`)
    /// exclusively, waiting for any other holder: every change to the
    /// keyring reads it, changes it and writes it inside, so two changes
    /// made at once (two `user add`, a `user passwd` and a `user add`) are
    /// applied one after the other and neither is lost. A file of its own,
    /// because `<db>.lock` is held shared by every open workstation for as
    /// long as it is open: a keyring change must not wait for them all to
    /// close, only for another keyring change. flock(2) locks belong to the
    /// open file, so two sessions in one process exclude each other too.
    static func exclusively<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SafeFile.error(path, errno, "open keyring lock") }
        defer { close(fd) }   // closing drops the lock
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw SafeFile.error(path, errno, "flock(LOCK_EX)")
        }
        return try body()
    }
}
