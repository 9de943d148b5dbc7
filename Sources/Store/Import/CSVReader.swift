import Foundation

/// RFC 4180 CSV as spreadsheets write it: quoted fields with doubled quotes,
/// commas and line breaks inside quotes, CRLF, LF or CR line ends; a tab or
/// semicolon separator when the header line uses one. Every row keeps the
/// file line it starts on, so problems can point at it.
public enum CSVReader {
    public struct Row: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    public struct Failure: Error, Equatable, Sendable {
        public var line: Int
        public var reason: String
    }

    public static func read(_ text: String) throws(Failure) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1, rowLine = 1, quoteLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        let separator: Unicode.Scalar
        if let declared = declaredSeparator(chars) {
            // Excel's "sep=;" line names the separator and is not a row.
            separator = declared.separator
            i = declared.end
            line = 2; rowLine = 2
        } else {
            separator = detectSeparator(text)
        }
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 }
                    else { inQuotes = false }
                } else {
                    if c == "\n" || (c == "\r" && !(i + 1 < chars.count && chars[i + 1] == "\n")) { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            } else if c == separator {
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            } else if c == "\r" || c == "\n" {
                if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
                endRow()
                line += 1
                rowLine = line
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes { throw Failure(line: quoteLine, reason: "unterminated quote") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        // Rows of nothing but empty cells (spreadsheets pad with them) are skipped.
        return rows.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// The separator a first line "sep=X" declares, and where the next line
    /// starts.
    static func declaredSeparator(_ chars: [Unicode.Scalar]) -> (separator: Unicode.Scalar, end: Int)? {
        guard chars.count >= 5, String(String.UnicodeScalarView(chars[0..<4])).lowercased() == "sep=" else { return nil }
        let separator = chars[4]
        guard separator != "\r", separator != "\n", separator != "\"" else { return nil }
        var end = 5
        if end < chars.count, chars[end] == "\r" { end += 1 }
        if end < chars.count, chars[end] == "\n" { end += 1 }
        guard end > 5 || end == chars.count else { return nil }
        return (separator, end)
    }

    /// The separator the header line uses most, outside quotes.
    static func detectSeparator(_ text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, "\t": 0, ";": 0]
        var inQuotes = false
        for c in text.unicodeScalars {
            if c == "\"" { inQuotes.toggle() }
            if !inQuotes && (c == "\n" || c == "\r") { break }
            if !inQuotes, counts[c] != nil { counts[c]! += 1 }
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key != "," }!
        return best.value == 0 ? "," : best.key
    }
}
