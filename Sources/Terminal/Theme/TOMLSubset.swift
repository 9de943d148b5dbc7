import Foundation

/// A strict reader for the small TOML our settings files use: `[table]`
/// headers, `key = "string"`, integers, booleans, arrays of strings, and
/// comments. The TOML package on our package mirror (TOMLKit) depends on a
/// package the mirror does not carry, and a settings file needs errors that
/// name the line and key, which this gives.
public enum TOMLSubset {
    public enum Value: Equatable, Sendable {
        case string(String)
        case integer(Int)
        case bool(Bool)
        case strings([String])
    }

    public struct Entry: Equatable, Sendable {
        public var table: String
        public var key: String
        public var value: Value
        public var line: Int
    }

    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
        public var key: String
        public var reason: String
    }

    public static func parse(_ text: String) throws(ParseError) -> [Entry] {
        var entries: [Entry] = []
        var table = ""
        var seen = Set<String>()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = i + 1
            let line = stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw ParseError(line: n, key: "", reason: "a table header is written [name]") }
                table = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw ParseError(line: n, key: "", reason: "expected key = value") }
            var key = String(line[..<eq]).trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("\"") && key.hasSuffix("\"") && key.count >= 2 { key = String(key.dropFirst().dropLast()) }
            guard !key.isEmpty else { throw ParseError(line: n, key: "", reason: "a key is missing before =") }
            let full = table.isEmpty ? key : table + "." + key
            guard seen.insert(full).inserted else { throw ParseError(line: n, key: key, reason: "the key is set twice") }
            let valueText = String(line[line.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            entries.append(Entry(table: table, key: key, value: try value(valueText, line: n, key: key), line: n))
        }
        return entries
    }

    static func value(_ text: String, line: Int, key: String) throws(ParseError) -> Value {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let i = Int(text.replacingOccurrences(of: "_", with: "")) { return .integer(i) }
        if text.hasPrefix("\"") {
            guard let s = string(text) else { throw ParseError(line: line, key: key, reason: "the string is not closed with \"") }
            return .string(s)
        }
        if text.hasPrefix("[") && text.hasSuffix("]") {
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            if inner.isEmpty { return .strings([]) }
            var items: [String] = []
            for part in splitOutsideQuotes(String(inner)) {
                let p = part.trimmingCharacters(in: .whitespaces)
                if p.isEmpty { continue }
                guard let s = string(p) else { throw ParseError(line: line, key: key, reason: "a list holds quoted strings only") }
                items.append(s)
            }
            return .strings(items)
        }
        throw ParseError(line: line, key: key, reason: "the value must be \"text\", a number, true/false or a list")
    }

    /// A basic string with \" \\ \n \t escapes; nil if not exactly one string.
    static func string(_ text: String) -> String? {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
        var out = ""
        var escaped = false
        for c in text.dropFirst().dropLast() {
            if escaped {
                switch c { case "n": out.append("\n"); case "t": out.append("\t"); default: out.append(c) }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                return nil
            } else {
                out.append(c)
            }
        }
        return escaped ? nil : out
    }

    static func splitOutsideQuotes(_ text: String) -> [String] {
        var parts: [String] = [], current = "", inString = false, escaped = false
        for c in text {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && inString { escaped = true; current.append(c); continue }
            if c == "\"" { inString.toggle() }
            if c == "," && !inString { parts.append(current); current = "" } else { current.append(c) }
        }
        parts.append(current)
        return parts
    }

    static func stripComment(_ line: String) -> String {
        var inString = false, escaped = false
        for (i, c) in line.enumerated() {
            if escaped { escaped = false; continue }
            if c == "\\" && inString { escaped = true; continue }
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { return String(line.prefix(i)) }
        }
        return line
    }
}
