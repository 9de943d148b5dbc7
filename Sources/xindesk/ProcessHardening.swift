#if canImport(Glibc)
import Glibc
#endif

/// Keeps decrypted records out of crash output: no core files, and the
/// process is not dumpable (which also keeps other users' debuggers out).
enum ProcessHardening {
    /// From <linux/prctl.h>; Glibc's Swift module does not export prctl.
    private static let PR_SET_DUMPABLE: Int32 = 4
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    static func apply() {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
            _ = unsafeBitCast(sym, to: Prctl.self)(PR_SET_DUMPABLE, 0, 0, 0, 0)
        }
    }
}
