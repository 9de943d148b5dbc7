import Counseling
import Foundation
import Terminal

/// `~/.config/xindesk/config.toml`: database path, language, theme,
/// idle-lock minutes. A mistake is reported with its line.
public struct Config: Equatable, Sendable {
    public var database: String?
    public var language: Language?
    public var theme = "default"
    public var idleLockMinutes = 5

    public init() {}

    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/xindesk/config.toml"
    }

    public struct Problem: Error, Equatable, Sendable {
        public var file: String
        public var line: Int
        public var reason: String
        public var english: String { "The settings file \(file) has an error on line \(line): \(reason)." }
        public var chinese: String { "设置文件 \(file) 第 \(line) 行有误：\(reason)。" }
    }

    /// Reads the file if it exists (a missing file means the defaults).
    public static func load(_ path: String) throws(Problem) -> Config {
        guard let data = FileManager.default.contents(atPath: path) else { return Config() }
        guard let text = String(data: data, encoding: .utf8) else { throw Problem(file: path, line: 1, reason: "not UTF-8 text") }
        let entries: [TOMLSubset.Entry]
        do { entries = try TOMLSubset.parse(text) } catch {
            throw Problem(file: path, line: error.line, reason: (error.key.isEmpty ? "" : "\(error.key): ") + error.reason)
        }
        var config = Config()
        for e in entries {
            guard e.table.isEmpty else { throw Problem(file: path, line: e.line, reason: "unknown table [\(e.table)]") }
            switch (e.key, e.value) {
            case ("database", .string(let s)): config.database = (s as NSString).expandingTildeInPath
            case ("language", .string(let s)):
                guard let l = parseLanguage(s) else { throw Problem(file: path, line: e.line, reason: "language is \"zh\" or \"en\"") }
                config.language = l
            case ("theme", .string(let s)): config.theme = s
            case ("idle_lock_minutes", .integer(let n)):
                guard (1...120).contains(n) else { throw Problem(file: path, line: e.line, reason: "idle_lock_minutes is 1 to 120") }
                config.idleLockMinutes = n
            default:
                throw Problem(file: path, line: e.line,
                              reason: "unknown setting \(e.key) (known: database, language, theme, idle_lock_minutes)")
            }
        }
        return config
    }

    public static func parseLanguage(_ s: String) -> Language? {
        let t = s.lowercased()
        if t.hasPrefix("zh") || t == "中文" { return .zhHans }
        if t.hasPrefix("en") { return .en }
        return nil
    }
}
