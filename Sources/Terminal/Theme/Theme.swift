import Foundation

/// A colour as the terminal understands it: its default, or one of the 256
/// xterm colours (0–15 are the basic and bright ANSI colours).
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// "default", a colour name ("red", "bright-blue"), 0–255, or "#rrggbb"
    /// (mapped to the nearest colour of the 256-colour cube or grey ramp).
    public static func parse(_ text: String) -> TerminalColor? {
        let t = text.lowercased()
        if t == "default" || t == "none" { return .terminalDefault }
        if let i = names.firstIndex(of: t) { return .index(i) }
        if t.hasPrefix("bright-"), let i = names.firstIndex(of: String(t.dropFirst(7))) { return .index(i + 8) }
        if let n = Int(t), (0...255).contains(n) { return .index(n) }
        if t.hasPrefix("#"), t.count == 7, let v = Int(t.dropFirst(), radix: 16) {
            return .index(nearest256(r: (v >> 16) & 0xFF, g: (v >> 8) & 0xFF, b: v & 0xFF))
        }
        return nil
    }

    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func step(_ c: Int) -> Int { levels.enumerated().min { abs($0.element - c) < abs($1.element - c) }!.offset }
        let cube = 16 + 36 * step(r) + 6 * step(g) + step(b)
        let grey = (r + g + b) / 3
        let greyIndex = grey < 8 ? 16 : grey > 238 ? 231 : 232 + (grey - 8) / 10
        func distance(_ i: Int) -> Int {
            let (cr, cg, cb) = rgb(i)
            return (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b)
        }
        return distance(cube) <= distance(greyIndex) ? cube : greyIndex
    }

    /// The RGB of a 256-colour index (16–255; the basic 16 approximated).
    static func rgb(_ i: Int) -> (Int, Int, Int) {
        if i < 16 {
            // xterm's defaults: 0-7 at 205 (white 229), bright 8-15 at 255 (bright black 127).
            if i == 7 { return (229, 229, 229) }
            if i == 8 { return (127, 127, 127) }
            let base = i & 7, on = i >= 8 ? 255 : 205
            return (base & 1 != 0 ? on : 0, base & 2 != 0 ? on : 0, base & 4 != 0 ? on : 0)
        }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let levels = [0, 95, 135, 175, 215, 255]
        let c = i - 16
        return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
    }

    /// The nearest of the 16 basic colours, for terminals without 256.
    public var basic: TerminalColor {
        guard case .index(let i) = self, i >= 16 else { return self }
        let (r, g, b) = Self.rgb(i)
        let best = (0..<16).min { a, b2 in
            let (ar, ag, ab) = Self.rgb(a), (br, bg, bb) = Self.rgb(b2)
            return (ar - r) * (ar - r) + (ag - g) * (ag - g) + (ab - b) * (ab - b)
                < (br - r) * (br - r) + (bg - g) * (bg - g) + (bb - b) * (bb - b)
        }!
        return .index(best)
    }
}

/// How one role looks.
public struct RoleLook: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(_ foreground: TerminalColor = .terminalDefault, _ background: TerminalColor = .terminalDefault,
                bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }
}

/// A colour theme: a look for every semantic role.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var looks: [ColorRole: RoleLook]

    public func look(_ role: ColorRole) -> RoleLook { looks[role] ?? looks[.text] ?? RoleLook() }

    /// The built-in dark theme: the app never runs without colours because
    /// a file is missing.
    public static let builtInDefault = Theme(name: "default", looks: [
        .background: RoleLook(), .text: RoleLook(),
        .muted: RoleLook(.index(245)), .accent: RoleLook(.index(75), bold: true),
        .selection: RoleLook(.index(255), .index(24)), .border: RoleLook(.index(240)),
        .header: RoleLook(.index(117), bold: true), .statusBar: RoleLook(.index(252), .index(236)),
        .warning1: RoleLook(.index(178)), .warning2: RoleLook(.index(208), bold: true),
        .warning3: RoleLook(.index(196), bold: true), .ok: RoleLook(.index(71)), .violation: RoleLook(.index(203), bold: true),
    ])

    /// Reads a theme file: a table per role with fg, bg, bold, underline
    /// and reverse. Roles it leaves out keep the default theme's look.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let entries: [TOMLSubset.Entry]
        do { entries = try TOMLSubset.parse(text) } catch {
            throw ThemeError(file: file, line: error.line, key: error.key, reason: error.reason)
        }
        var theme = builtInDefault
        theme.name = (file as NSString).lastPathComponent.replacingOccurrences(of: ".toml", with: "")
        for e in entries {
            if e.table.isEmpty {
                guard e.key == "name", case .string(let n) = e.value else {
                    throw ThemeError(file: file, line: e.line, key: e.key, reason: "only name may stand outside a role table")
                }
                theme.name = n
                continue
            }
            guard let role = ColorRole(rawValue: e.table) else {
                throw ThemeError(file: file, line: e.line, key: e.table,
                                 reason: "unknown role; roles are \(ColorRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var look = theme.look(role)
            switch (e.key, e.value) {
            case ("fg", .string(let s)), ("bg", .string(let s)):
                guard let color = TerminalColor.parse(s) else {
                    throw ThemeError(file: file, line: e.line, key: e.key, reason: "\"\(s)\" is not a colour (a name, 0-255 or #rrggbb)")
                }
                if e.key == "fg" { look.foreground = color } else { look.background = color }
            case ("fg", .integer(let i)), ("bg", .integer(let i)):
                guard (0...255).contains(i) else { throw ThemeError(file: file, line: e.line, key: e.key, reason: "colour numbers are 0-255") }
                if e.key == "fg" { look.foreground = .index(i) } else { look.background = .index(i) }
            case ("bold", .bool(let b)): look.bold = b
            case ("underline", .bool(let b)): look.underline = b
            case ("reverse", .bool(let b)): look.reverse = b
            default:
                throw ThemeError(file: file, line: e.line, key: e.key, reason: "expected fg/bg (colour) or bold/underline/reverse (true/false)")
            }
            theme.looks[role] = look
        }
        return theme
    }
}

/// A theme file that cannot be used, and where.
public struct ThemeError: Error, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var key: String
    public var reason: String

    public var english: String { "Theme \(file), line \(line)\(key.isEmpty ? "" : ", key \(key)"): \(reason). Using the default theme." }
    public var chinese: String { "主题文件 \(file) 第 \(line) 行\(key.isEmpty ? "" : "（\(key)）")有误：\(reason)。已改用默认主题。" }
}

/// Finds a theme by name: the user's folder first, then the shipped ones.
public enum ThemeLoader {
    public static func userDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/xindesk/themes"
    }

    /// Returns the theme, or the default and the reason when the named one
    /// cannot be used.
    public static func load(_ name: String, searching directories: [String]) -> (theme: Theme, problem: ThemeError?) {
        if name == "default" && !directories.contains(where: { FileManager.default.fileExists(atPath: $0 + "/default.toml") }) {
            return (.builtInDefault, nil)
        }
        for dir in directories {
            let path = dir + "/" + name + ".toml"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else {
                return (.builtInDefault, ThemeError(file: path, line: 1, key: "", reason: "the file is not UTF-8 text"))
            }
            do { return (try Theme.parse(text, file: path), nil) } catch { return (.builtInDefault, error) }
        }
        return (.builtInDefault, name == "default" ? nil
                : ThemeError(file: name + ".toml", line: 0, key: "", reason: "no such theme in \(directories.joined(separator: ", "))"))
    }
}
