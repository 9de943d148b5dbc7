import Foundation
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// This binary run again as a child process, timed from spawn to exit, with
/// its peak resident memory (`ru_maxrss` from wait4: the kernel's VmHWM of
/// the child), so a command's wall time and memory are those a teacher's
/// run of it has, start-up and unlock included.
enum BenchChild {
    struct Outcome {
        let seconds: Double
        let peakBytes: Int
        let output: String
    }

    /// Runs `arguments` on this executable with `environment` added; its
    /// output is returned, its error output kept for the failure message.
    static func run(_ arguments: [String], environment: [String: String], in directory: BenchDirectory) throws -> Outcome {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let errPath = directory.path + "/child-stderr", outPath = directory.path + "/child-stdout"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let start = Clock.now
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw BenchError.child("could not start \(executable): error \(rc)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Clock.seconds(start, Clock.now)
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // Exited normally (the low 7 bits zero) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw BenchError.child("`xindesk \(arguments.joined(separator: " "))` failed (status \(status)): \(Sanitizer.oneLine(stderr))")
        }
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024   // KiB on Linux
        #else
        let peak = Int(usage.ru_maxrss)          // bytes on macOS
        #endif
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return Outcome(seconds: seconds, peakBytes: peak, output: output)
    }
}
