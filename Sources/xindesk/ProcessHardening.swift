#if canImport(Glibc)
import Glibc
#endif

/// Keeps decrypted records out of crash output: no core files, the
/// process is not dumpable (which also keeps other users' debuggers out),
/// and Swift's runtime backtracer never runs.
enum ProcessHardening {
    /// From <linux/prctl.h>; Glibc's Swift module does not export prctl.
    private static let PR_SET_DUMPABLE: Int32 = 4
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    static func apply() {
        disableRuntimeBacktracer()
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
            _ = unsafeBitCast(sym, to: Prctl.self)(PR_SET_DUMPABLE, 0, 0, 0, 0)
        }
    }

    /// What the runtime's backtracer must be told: nothing at all.
    static let backtraceSetting = "enable=no"

    /// On a crash Swift's runtime backtracer takes the terminal (for 30 s,
    /// interactively, when it is one) and prints registers and memory, with
    /// decrypted records among them. The runtime reads `SWIFT_BACKTRACE`
    /// once, before `main`, so the program runs itself again with
    /// `enable=no` in its environment: the same executable and arguments,
    /// the same process id and descriptors (execv), before anything else is
    /// done. Should that fail (no /proc), the backtracer's signal handlers
    /// are replaced by the default ones, which is enough to keep it out.
    static func disableRuntimeBacktracer() {
        if let value = getenv("SWIFT_BACKTRACE"), String(cString: value) == backtraceSetting { return }
        if setenv("SWIFT_BACKTRACE", backtraceSetting, 1) == 0 { _ = execv("/proc/self/exe", CommandLine.unsafeArgv) }
        for sig in [SIGQUIT, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP] { signal(sig, SIG_DFL) }
    }
}
