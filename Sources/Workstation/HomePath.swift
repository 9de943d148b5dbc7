import Foundation

/// `~/x` as the shell means it: under `$HOME`. Foundation's own expansion
/// reads the password database on Linux and ignores `$HOME`.
enum HomePath {
    static func expand(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
