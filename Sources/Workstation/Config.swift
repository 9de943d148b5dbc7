import Counseling
import Foundation
import Terminal

/// `~/.config/xindesk/config.toml`: what belongs to one terminal (database
/// path, language, theme, idle-lock minutes, the opening-policy profile it
/// checks). The region's hotlines are the school's, in the school file;
/// an old file's `hotlines` is still read and shown until the school
/// stores its own (`Snapshot.load`). A mistake is reported with its line.
public struct Config: Equatable, Sendable {
    public var database: String?
    public var language: Language?
    public var theme = "default"
    public var idleLockMinutes = 5
    /// Which opening rules the compliance view checks (nil: the school's
    /// saved policy, else primary and secondary schools).
    public var openingProfile: OpeningPolicy.Profile?
    /// An old file's hotlines, shown on the crisis checklist until the
    /// school stores its own with the school file (nil: the checklist's).
    public var hotlines: [Hotline]?

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
        public var message: LocalizedText {
            LocalizedText(zh: "设置文件 \(file) 第 \(line) 行有误：\(reason)。",
                          en: "The settings file \(file) has an error on line \(line): \(reason).")
        }
        // The two halves by name, as the config tests read them.
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
            case ("database", .string(let s)): config.database = HomePath.expand(s)
            case ("language", .string(let s)):
                guard let l = parseLanguage(s) else { throw Problem(file: path, line: e.line, reason: "language is \"zh\" or \"en\"") }
                config.language = l
            case ("theme", .string(let s)): config.theme = s
            case ("idle_lock_minutes", .integer(let n)):
                guard (1...120).contains(n) else { throw Problem(file: path, line: e.line, reason: "idle_lock_minutes is 1 to 120") }
                config.idleLockMinutes = n
            case ("opening_policy", .string(let s)):
                guard let profile = OpeningPolicy.Profile.allCases.first(where: {
                    [$0.rawValue, $0.displayName.zh, $0.displayName.en].contains(s.trimmingCharacters(in: .whitespaces).lowercased())
                }) else {
                    throw Problem(file: path, line: e.line, reason: "opening_policy is \"primary-secondary\" or \"university\"")
                }
                config.openingProfile = profile
            case ("hotlines", .strings(let lines)):
                config.hotlines = try lines.enumerated().map { (i, line) throws(Problem) in
                    try hotline(line, entry: i + 1, file: path, line: e.line)
                }
                if config.hotlines == [] { throw Problem(file: path, line: e.line, reason: "hotlines is empty (leave it out for the national ones)") }
            default:
                throw Problem(file: path, line: e.line,
                              reason: "unknown setting \(e.key), or a value of the wrong kind (known: database, language, theme, "
                                  + "idle_lock_minutes, opening_policy, hotlines)")
            }
        }
        return config
    }

    /// `"0471-12356 呼和浩特市心理援助热线"`: the number, a space, the name.
    static func hotline(_ text: String, entry: Int, file: String, line: Int) throws(Problem) -> Hotline {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        let example = "like \"12356 全国统一心理援助热线\""
        guard parts.count == 2 else {
            throw Problem(file: file, line: line, reason: "hotline \(entry) \"\(text)\" needs a number and a name, \(example)")
        }
        let name = parts[1].trimmingCharacters(in: .whitespaces)
        let hotline = Hotline(number: String(parts[0]), name: LocalizedText(zh: name, en: name))
        if !hotline.validate().isEmpty {
            throw Problem(file: file, line: line,
                          reason: "hotline \(entry) \"\(text)\" is not a phone number (digits and hyphens) and a one-line name, \(example)")
        }
        return hotline
    }

    public static func parseLanguage(_ s: String) -> Language? {
        let t = s.lowercased()
        if t.hasPrefix("zh") || t == "中文" { return .zhHans }
        if t.hasPrefix("en") { return .en }
        return nil
    }
}
