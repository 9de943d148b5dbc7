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
        let separator = detectSeparator(text)
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1, rowLine = 1, quoteLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
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
