import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// File operations with the durability and privacy the store needs: files
/// created 0600 and never over an existing one, replacement by temp file +
/// fsync + rename + fsync of the folder, so a crash leaves the old or the
/// new version and never half of one.
enum SafeFile {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func error(_ path: String, _ err: Int32, _ what: String) -> VaultError {
        let detail = "\(what): \(String(cString: strerror(err))) (errno \(err))"
        switch err {
        case EACCES, EPERM, EROFS: return .permissionDenied(path: path, detail: detail)
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        default: return .io(path: path, detail: detail)
        }
    }

    /// Creates a new empty file with mode 0600; fails if it exists.
    static func createExclusive(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw VaultError.databaseExists(path: path) }
            throw error(path, errno, "open(O_CREAT|O_EXCL)")
        }
        close(fd)
    }

    /// Makes the folder (and parents) with mode 0700 when missing.
    static func ensureDirectory(_ dir: String) throws {
        if exists(dir) { return }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw VaultError.permissionDenied(path: dir, detail: "\(error)")
        }
    }

    static func read(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(path, errno, "open") }
        defer { close(fd) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 { if errno == EINTR { continue }; throw error(path, errno, "read") }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
            if data.count > 16 << 20 { throw VaultError.io(path: path, detail: "file larger than 16 MiB") }
        }
        return data
    }

    /// Writes `data` to `path` atomically with mode 0600.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error(tmp, errno, "open temp") }
        var ok = false
        defer { if !ok { unlink(tmp) } }
        try data.withUnsafeBytes { (b: UnsafeRawBufferPointer) in
            var done = 0
            while done < b.count {
                let n = write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 { if errno == EINTR { continue }; let e = errno; close(fd); throw error(path, e, "write") }
                done += n
            }
        }
        if fsync(fd) != 0 { let e = errno; close(fd); throw error(path, e, "fsync") }
        close(fd)
        try rename(tmp, over: path)
        ok = true
    }

    /// Atomic rename followed by an fsync of the folder, so the new name
    /// survives a power cut.
    static func rename(_ from: String, over to: String) throws {
        if Glibc.rename(from, to) != 0 { throw error(to, errno, "rename") }
        syncDirectory(of: to)
    }

    static func syncDirectory(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    static func remove(_ path: String) {
        unlink(path)
    }
}
