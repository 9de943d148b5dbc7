import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A report file: created new (never over an existing file, even one
/// that appears between a check and the write: O_EXCL), mode 0600 whatever
/// the umask, since the figures are the bureau's and not for every
/// account on the machine.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        try write(data: Data(text.utf8), to: path)
    }

    static func write(data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw DistrictError.outputExists(path) }
            throw DistrictError.cannotWrite(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array(data)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                let why = String(cString: strerror(errno))
                unlink(path)
                throw DistrictError.cannotWrite(path, why)
            }
            offset += n
        }
    }
}
